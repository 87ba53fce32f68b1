import { maskIdNumber, maskPhone } from './masking';

describe('maskIdNumber', () => {
  it.each([
    ['001203004567', '********4567'],
    ['012345678', '*****5678'],
    ['B1234567', '****4567'],
    ['0123456789-001', '**********-001'],
    ['123', '123'],
  ])('%s → %s', (input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });

  it('keeps null', () => {
    expect(maskIdNumber(null)).toBeNull();
  });
});

describe('maskPhone', () => {
  it.each([
    ['0912345678', '091*******'],
    ['02838123456', '028********'],
    ['+84912345678', '+84*********'],
  ])('%s → %s', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it('never shows the last four digits the public look-up asks for', () => {
    expect(maskPhone('0912345678')).not.toContain('5678');
    expect(maskPhone('+84912345678').replace(/\D/g, '')).toBe('84');
  });

  it('keeps null', () => {
    expect(maskPhone(null)).toBeNull();
  });
});
