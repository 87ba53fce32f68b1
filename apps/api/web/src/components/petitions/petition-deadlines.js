// @ts-check
// Which PAKN deadline matters now (spec §8 and the K9 row): the labels mirror
// PETITION_STATUS_LABEL_VI in libs/domain (the API also sends statusLabel).

export const PETITION_STATUS_LABELS = {
  received: 'Đã tiếp nhận',
  not_accepted: 'Không được tiếp nhận xử lý',
  clarification_requested: 'Đề nghị làm rõ nội dung',
  forwarded: 'Đã chuyển cơ quan có thẩm quyền',
  in_progress: 'Đang xử lý',
  answered: 'Đã trả lời',
  published: 'Đã công khai',
};

export const PETITION_ACTION_LABELS = {
  refuse: 'Không tiếp nhận',
  'request-clarification': 'Đề nghị làm rõ',
  forward: 'Chuyển cơ quan có thẩm quyền',
  start: 'Bắt đầu xử lý',
  answer: 'Trả lời',
  publish: 'Công khai',
};

/**
 * The deadlines of a petition, each with whether it still binds the next step.
 * @param {import('../../types.js').ApiObject} p
 * @returns {Array<{ key: string, label: string, dueAt: string, pending: boolean }>}
 */
export function petitionDeadlines(p) {
  const open = p.status === 'received';
  const lastForward = p.forwards?.length ? p.forwards[p.forwards.length - 1] : null;
  const rows = [
    { key: 'refuse', label: 'Hạn từ chối tiếp nhận', dueAt: p.refuseDueAt, pending: open },
    { key: 'clarify', label: 'Hạn đề nghị làm rõ', dueAt: p.clarifyDueAt, pending: open },
    {
      key: 'forward',
      label: 'Hạn chuyển cơ quan có thẩm quyền',
      dueAt: p.forwardDueAt,
      pending: open,
    },
    {
      key: 'answer',
      label: 'Hạn trả lời',
      dueAt: p.answerDueAt,
      pending: ['received', 'clarification_requested', 'in_progress'].includes(p.status),
    },
  ];
  if (lastForward) {
    rows.push({
      key: 'forwarded',
      label: `Hạn trả lời của ${lastForward.toBody}`,
      dueAt: lastForward.dueAt,
      pending: p.status === 'forwarded',
    });
  }
  if (p.publishDueAt) {
    rows.push({
      key: 'publish',
      label: 'Hạn công khai',
      dueAt: p.publishDueAt,
      pending: p.status === 'answered' && p.consentToPublish,
    });
  }
  return rows;
}

/**
 * The nearest deadline still binding, for the list.
 * @param {import('../../types.js').ApiObject} p
 */
export function nextPetitionDeadline(p) {
  const pending = petitionDeadlines(p).filter((d) => d.pending && d.dueAt);
  pending.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  // While a petition is just received, each step's own limit binds; the nearest one not yet
  // passed is the one to act on, else the last passed one shows how late it is.
  const now = Date.now();
  return pending.find((d) => Date.parse(d.dueAt) >= now) ?? pending[pending.length - 1] ?? null;
}
