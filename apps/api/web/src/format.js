// @ts-check
// Vietnamese labels and Asia/Ho_Chi_Minh dates. The status labels mirror STATUS_LABEL_VI in
// libs/domain (the API also sends statusLabel; these serve the filter list).

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export const STATUS_LABELS = {
  submitted: 'Mới đăng ký',
  received: 'Được tiếp nhận',
  not_accepted: 'Không được tiếp nhận',
  processing: 'Đang xử lý',
  supplement_requested: 'Yêu cầu bổ sung giấy tờ',
  payment_required: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  withdrawal_requested: 'Công dân yêu cầu rút hồ sơ',
  stopped: 'Dừng xử lý',
  result_ready: 'Đã xử lý xong',
  result_returned: 'Đã trả kết quả',
};

/** Received and not finished: the deadline matters (OPEN_STATUSES in libs/domain). */
export const OPEN_STATUSES = [
  'received',
  'processing',
  'supplement_requested',
  'payment_required',
  'withdrawal_requested',
];

export const ROLE_LABELS = {
  admin: 'Quản trị hệ thống',
  reception: 'Tiếp nhận và trả kết quả',
  officer: 'Chuyên viên',
  head: 'Trưởng phòng',
  director: 'Lãnh đạo Sở',
  supervisor: 'Cơ quan giám sát',
};

export const CHANNEL_LABELS = {
  direct: 'Trực tiếp',
  online: 'Trực tuyến',
  postal: 'Qua bưu chính',
};

export const ACTION_LABELS = {
  intake: 'Tiếp nhận hồ sơ',
  submit: 'Đăng ký hồ sơ',
  receive: 'Tiếp nhận',
  refuse: 'Từ chối tiếp nhận',
  'request-completion': 'Yêu cầu hoàn thiện hồ sơ',
  assign: 'Phân công',
  start: 'Bắt đầu xử lý',
  'request-supplement': 'Yêu cầu bổ sung',
  'receive-supplement': 'Nhận hồ sơ bổ sung',
  'require-payment': 'Yêu cầu nộp phí, lệ phí',
  'confirm-payment': 'Xác nhận đã nộp phí',
  'request-withdrawal': 'Ghi nhận yêu cầu rút hồ sơ',
  stop: 'Dừng xử lý',
  'mark-result-ready': 'Đã có kết quả',
  'return-result': 'Trả kết quả',
  apologize: 'Xin lỗi, hẹn lại',
  'hand-over': 'Chuyển phòng phối hợp (liên thông)',
  review: 'Trưởng phòng xem xét',
  'submit-for-review': 'Trình duyệt kết quả',
  'approve-review': 'Duyệt, trình ký',
  'sign-result': 'Ký kết quả',
  'send-back': 'Trả lại chuyên viên',
  sign: 'Lãnh đạo Sở ký',
};

/** The steps of a review chain (procedure.reviewChain, application.review.chain). */
export const REVIEW_STAGE_LABELS = { review: 'xem xét, duyệt', sign: 'ký kết quả' };

/** "Trưởng phòng xem xét, duyệt → Lãnh đạo Sở ký kết quả"; "" for an empty chain. */
export function reviewChainLabel(chain) {
  return (chain ?? [])
    .map((s) => `${ROLE_LABELS[s.role] ?? s.role} ${REVIEW_STAGE_LABELS[s.stage] ?? s.stage}`)
    .join(' → ');
}

/** Why a stop happened (StopReason in libs/domain, STOP_REASON_RULES' labels). */
export const STOP_REASON_LABELS = {
  rejected: 'Không đủ điều kiện giải quyết',
  withdrawn: 'Công dân rút hồ sơ',
  supplement_not_provided: 'Không bổ sung hồ sơ theo yêu cầu',
  payment_not_provided: 'Không thực hiện nghĩa vụ tài chính',
  other: 'Lý do khác',
};

const UNIT_LABELS = {
  working_days: 'ngày làm việc',
  hours: 'giờ làm việc',
  calendar_days: 'ngày',
  months: 'tháng',
};

/** "5 ngày làm việc"; 0 working days is "Trong ngày". */
export function timeLimitLabel(timeLimit) {
  if (!timeLimit) {
    return '';
  }
  if (timeLimit.value === 0 && timeLimit.unit === 'working_days') {
    return 'Trong ngày';
  }
  return `${timeLimit.value} ${UNIT_LABELS[timeLimit.unit] ?? timeLimit.unit}`;
}

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(iso) {
  const out = {};
  for (const p of PARTS.formatToParts(new Date(iso))) {
    out[p.type] = p.value;
  }
  return out;
}

/** dd/mm/yyyy hh:mm in Vietnam's time, whatever the computer's zone. */
export function formatDateTime(iso) {
  if (!iso) {
    return '—';
  }
  const p = parts(iso);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

export function formatDate(iso) {
  if (!iso) {
    return '—';
  }
  const p = parts(iso);
  return `${p.day}/${p.month}/${p.year}`;
}

/** YYYY-MM-DD of an instant in Vietnam (UTC+7 all year, no daylight saving). */
export function localDay(instant) {
  return new Date(new Date(instant).getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

const NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** 1.234,5 — Vietnamese separators, at most two decimals. */
export function formatNumber(value) {
  return NUMBER.format(value);
}

/** "98,5 %"; a missing rate (no applications) is "—", never 0. */
export function formatPercent(value) {
  return value === null || value === undefined ? '—' : `${NUMBER.format(value)} %`;
}

const CLOCK = new Intl.DateTimeFormat('vi-VN', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** hh:mm:ss in Vietnam's time. */
export function formatClockTime(date) {
  return CLOCK.format(date);
}
