import { ApplicationEventPayload, ApplicationEventType as E } from '@app/messaging';
import { viDateTime } from '@app/documents';
import type { MailTarget } from '@app/database';

function listOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Subject and plain-text body (Vietnamese) of the e-mail for one event. */
export function citizenMail(
  type: string,
  payload: ApplicationEventPayload,
  target: MailTarget,
  statusUrl: string,
): { subject: string; text: string } | null {
  const head = [`Kính gửi ông/bà ${target.fullName},`, ''];
  const tail = [
    '',
    `Mã hồ sơ: ${target.code}`,
    `Thủ tục: ${target.procedureName}`,
    `Theo dõi hồ sơ: ${statusUrl}`,
    '',
    'Thư này được gửi tự động; vui lòng không trả lời.',
  ];
  const mail = (subject: string, lines: string[]) => ({
    subject: `[Một cửa] ${subject} — hồ sơ ${target.code}`,
    text: [...head, ...lines, ...tail].join('\n'),
  });
  // Only these events are mailed (they are the ones routed to this consumer).
  const lines: Partial<Record<string, [string, string[]]>> = {
    [E.Submitted]: [
      'Đã nhận hồ sơ nộp trực tuyến',
      [
        'Hồ sơ của ông/bà đã được nộp trực tuyến (trạng thái: Mới đăng ký).',
        'Bộ phận Một cửa sẽ kiểm tra và thông báo việc tiếp nhận hoặc từ chối tiếp nhận.',
      ],
    ],
    [E.Received]: [
      'Hồ sơ được tiếp nhận',
      [
        'Hồ sơ của ông/bà đã được tiếp nhận.',
        payload.dueAt
          ? `Ngày hẹn trả kết quả: ${viDateTime(new Date(payload.dueAt))}.`
          : 'Ngày hẹn trả kết quả sẽ được thông báo sau.',
      ],
    ],
    [E.Refused]: [
      'Hồ sơ không được tiếp nhận',
      [
        'Hồ sơ của ông/bà không được tiếp nhận, vì:',
        ...listOf(payload.data.reasons).map((r) => `- ${r}`),
      ],
    ],
    [E.SupplementRequested]: [
      'Yêu cầu bổ sung hồ sơ',
      [
        'Hồ sơ cần bổ sung, hoàn thiện các giấy tờ sau:',
        ...listOf(payload.data.items).map((item, i) => `${i + 1}. ${item}`),
        'Ông/bà có thể nộp bổ sung trực tuyến trên trang theo dõi hồ sơ.',
      ],
    ],
    [E.ResultReady]: ['Hồ sơ đã có kết quả', ['Hồ sơ của ông/bà đã được giải quyết xong.']],
    [E.Stopped]: ['Hồ sơ dừng xử lý', ['Hồ sơ của ông/bà đã dừng xử lý.']],
  };
  const chosen = lines[type];
  return chosen ? mail(chosen[0], chosen[1]) : null;
}
