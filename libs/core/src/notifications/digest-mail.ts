import type { PendingDigest } from '@app/database';

/**
 * Items listed in one digest; the rest are counted and wait in the app's inbox. A night of
 * escalations left ~800 unsent items per recipient at 10 M applications (bench:jobs): one
 * e-mail listing them all helps no one and makes the job's read grow with the backlog.
 */
export const DIGEST_LISTED_ITEMS = 50;

/** Subject and plain-text body (Vietnamese) of one recipient's digest. */
export function digestMail(digest: PendingDigest): { subject: string; text: string } {
  const n = digest.total;
  const lines = digest.items.map((item, i) => `${i + 1}. ${item.title}\n   ${item.body}`);
  const more = n - digest.items.length;
  return {
    subject: `[Một cửa] ${n} hồ sơ cần xử lý`,
    text: [
      `Kính gửi ${digest.fullName},`,
      '',
      `Hệ thống Một cửa có ${n} thông báo mới cần anh/chị xem và xử lý:`,
      '',
      ...lines,
      ...(more > 0
        ? ['', `… và ${more} thông báo khác: xem đầy đủ tại mục Thông báo trên hệ thống.`]
        : []),
      '',
      'Thư này được gửi tự động; vui lòng không trả lời.',
    ].join('\n'),
  };
}
