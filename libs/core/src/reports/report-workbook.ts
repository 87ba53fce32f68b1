import ExcelJS from 'exceljs';
import type { OnTimeRow, OnTimeFigures } from '../metrics/on-time-metrics.service';

export interface PeriodReportInput {
  title: string;
  periodText: string;
  byDepartment: OnTimeRow[];
  byProcedure: OnTimeRow[];
  total: OnTimeFigures;
}

export const REPORT_HEADERS = [
  'STT',
  'Đơn vị / Thủ tục',
  'Hồ sơ tiếp nhận',
  'Giải quyết trước hạn',
  'Giải quyết đúng hạn',
  'Giải quyết quá hạn',
  'Đang giải quyết',
  'Trong đó quá hạn',
  'Số lần xin lỗi',
  'Tỷ lệ đúng hạn (%)',
];
const WIDTHS = [6, 48, 14, 14, 14, 14, 14, 14, 12, 14];

function figureCells(f: OnTimeFigures) {
  return [f.received, f.early, f.onTime, f.late, f.open, f.openOverdue, f.apologies, f.rate];
}

function sheet(wb: ExcelJS.Workbook, name: string, input: PeriodReportInput, rows: OnTimeRow[]) {
  const ws = wb.addWorksheet(name);
  ws.columns = WIDTHS.map((width) => ({ width }));
  ws.mergeCells(1, 1, 1, REPORT_HEADERS.length);
  ws.getCell(1, 1).value = input.title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, REPORT_HEADERS.length);
  ws.getCell(2, 1).value = `Kỳ báo cáo: ${input.periodText}`;
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const header = ws.getRow(4);
  header.values = REPORT_HEADERS;
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  rows.forEach((r, i) => ws.addRow([i + 1, r.label, ...figureCells(r)]));
  const totals = ws.addRow(['', 'Tổng cộng', ...figureCells(input.total)]);
  totals.font = { bold: true };
  for (let c = 3; c <= 9; c += 1) {
    ws.getColumn(c).numFmt = '#,##0';
  }
  ws.getColumn(10).numFmt = '0.00';
  ws.views = [{ state: 'frozen', ySplit: 4 }];
}

/** The period report: one sheet per department, one per procedure; rows from K1 figures. */
export async function periodReportWorkbook(input: PeriodReportInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'motcua';
  sheet(wb, 'Theo đơn vị', input, input.byDepartment);
  sheet(wb, 'Theo thủ tục', input, input.byProcedure);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface TrackingBookLine {
  code: string;
  procedureName: string;
  documentCount: number;
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
      l.documentCount,
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
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
