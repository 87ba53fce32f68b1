import type { PendingDigest } from '@app/database';

/** Subject and plain-text body (Vietnamese) of one recipient's digest. */
export function digestMail(digest: PendingDigest): { subject: string; text: string } {
  const n = digest.items.length;
  const lines = digest.items.map((item, i) => `${i + 1}. ${item.title}\n   ${item.body}`);
  return {
    subject: `[Một cửa] ${n} hồ sơ cần xử lý`,
    text: [
      `Kính gửi ${digest.fullName},`,
      '',
      `Hệ thống Một cửa có ${n} thông báo mới cần anh/chị xem và xử lý:`,
      '',
      ...lines,
      '',
      'Thư này được gửi tự động; vui lòng không trả lời.',
    ].join('\n'),
  };
}
