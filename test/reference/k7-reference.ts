/**
 * K7 written straight from the domain spec §4, independently of libs/domain: "dossiers
 * received via channel 3 ÷ all received; results returned by post ÷ results returned", over
 * a range of local (Asia/Ho_Chi_Minh, UTC+7 all year) dates, both ends included.
 */
export interface K7Row {
  channel: string;
  receivedAt: Date | null;
  returnedAt: Date | null;
  resultDeliveryChannel: string | null;
}

export interface K7Figures {
  receivedByPost: number;
  received: number;
  returnedByPost: number;
  returned: number;
}

const HANOI_OFFSET_MS = 7 * 60 * 60 * 1000;
const localDay = (d: Date) => new Date(d.getTime() + HANOI_OFFSET_MS).toISOString().slice(0, 10);

export function k7Reference(rows: readonly K7Row[], from: string, to: string): K7Figures {
  const within = (d: Date | null) => d !== null && localDay(d) >= from && localDay(d) <= to;
  const received = rows.filter((r) => within(r.receivedAt));
  const returned = rows.filter((r) => within(r.returnedAt));
  return {
    receivedByPost: received.filter((r) => r.channel === 'postal').length,
    received: received.length,
    returnedByPost: returned.filter((r) => r.resultDeliveryChannel === 'postal').length,
    returned: returned.length,
  };
}

/** num ÷ den × 100 rounded to two decimals; null (N/A) when nothing to divide by. */
export const percent = (num: number, den: number) =>
  den === 0 ? null : Math.round((num / den) * 10000) / 100;
