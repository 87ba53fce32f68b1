import { newPasswordProblems, PASSWORD_MAX_BYTES, passwordTooLong } from './password-policy';

const policy = { minLength: 12 };

describe('new password policy', () => {
  it.each([
    ['motcua-la-so-1-khong', []],
    ['Đường lên Sa Pa 2026', []],
    ['correct horse battery', []],
    ['short1!', ['must be at least 12 characters']],
    // counted in characters: 12 Vietnamese letters are 12, not 24+ bytes
    ['ắằẳẵặâấầẩẫậđ', []],
    ['12345678', ['must be at least 12 characters', 'is too common or too easy to guess']],
    ['123456789012', ['is too common or too easy to guess']],
    ['Password1234', ['is too common or too easy to guess']],
    ['Matkhau@2026', ['is too common or too easy to guess']],
    ['2026@matkhau!!', ['is too common or too easy to guess']],
    ['MOTCUA2026!!', ['is too common or too easy to guess']],
    ['anhyeuem1234', ['is too common or too easy to guess']],
    ['aaaaaaaaaaaaaaaa', ['is too common or too easy to guess']],
    ['abababababababab', ['is too common or too easy to guess']],
    ['!!!!2026@@@@', ['is too common or too easy to guess']],
  ])('%j → %j', (password, expected) => {
    expect(newPasswordProblems(password, policy)).toEqual(expected);
  });

  it('refuses a password that contains the username', () => {
    expect(
      newPasswordProblems('tiepnhan_sogd_2026', policy, { username: 'tiepnhan_sogd' }),
    ).toEqual(['must not contain the username']);
  });

  it('caps by bytes: 256 bytes pass, 257 do not (3-byte letters counted as 3)', () => {
    const ok = 'ầẩẫấậ'.repeat(17) + 'x'; // 85 × 3 + 1 = 256 bytes
    expect(Buffer.byteLength(ok)).toBe(PASSWORD_MAX_BYTES);
    expect(newPasswordProblems(ok, policy)).toEqual([]);
    expect(passwordTooLong(ok)).toBe(false);
    const over = `${ok}y`;
    expect(newPasswordProblems(over, policy)).toEqual([`must be at most 256 bytes in UTF-8`]);
    expect(passwordTooLong(over)).toBe(true);
  });

  it('follows the configured minimum', () => {
    expect(newPasswordProblems('ba-con-meo-x', { minLength: 8 })).toEqual([]);
    expect(newPasswordProblems('ba-con-meo-x', { minLength: 16 })).toEqual([
      'must be at least 16 characters',
    ]);
  });
});
