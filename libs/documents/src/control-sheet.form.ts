import type { ControlSheetData, KeptFile, StepResult } from './document-data';
import { field } from './form-layout';
import { FormKind } from './form-templates';
import { renderForm } from './form-frame';
import { drawTable, type TableColumn } from './form-table';
import { face } from './render-pdf';
import { BLANK, shortDate, shortDateTime } from './vietnamese-format';

export const STEP_RESULT_LABEL: Record<StepResult, string> = {
  early: 'Trước hạn',
  on_time: 'Đúng hạn',
  late: 'Quá hạn',
};

const COLUMNS: TableColumn[] = [
  { header: 'STT', share: 0.06, align: 'center' },
  { header: 'Bên giao', share: 0.17 },
  { header: 'Bên nhận', share: 0.17 },
  { header: 'Thời gian giao, nhận', share: 0.14, align: 'center' },
  { header: 'Nội dung', share: 0.16 },
  { header: 'Kết quả (*)', share: 0.12, align: 'center' },
  { header: 'Ghi chú', share: 0.18 },
];

const FILE_COLUMNS: TableColumn[] = [
  { header: 'STT', share: 0.06, align: 'center' },
  { header: 'Giấy tờ', share: 0.3 },
  { header: 'Tệp', share: 0.28 },
  { header: 'Loại, dung lượng', share: 0.14, align: 'center' },
  { header: 'Nộp', share: 0.22, align: 'center' },
];

const FILE_TYPE: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

const fileRow = (f: KeptFile, i: number): string[] => [
  String(i + 1),
  f.documentName ?? '',
  f.originalName,
  `${FILE_TYPE[f.mediaType] ?? f.mediaType}, ${Math.max(1, Math.round(f.sizeBytes / 1024))} kB`,
  `${f.purpose === 'supplement' ? 'Bổ sung' : 'Trực tuyến'}\n${shortDateTime(f.uploadedAt)}`,
];

/** Mẫu 05 (TT 01/2018; 06 in TT 03/2025): Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export function renderControlSheet(data: ControlSheetData): Promise<Buffer> {
  return renderForm(FormKind.ControlSheet, data, (doc) => {
    face(doc, 'italic', 12).text('(Liên: Lưu tại Bộ phận tiếp nhận và trả kết quả)', {
      align: 'center',
    });
    doc.moveDown(0.5);
    field(doc, 'Số biên nhận', data.receiptNumber);
    field(doc, 'Cơ quan (bộ phận) giải quyết hồ sơ', data.leadAgency);
    field(
      doc,
      'Cơ quan phối hợp giải quyết hồ sơ',
      data.coordinatingAgencies.length > 0 ? data.coordinatingAgencies.join('; ') : BLANK,
    );
    if (data.appointmentAt) {
      const original = data.originalAppointmentAt;
      field(
        doc,
        'Ngày hẹn trả kết quả',
        original && shortDate(original) !== shortDate(data.appointmentAt)
          ? `${shortDate(data.appointmentAt)} (hẹn ban đầu: ${shortDate(original)})`
          : shortDate(data.appointmentAt),
      );
    }
    if (data.lateDepartments && data.lateDepartments.length > 0) {
      field(doc, 'Đơn vị để quá hạn bước xử lý', data.lateDepartments.join('; '));
    }
    doc.moveDown(0.5);
    drawTable(
      doc,
      COLUMNS,
      data.rows.map((row, i) => [
        String(i + 1),
        row.giver,
        row.receiver,
        shortDateTime(row.at).replace(' ', '\n'),
        row.action,
        row.result ? STEP_RESULT_LABEL[row.result] : '',
        row.note ?? '',
      ]),
    );
    face(doc, 'italic', 10).text(
      '(*) Dòng có kết quả: so với ngày hẹn trả ban đầu, đã trừ thời gian chờ bổ sung (như chỉ số đúng hạn). Dòng chuyển bước liên thông: bước vừa kết thúc so với hạn của bước, đã trừ thời gian chờ người nộp.',
    );
    if (data.keptFiles && data.keptFiles.length > 0) {
      doc.moveDown(0.5);
      face(doc, 'bold', 12).text('Giấy tờ điện tử lưu kèm hồ sơ', { align: 'left' });
      doc.moveDown(0.25);
      drawTable(doc, FILE_COLUMNS, data.keptFiles.map(fileRow));
    }
  });
}
