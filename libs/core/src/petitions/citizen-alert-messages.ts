import type { PetitionAlertKind, PetitionDeadlineStep } from '@app/domain';
import { vietnameseDateTime } from '../escalations/escalation-messages';

/** What each PAKN deadline is, in the staff's words. */
const STEP_WORDS: Record<PetitionDeadlineStep, string> = {
  refuse: 'thời hạn thông báo không tiếp nhận xử lý (nếu phản ánh không đủ điều kiện)',
  clarify: 'thời hạn đề nghị người gửi làm rõ nội dung',
  forward: 'thời hạn chuyển phản ánh không thuộc thẩm quyền đến cơ quan có thẩm quyền',
  answer: 'thời hạn trả lời phản ánh, kiến nghị',
  forwarded_answer: 'thời hạn cơ quan được chuyển đến trả lời',
  publish: 'thời hạn công khai câu trả lời (người gửi đã đồng ý công khai)',
};

/** Title and body (Vietnamese) of a PAKN reminder (due soon) or escalation (overdue). */
export function petitionAlertMessage(
  kind: PetitionAlertKind,
  step: PetitionDeadlineStep,
  petition: { code: string; title: string },
  dueAt: Date,
): { title: string; body: string } {
  const subject = `Phản ánh, kiến nghị ${petition.code} ("${petition.title}")`;
  const due = vietnameseDateTime(dueAt);
  switch (kind) {
    case 'due_soon':
      return {
        title: `Phản ánh ${petition.code} sắp hết ${STEP_WORDS[step].split(' (')[0]}`,
        body: `${subject}: ${STEP_WORDS[step]} là ${due}. Đề nghị xử lý kịp thời.`,
      };
    case 'overdue':
      return {
        title: `Phản ánh ${petition.code} đã quá ${STEP_WORDS[step].split(' (')[0]}`,
        body: `${subject}: đã quá ${STEP_WORDS[step]} (${due}). Lãnh đạo Sở được báo để chỉ đạo xử lý.`,
      };
  }
}

/** Title and body (Vietnamese) of a missed online check, escalated (spec §7). */
export function missedOnlineCheckMessage(check: {
  code: string;
  procedureName: string;
  applicantFullName: string;
  checkDueAt: Date;
}): { title: string; body: string } {
  return {
    title: `Hồ sơ trực tuyến ${check.code} quá hạn kiểm tra, chưa tiếp nhận`,
    body:
      `Hồ sơ ${check.code} (${check.procedureName}) của ${check.applicantFullName} nộp trực tuyến ` +
      `chưa được tiếp nhận hoặc từ chối trong thời hạn kiểm tra (${vietnameseDateTime(check.checkDueAt)}). ` +
      'Đề nghị Bộ phận Một cửa kiểm tra ngay; Lãnh đạo Sở được báo.',
  };
}
