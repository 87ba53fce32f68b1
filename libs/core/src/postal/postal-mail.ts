import type { PostalAddress } from '@app/database';

/** One line of a Vietnamese postal address: street, commune, district, province. */
export function addressLine(a: PostalAddress): string {
  return [a.street, a.commune, a.district, a.province].filter((p) => p).join(', ');
}

/** The applicant's e-mail when the result is ready and goes by post (subject, plain text). */
export function resultByPostMail(m: {
  fullName: string;
  code: string;
  procedureName: string;
  trackingCode: string;
  receiver: PostalAddress;
  statusUrl: string;
}): { subject: string; text: string } {
  return {
    subject: `[Một cửa] Kết quả sẽ được gửi qua bưu chính — hồ sơ ${m.code}`,
    text: [
      `Kính gửi ông/bà ${m.fullName},`,
      '',
      'Kết quả giải quyết hồ sơ của ông/bà đã có và sẽ được gửi qua dịch vụ bưu chính công ích',
      `đến: ${m.receiver.name}, ${addressLine(m.receiver)}.`,
      `Mã bưu gửi: ${m.trackingCode}. Bưu điện sẽ liên hệ theo số điện thoại ${m.receiver.phone} khi phát.`,
      '',
      `Mã hồ sơ: ${m.code}`,
      `Thủ tục: ${m.procedureName}`,
      `Theo dõi hồ sơ: ${m.statusUrl}`,
      '',
      'Thư này được gửi tự động; vui lòng không trả lời.',
    ].join('\n'),
  };
}
