import { searchKey } from './search-key';

describe('searchKey', () => {
  it.each([
    ['Nguyễn Văn Đức', 'nguyen van duc'],
    ['  TRẦN   thị  Ánh ', 'tran thi anh'],
    ['Lê Thị Hồng Nhung', 'le thi hong nhung'],
    ['nguyen van duc', 'nguyen van duc'],
    // Decomposed (NFD) input gives the same key as composed (NFC) input.
    ['Nguye\u0302\u0303n', 'nguyen'],
  ])('%s → %s', (input, expected) => {
    expect(searchKey(input)).toBe(expected);
  });
});
