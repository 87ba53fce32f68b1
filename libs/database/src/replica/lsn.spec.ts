import { lsnToBigInt } from './lsn';

describe('lsnToBigInt', () => {
  it.each([
    ['0/0', 0n],
    ['0/16B3748', 0x16b3748n],
    ['1/0', 1n << 32n],
    ['16/B374D848', (0x16n << 32n) + 0xb374d848n],
    ['FFFFFFFF/FFFFFFFF', (1n << 64n) - 1n],
  ])('%s is %s', (lsn, value) => {
    expect(lsnToBigInt(lsn)).toBe(value);
  });

  it('orders positions as PostgreSQL does (not as text)', () => {
    expect(lsnToBigInt('0/FFFFFFFF') < lsnToBigInt('1/0')).toBe(true);
    expect(lsnToBigInt('9/0') < lsnToBigInt('A/0')).toBe(true);
  });

  it.each(['', '0', '0/', 'x/1', '1/2/3', '123456789/0'])('refuses %j', (lsn) => {
    expect(() => lsnToBigInt(lsn)).toThrow('not a WAL position');
  });
});
