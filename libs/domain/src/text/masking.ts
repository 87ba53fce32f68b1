/**
 * Identity numbers and phones as lists show them (worklists, searches, desk lists, the PAKN
 * list, list exports): enough to tell two people apart, not enough to reuse. Only the view of
 * one record (an application's or a petition's detail, its PDF forms) shows them whole.
 */
export const MASK = '*';

/** Letters and digits before the last four become `*` (001203004567 → ********4567). */
export function maskIdNumber(value: string): string;
export function maskIdNumber(value: string | null): string | null;
export function maskIdNumber(value: string | null): string | null {
  if (value === null) {
    return null;
  }
  const keep = Math.max(0, value.length - 4);
  return value.slice(0, keep).replace(/[\p{L}\p{N}]/gu, MASK) + value.slice(keep);
}

/**
 * Only the first three characters stay (the network prefix: 091, 038, +84), every later digit
 * becomes `*` (0912345678 → 091*******). The last four digits stay hidden on purpose: with
 * the application code they are what the citizen's public look-up and rating ask for.
 */
export function maskPhone(value: string): string;
export function maskPhone(value: string | null): string | null;
export function maskPhone(value: string | null): string | null {
  if (value === null) {
    return null;
  }
  return value.slice(0, 3) + value.slice(3).replace(/\d/g, MASK);
}
