import { PetitionEventPayload, PetitionEventType as P } from '@app/messaging';
import type { PetitionMailTarget } from '@app/database';

/**
 * Subject and plain-text body (Vietnamese) of the e-mail telling a petitioner about one step
 * of their PAKN. Only that petition's own data: its code, title, and the step's text.
 */
export function petitionMail(
  type: string,
  payload: PetitionEventPayload,
  target: PetitionMailTarget,
): { subject: string; text: string } | null {
  const detail = payload.detail?.trim() || null;
  const steps: Partial<Record<string, [string, string[]]>> = {
    [P.NotAccepted]: [
      'Phản ánh, kiến nghị không được tiếp nhận xử lý',
      [
        'Phản ánh, kiến nghị của ông/bà không được tiếp nhận xử lý, vì:',
        detail ?? '(không nêu lý do)',
      ],
    ],
    [P.ClarificationRequested]: [
      'Đề nghị làm rõ nội dung phản ánh, kiến nghị',
      [
        'Để xem xét, xử lý, đề nghị ông/bà làm rõ nội dung sau:',
        detail ?? '',
        'Ông/bà vui lòng liên hệ Bộ phận Một cửa và nêu mã phản ánh dưới đây.',
      ],
    ],
    [P.Forwarded]: [
      'Phản ánh, kiến nghị đã được chuyển cơ quan có thẩm quyền',
      [
        'Nội dung phản ánh, kiến nghị của ông/bà không thuộc thẩm quyền giải quyết của Sở và đã được chuyển đến:',
        detail ?? '',
        'Cơ quan này sẽ xem xét, trả lời ông/bà theo quy định.',
      ],
    ],
    [P.Answered]: [
      'Trả lời phản ánh, kiến nghị',
      ['Sở trả lời phản ánh, kiến nghị của ông/bà như sau:', '', detail ?? ''],
    ],
    [P.Published]: [
      'Câu trả lời phản ánh, kiến nghị đã được công khai',
      [
        'Theo sự đồng ý của ông/bà, câu trả lời phản ánh, kiến nghị đã được công khai.',
        'Các thông tin cá nhân (họ tên, địa chỉ, số điện thoại, thư điện tử) đã được lược bỏ trước khi công khai.',
      ],
    ],
  };
  const chosen = steps[type];
  if (!chosen) {
    return null;
  }
  const [subject, lines] = chosen;
  return {
    subject: `[Một cửa] ${subject} — ${target.code}`,
    text: [
      `Kính gửi ông/bà ${target.fullName},`,
      '',
      ...lines,
      '',
      `Mã phản ánh, kiến nghị: ${target.code}`,
      `Tiêu đề: ${target.title}`,
      '',
      'Thư này được gửi tự động; vui lòng không trả lời.',
    ].join('\n'),
  };
}
