/**
 * Tracking codes in the UPU S10 shape the Vietnamese post uses (e.g. RR123456785VN): two
 * letters (service), eight serial digits, one check digit, two letters (country). The pool
 * holds codes the post office assigned to the Department; the check digit catches typos.
 */
const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];
export const TRACKING_CODE_PATTERN = /^[A-Z]{2}\d{9}[A-Z]{2}$/;

/** The S10 check digit of an eight-digit serial. */
export function s10CheckDigit(serial: string): number {
  if (!/^\d{8}$/.test(serial)) {
    throw new RangeError(`an S10 serial has eight digits: '${serial}'`);
  }
  const sum = [...serial].reduce((n, d, i) => n + Number(d) * WEIGHTS[i], 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

export function trackingCode(service: string, serial: number, country = 'VN'): string {
  if (!/^[A-Z]{2}$/.test(service) || !/^[A-Z]{2}$/.test(country)) {
    throw new RangeError('service and country are two capital letters');
  }
  if (!Number.isInteger(serial) || serial < 0 || serial > 99_999_999) {
    throw new RangeError(`an S10 serial is 0..99999999: ${serial}`);
  }
  const digits = String(serial).padStart(8, '0');
  return `${service}${digits}${s10CheckDigit(digits)}${country}`;
}

export function isValidTrackingCode(code: string): boolean {
  if (!TRACKING_CODE_PATTERN.test(code)) {
    return false;
  }
  return s10CheckDigit(code.slice(2, 10)) === Number(code[10]);
}

/** Most codes one pool import may add (a post office hands out ranges of this order). */
export const MAX_POOL_IMPORT = 10_000;
