import type ExcelJS from 'exceljs';

/** One indicator as the summary gives it (K1–K9). */
export interface IndicatorLine {
  code: string;
  name: string;
  unit: 'percent' | 'working_days';
  value: number | null;
  target: number | null;
  numerator?: number;
  denominator?: number;
  note: string;
}

/** The period's indicators K1–K9 (the same figures as GET /metrics/summary), one row each. */
export function indicatorsSheet(wb: ExcelJS.Workbook, title: string, lines: IndicatorLine[]): void {
  const ws = wb.addWorksheet('Chỉ tiêu');
  ws.addRow([title]).font = { bold: true };
  ws.addRow([]);
  const header = ws.addRow([
    'Mã',
    'Chỉ tiêu',
    'Giá trị',
    'Đơn vị',
    'Tử số',
    'Mẫu số',
    'Mục tiêu',
    'Cách tính',
  ]);
  header.font = { bold: true };
  for (const k of lines) {
    ws.addRow([
      k.code,
      k.name,
      k.value ?? 'Chưa có dữ liệu',
      k.unit === 'percent' ? '%' : 'ngày làm việc',
      k.numerator ?? null,
      k.denominator ?? null,
      k.target,
      k.note,
    ]);
  }
  ws.getColumn(2).width = 48;
  ws.getColumn(8).width = 100;
}
