import ExcelJS from 'exceljs';
import { K1_CATEGORY_COUNTERS, type K1Figures } from '@app/domain';

export interface PeriodReportRow {
  label: string;
  figures: K1Figures;
  apologies: number;
  /** Of them, sent less than one working day before the date they were about. */
  untimelyApologies: number;
  /** Supplement requests after their window or the due date, accepted by a head's override. */
  lateSupplementRequests: number;
}

export interface PeriodReportInput {
  title: string;
  periodText: string;
  /** Where the figures come from (closed on …, provisional as of …), in Vietnamese. */
  basisText: string;
  /** Corrections found after the period was closed, one line each (empty: none). */
  adjustmentLines: string[];
  byDepartment: PeriodReportRow[];
  byProcedure: PeriodReportRow[];
  total: PeriodReportRow;
  /** The summary's indicators (K1–K9 and their related figures) of the same period. */
  indicators: IndicatorRow[];
  /** Lines printed under the indicators (e.g. the DVCQG sync lag), in Vietnamese. */
  indicatorNotes: string[];
  /** Liên thông steps ended in the period, by the department that held them. */
  steps?: StepOutcomeLine[];
}

export interface IndicatorRow {
  code: string;
  name: string;
  unit: 'percent' | 'working_days';
  value: number | null;
  target: number | null;
  numerator?: number;
  denominator?: number;
  status: 'met' | 'at_risk' | 'missed' | 'no_target' | 'not_available';
}

const STATUS_VI: Record<IndicatorRow['status'], string> = {
  met: 'Đạt',
  at_risk: 'Có nguy cơ không đạt',
  missed: 'Không đạt',
  no_target: 'Không có chỉ tiêu',
  not_available: 'Chưa có số liệu',
};

/** One row per indicator: value, numerator, denominator, the plan's target and the verdict. */
function indicatorSheet(wb: ExcelJS.Workbook, input: PeriodReportInput): void {
  const ws = wb.addWorksheet('Chỉ tiêu');
  ws.columns = [8, 52, 14, 12, 12, 14, 22].map((width) => ({ width }));
  ws.addRow([input.title]).font = { bold: true, size: 13 };
  ws.addRow([input.periodText]);
  ws.addRow([input.basisText]).font = { italic: true };
  const header = ws.addRow([
    'Mã',
    'Chỉ tiêu',
    'Giá trị',
    'Tử số',
    'Mẫu số',
    'Chỉ tiêu kế hoạch',
    'Đánh giá',
  ]);
  header.font = { bold: true };
  for (const k of input.indicators) {
    ws.addRow([
      k.code,
      `${k.name}${k.unit === 'percent' ? ' (%)' : ' (ngày làm việc)'}`,
      k.value,
      k.numerator ?? null,
      k.denominator ?? null,
      k.target,
      STATUS_VI[k.status],
    ]);
  }
  for (const line of input.indicatorNotes) {
    ws.addRow(['', line]).font = { italic: true };
  }
  ws.getColumn(3).numFmt = '0.00';
}

export interface StepOutcomeLine {
  label: string;
  early: number;
  onTime: number;
  late: number;
}

export const STEP_SHEET_HEADERS = [
  'STT',
  'Đơn vị xử lý bước',
  'Số bước đã kết thúc',
  'Trước hạn',
  'Đúng hạn',
  'Quá hạn (đơn vị chịu trách nhiệm)',
];

/**
 * The columns after STT and the name: the population, how every member of it ended (or not),
 * the rate and the apology letters. Every member is in exactly one of the eleven category
 * columns, so "kỳ trước chuyển sang" + "tiếp nhận trong kỳ" equals their sum on every row.
 */
const COLUMNS: Array<{ header: string; value: (r: PeriodReportRow) => number | null }> = [
  { header: 'Kỳ trước chuyển sang', value: (r) => r.figures.carriedOver },
  { header: 'Tiếp nhận trong kỳ', value: (r) => r.figures.received },
  { header: 'Tổng số phải giải quyết', value: (r) => r.figures.population },
  { header: 'Giải quyết trước hạn', value: (r) => r.figures.resolvedEarly },
  { header: 'Giải quyết đúng hạn', value: (r) => r.figures.resolvedOnDay },
  { header: 'Giải quyết quá hạn', value: (r) => r.figures.resolvedLate },
  { header: 'Dừng xử lý, từ chối – trong hạn', value: (r) => r.figures.stoppedOnTime },
  { header: 'Dừng xử lý, từ chối – quá hạn', value: (r) => r.figures.stoppedLate },
  { header: 'Rút hồ sơ – trong hạn', value: (r) => r.figures.withdrawnOnTime },
  { header: 'Rút hồ sơ – quá hạn', value: (r) => r.figures.withdrawnLate },
  { header: 'Chờ bổ sung – trong hạn', value: (r) => r.figures.awaitingSupplementOnTime },
  { header: 'Chờ bổ sung – quá hạn', value: (r) => r.figures.awaitingSupplementLate },
  { header: 'Đang giải quyết – trong hạn', value: (r) => r.figures.openOnTime },
  { header: 'Đang giải quyết – quá hạn', value: (r) => r.figures.openLate },
  { header: 'Tỷ lệ đúng hạn (%)', value: (r) => r.figures.rate },
  { header: 'Số thư xin lỗi', value: (r) => r.apologies },
  { header: 'Thư xin lỗi gửi chậm', value: (r) => r.untimelyApologies },
  { header: 'Yêu cầu bổ sung quá thời hạn', value: (r) => r.lateSupplementRequests },
];
export const REPORT_HEADERS = [
  'STT',
  'Đơn vị / Thủ tục',
  ...COLUMNS.map((c) => c.header),
  'Kiểm tra',
];
const FIRST_CATEGORY_COLUMN = 6; // F: Giải quyết trước hạn
const LAST_CATEGORY_COLUMN = 16; // P: Đang giải quyết – quá hạn
const RATE_COLUMN = 17;
const CHECK_COLUMN = REPORT_HEADERS.length;
const HEADER_ROW = 5;

const letter = (column: number) => String.fromCharCode(64 + column);

/** Throws when a row does not balance: a report must never be printed with figures that do not add up. */
export function assertBalanced(row: PeriodReportRow): void {
  const categorised = K1_CATEGORY_COUNTERS.reduce((sum, c) => sum + row.figures[c], 0);
  if (row.figures.carriedOver + row.figures.received !== categorised) {
    throw new Error(
      `report row "${row.label}" does not balance: ${row.figures.carriedOver} carried over + ${row.figures.received} received ≠ ${categorised}`,
    );
  }
}

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  input: PeriodReportInput,
  rows: PeriodReportRow[],
) {
  const ws = wb.addWorksheet(name);
  ws.columns = [6, 48, ...COLUMNS.map(() => 13), 10].map((width) => ({ width }));
  const title = (row: number, text: string, bold = false) => {
    ws.mergeCells(row, 1, row, REPORT_HEADERS.length);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.alignment = { horizontal: 'center', wrapText: true };
    if (bold) {
      cell.font = { bold: true, size: 14 };
    }
  };
  title(1, input.title, true);
  title(2, `Kỳ báo cáo: ${input.periodText}`);
  title(3, input.basisText);
  const header = ws.getRow(HEADER_ROW);
  header.values = REPORT_HEADERS;
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  const write = (stt: number | string, r: PeriodReportRow) => {
    assertBalanced(r);
    const added = ws.addRow([stt, r.label, ...COLUMNS.map((c) => c.value(r))]);
    const n = added.number;
    // Kỳ trước + tiếp nhận − Σ categories: 0 on every row, or the sheet shows where it breaks.
    added.getCell(CHECK_COLUMN).value = {
      formula: `C${n}+D${n}-SUM(${letter(FIRST_CATEGORY_COLUMN)}${n}:${letter(LAST_CATEGORY_COLUMN)}${n})`,
      result: 0,
    };
    return added;
  };
  rows.forEach((r, i) => write(i + 1, r));
  write('', input.total).font = { bold: true };
  const note = ws.addRow([
    '',
    'Kiểm tra: cột "Kiểm tra" = Kỳ trước chuyển sang + Tiếp nhận trong kỳ − tổng các cột từ "Giải quyết trước hạn" đến "Đang giải quyết – quá hạn"; phải bằng 0 trên mọi dòng.',
  ]);
  note.font = { italic: true };
  for (const line of input.adjustmentLines) {
    ws.addRow(['', line]).font = { italic: true, color: { argb: 'FFB00020' } };
  }
  for (let c = 3; c <= CHECK_COLUMN; c += 1) {
    ws.getColumn(c).numFmt = '#,##0';
  }
  ws.getColumn(RATE_COLUMN).numFmt = '0.00';
  ws.views = [{ state: 'frozen', ySplit: HEADER_ROW }];
}

/** The period report: one sheet per department, one per procedure; rows from K1 figures. */
export async function periodReportWorkbook(input: PeriodReportInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  sheet(wb, 'Theo đơn vị', input, input.byDepartment);
  sheet(wb, 'Theo thủ tục', input, input.byProcedure);
  indicatorSheet(wb, input);
  stepSheet(wb, input);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Liên thông blame: each department's steps that ended in the period, judged against the step's
 * due date once the applicant's waits are taken out; "quá hạn" is the department at fault.
 */
function stepSheet(wb: ExcelJS.Workbook, input: PeriodReportInput): void {
  const ws = wb.addWorksheet('Bước liên thông');
  ws.columns = [6, 48, 16, 13, 13, 22].map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, STEP_SHEET_HEADERS.length);
  ws.getCell(1, 1).value = 'KẾT QUẢ CÁC BƯỚC XỬ LÝ LIÊN THÔNG';
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, STEP_SHEET_HEADERS.length);
  ws.getCell(2, 1).value = `Kỳ báo cáo: ${input.periodText}`;
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const header = ws.getRow(4);
  header.values = STEP_SHEET_HEADERS;
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  (input.steps ?? []).forEach((l, i) =>
    ws.addRow([i + 1, l.label, l.early + l.onTime + l.late, l.early, l.onTime, l.late]),
  );
  ws.addRow([
    '',
    'Hạn của bước: theo quy trình nội bộ của thủ tục, trong thời gian còn lại của hồ sơ; không tính thời gian chờ người nộp bổ sung hồ sơ (và thực hiện nghĩa vụ tài chính khi cấu hình tạm dừng).',
  ]).font = { italic: true };
}

export interface TrackingBookLine {
  code: string;
  procedureName: string;
  /** Số lượng hồ sơ (bộ): the dossiers this line logs, 1 for an application. */
  sets: number;
  applicantName: string;
  addressAndPhone: string;
  departmentName: string;
  receivedAt: Date;
  appointedAt: Date | null;
  resultReadyAt: Date | null;
  returnedAt: Date | null;
  note: string | null;
}

export const TRACKING_BOOK_HEADERS = [
  'STT',
  'Mã hồ sơ',
  'Tên thủ tục hành chính',
  'Số lượng hồ sơ (bộ)',
  'Tên cá nhân, tổ chức',
  'Địa chỉ, số điện thoại',
  'Cơ quan chủ trì giải quyết',
  'Ngày, tháng, năm nhận hồ sơ',
  'Ngày, tháng, năm hẹn trả kết quả',
  'Ngày, tháng, năm có kết quả',
  'Ngày, tháng, năm trả kết quả',
  'Ghi chú',
];

/** Dates are written as Vietnamese local date-times, as text (the sheet is printed, not summed). */
export async function trackingBookWorkbook(
  periodText: string,
  lines: TrackingBookLine[],
  format: (d: Date | null) => string,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  const ws = wb.addWorksheet('Sổ theo dõi hồ sơ');
  ws.columns = [6, 22, 40, 10, 26, 34, 30, 18, 18, 18, 18, 24].map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, TRACKING_BOOK_HEADERS.length);
  ws.getCell(1, 1).value = 'SỔ THEO DÕI HỒ SƠ';
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, TRACKING_BOOK_HEADERS.length);
  ws.getCell(2, 1).value = `Từ ngày ${periodText}`;
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const header = ws.getRow(4);
  header.values = TRACKING_BOOK_HEADERS;
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  lines.forEach((l, i) =>
    ws.addRow([
      i + 1,
      l.code,
      l.procedureName,
      l.sets,
      l.applicantName,
      l.addressAndPhone,
      l.departmentName,
      format(l.receivedAt),
      format(l.appointedAt),
      format(l.resultReadyAt),
      format(l.returnedAt),
      l.note ?? '',
    ]),
  );
  // The book's count of dossiers (bộ) received in the range.
  const total = ws.addRow(['', 'Tổng cộng', '', lines.reduce((n, l) => n + l.sets, 0)]);
  total.font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
