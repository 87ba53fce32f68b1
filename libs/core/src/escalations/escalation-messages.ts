import { localTimeOf, toLocalDate, type EscalationLevel } from '@app/domain';

const two = (n: number) => String(n).padStart(2, '0');

/** "16/03/2026 lúc 17:00" in Vietnam time. */
export function vietnameseDateTime(at: Date): string {
  const [y, m, d] = toLocalDate(at).split('-');
  const { hour, minute } = localTimeOf(at);
  return `${d}/${m}/${y} lúc ${two(hour)}:${two(minute)}`;
}

export interface EscalationMessageInput {
  code: string;
  procedureName: string;
  dueAt: Date;
  overdueWorkingDays: number;
  /** The last moment an apology about dueAt is timely (one working day before it). */
  apologyTimelyUntil: Date;
}

/** Title and body (Vietnamese) of the notification an escalation sends its recipients. */
export function escalationMessage(
  level: EscalationLevel,
  input: EscalationMessageInput,
): { title: string; body: string } {
  const subject = `Hồ sơ ${input.code} (${input.procedureName})`;
  const due = vietnameseDateTime(input.dueAt);
  switch (level) {
    case 1:
      return {
        title: `Hồ sơ ${input.code} sắp đến hạn`,
        body: `${subject} sẽ đến hạn giải quyết vào ${due}. Đề nghị xử lý kịp thời; nếu không kịp trả kết quả, phiếu xin lỗi và hẹn lại ngày trả kết quả (đã lập dự thảo) phải được gửi trước ${vietnameseDateTime(input.apologyTimelyUntil)}.`,
      };
    case 2:
      return {
        title: `Hồ sơ ${input.code} đến hạn hôm nay`,
        body: `${subject} đến hạn giải quyết hôm nay (${due}) nhưng chưa có kết quả. Phiếu xin lỗi gửi từ nay là chậm so với quy định (phải gửi trước hạn ít nhất 01 ngày làm việc).`,
      };
    case 3:
      return {
        title: `Hồ sơ ${input.code} đã quá hạn`,
        body: `${subject} đã quá hạn giải quyết từ ${due}. Cần lập văn bản xin lỗi và hẹn lại ngày trả kết quả.`,
      };
    case 4:
      return {
        title: `Hồ sơ ${input.code} quá hạn ${input.overdueWorkingDays} ngày làm việc`,
        body: `${subject} đã quá hạn ${input.overdueWorkingDays} ngày làm việc (hạn ${due}) mà chưa có kết quả. Đề nghị chỉ đạo xử lý.`,
      };
  }
}
