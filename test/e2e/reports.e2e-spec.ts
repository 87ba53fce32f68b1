import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Binary bodies: collect the bytes instead of parsing them.
const binary = (response: unknown, cb: (err: Error | null, body: Buffer) => void) => {
  const res = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function open(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

describe('reports API (xlsx)', () => {
  let t: TestApp;
  let admin: string;
  let deptName: string;

  beforeAll(async () => {
    t = await startTestApp();
    const dept = await t.factory.department({ name: 'Phòng Giáo dục Thường xuyên' });
    deptName = dept.name;
    const proc = await t.factory.procedure({
      departmentId: dept.id,
      name: 'Cấp giấy phép dạy thêm',
    });
    // Q4 2026 (calendar): two roll-up days; 15/12 falls outside the administrative Q4.
    const rows = [
      ['2026-10-05', 8, 2, 4, 1, 1],
      ['2026-12-20', 5, 1, 1, 2, 0],
    ];
    for (const [day, received, early, onTime, late, apologies] of rows) {
      await t.db.query(
        `INSERT INTO kpi_daily_rollups (day, department_id, procedure_id, channel, received, result_early, result_on_time, result_late, apologies)
         VALUES ($1, $2, $3, 'direct', $4, $5, $6, $7, $8)`,
        [day, dept.id, proc.id, received, early, onTime, late, apologies],
      );
    }
    await t.db.query(
      `INSERT INTO applications (id, code, agency_code, department_id, procedure_id, procedure_code, channel, status,
         applicant_full_name, applicant_id_number, applicant_phone, applicant_address, search_text, documents, received_at, due_at, original_due_at)
       VALUES ($1, 'G06-261102-0001', $2, $3, $4, $5, 'direct', 'received', 'Trần Thị Bình', '001099000002', '0987654321',
               'Xã Đông Anh, Hà Nội', 'x', '[{"name":"Đơn đề nghị","copies":1},{"name":"Bản sao CCCD","copies":1}]',
               '2026-11-02T02:30:00Z', '2026-11-09T10:00:00Z', '2026-11-09T10:00:00Z')`,
      [randomUUID(), dept.agencyCode, dept.id, proc.id, proc.code],
    );
    admin = await t.tokenFor(Role.Director);
  });
  afterAll(() => t.close());

  it('quarter report: Vietnamese headers, rows and totals', async () => {
    const res = await t.http
      .get('/api/v1/reports/quarter.xlsx?year=2026&n=4')
      .set('Authorization', `Bearer ${admin}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toContain(XLSX);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="bao-cao-quy-4-2026.xlsx"',
    );
    const wb = await open(res.body);
    const ws = wb.getWorksheet('Theo đơn vị')!;
    expect(ws.getCell('A1').text).toContain('QUÝ IV/2026');
    expect(ws.getCell('A2').value).toBe('Kỳ báo cáo: 01/10/2026 – 31/12/2026');
    expect(ws.getRow(4).getCell(2).value).toBe('Đơn vị / Thủ tục');
    expect(ws.getRow(4).getCell(10).value).toBe('Tỷ lệ đúng hạn (%)');
    // received 13, early 3, on time 5, late 3, open 1 (due 9/11, overdue now), apologies 1.
    // rate = (3 + 5 + 0) / (3 + 5 + 3 + 1) = 66.67
    const expectedRow = [13, 3, 5, 3, 1, 1, 1, Math.round((8 / 12) * 10000) / 100];
    const row = ws.getRow(5);
    expect(row.getCell(2).value).toBe(deptName);
    expect([3, 4, 5, 6, 7, 8, 9, 10].map((c) => row.getCell(c).value)).toEqual(expectedRow);
    const totals = ws.getRow(6);
    expect(totals.getCell(2).value).toBe('Tổng cộng');
    expect([3, 4, 5, 6, 7, 8, 9, 10].map((c) => totals.getCell(c).value)).toEqual(expectedRow);
    expect(ws.getColumn(10).numFmt).toBe('0.00');
    expect(wb.getWorksheet('Theo thủ tục')!.getRow(5).getCell(2).value).toBe(
      'Cấp giấy phép dạy thêm',
    );
  });

  it('administrative quarter cuts at the 14th', async () => {
    const res = await t.http
      .get('/api/v1/reports/quarter.xlsx?year=2026&n=4&periodType=administrative')
      .set('Authorization', `Bearer ${admin}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const ws = (await open(res.body)).getWorksheet('Theo đơn vị')!;
    expect(ws.getCell('A2').text).toContain('15/09/2026 – 14/12/2026');
    expect(ws.getRow(5).getCell(3).value).toBe(8); // only the 5/10 roll-up
  });

  it('tracking book (Mẫu 06) lists the applications received in the range', async () => {
    const res = await t.http
      .get('/api/v1/reports/tracking-book.xlsx?from=2026-11-01&to=2026-11-30')
      .set('Authorization', `Bearer ${admin}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toContain(XLSX);
    const ws = (await open(res.body)).getWorksheet('Sổ theo dõi hồ sơ')!;
    expect(ws.getCell('A1').value).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(ws.getRow(4).getCell(2).value).toBe('Mã hồ sơ');
    const r = ws.getRow(5);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((c) => r.getCell(c).value)).toEqual([
      1,
      'G06-261102-0001',
      'Cấp giấy phép dạy thêm',
      2,
      'Trần Thị Bình',
      'Xã Đông Anh, Hà Nội – 0987654321',
      deptName,
      '09:30 02/11/2026',
      '17:00 09/11/2026',
    ]);
  });

  it('rejects bad input naming the field', async () => {
    const bad = await t.http
      .get('/api/v1/reports/quarter.xlsx?year=2026&n=5')
      .set('Authorization', `Bearer ${admin}`)
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toContain('n');
    const half = await t.http
      .get('/api/v1/reports/half.xlsx?year=2026&n=3')
      .set('Authorization', `Bearer ${admin}`)
      .expect(400);
    expect(half.body.details.map((d: { field: string }) => d.field)).toContain('n');
    await t.http
      .get('/api/v1/reports/week.xlsx?year=2026')
      .set('Authorization', `Bearer ${admin}`)
      .expect(404);
  });
});
