import ExcelJS from 'exceljs';
import { Role } from '@app/domain';
import { insertK1Application } from '../factories/k1-fixtures';
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
    // Q4 2025 (calendar, over): results on 5/10 (3 early, 4 on the day, 1 late) and 20/12
    // (1 early, 1 late); one application received 2/11, due 9/11, still open: late at the end.
    // 15/12 falls outside the administrative Q4 (15/9–14/12), so 20/12's two do not count there.
    const results: Array<[string, 'early' | 'on_day' | 'late', number]> = [
      ['2025-10-05', 'early', 3],
      ['2025-10-05', 'on_day', 4],
      ['2025-10-05', 'late', 1],
      ['2025-12-20', 'early', 1],
      ['2025-12-20', 'late', 1],
    ];
    let n = 0;
    for (const [day, verdict, times] of results) {
      for (let i = 0; i < times; i += 1) {
        await insertK1Application(t.db, {
          department: dept,
          procedure: proc,
          code: `G06-${day.replace(/-/g, '').slice(2)}-${String((n += 1)).padStart(4, '0')}`,
          receivedAt: `${day}T08:00:00+07:00`,
          dueAt: `${day}T17:00:00+07:00`,
          ending: { category: 'resolved', verdict, at: `${day}T10:00:00+07:00` },
        });
      }
    }
    await insertK1Application(t.db, {
      department: dept,
      procedure: proc,
      code: 'G06-251102-0001',
      receivedAt: '2025-11-02T09:30:00+07:00',
      dueAt: '2025-11-09T17:00:00+07:00',
      ending: null,
      applicant: { fullName: 'Trần Thị Bình', address: 'Xã Đông Anh, Hà Nội', phone: '0987654321' },
      documents: [
        { name: 'Đơn đề nghị', copies: 1 },
        { name: 'Bản sao CCCD', copies: 1 },
      ],
    });
    await t.db.query(
      `INSERT INTO apologies (application_id, reason, previous_due_at, new_due_at, responsible_department_id, issued_at)
       SELECT id, 'Chờ ý kiến cơ quan phối hợp', '2025-11-09T10:00:00Z', '2025-11-20T10:00:00Z', department_id, '2025-11-08T03:00:00Z'
       FROM applications WHERE code = 'G06-251102-0001'`,
    );
    admin = await t.tokenFor(Role.Director);
  });
  afterAll(() => t.close());

  it('quarter report: Vietnamese headers, rows and totals that balance', async () => {
    const res = await t.http
      .get('/api/v1/reports/quarter.xlsx?year=2025&n=4')
      .set('Authorization', `Bearer ${admin}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toContain(XLSX);
    expect(res.headers['content-disposition']).toBe(
      'attachment; filename="bao-cao-quy-4-2025.xlsx"',
    );
    const wb = await open(res.body);
    const ws = wb.getWorksheet('Theo đơn vị')!;
    expect(ws.getCell('A1').text).toContain('QUÝ IV/2025');
    expect(ws.getCell('A2').value).toBe('Kỳ báo cáo: 01/10/2025 – 31/12/2025');
    expect(ws.getCell('A3').text).toContain('chưa được chốt');
    expect(ws.getRow(5).getCell(2).value).toBe('Đơn vị / Thủ tục');
    expect(ws.getRow(5).getCell(17).value).toBe('Tỷ lệ đúng hạn (%)');
    // carried 0, received 11, total 11; early 4, on the day 4, late 2; open late 1 (due 9/11);
    // rate (4 + 4) / 11 = 72.73; one apology letter (8/11).
    const expected = [0, 11, 11, 4, 4, 2, 0, 0, 0, 0, 0, 0, 0, 1, 72.73, 1];
    const row = ws.getRow(6);
    expect(row.getCell(2).value).toBe(deptName);
    expect(Array.from({ length: 16 }, (_, i) => row.getCell(i + 3).value)).toEqual(expected);
    const totals = ws.getRow(7);
    expect(totals.getCell(2).value).toBe('Tổng cộng');
    expect(Array.from({ length: 16 }, (_, i) => totals.getCell(i + 3).value)).toEqual(expected);
    expect(ws.getColumn(17).numFmt).toBe('0.00');
    expect(wb.getWorksheet('Theo thủ tục')!.getRow(6).getCell(2).value).toBe(
      'Cấp giấy phép dạy thêm',
    );
  });

  it('administrative quarter cuts at the 14th', async () => {
    const res = await t.http
      .get('/api/v1/reports/quarter.xlsx?year=2025&n=4&periodType=administrative')
      .set('Authorization', `Bearer ${admin}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const ws = (await open(res.body)).getWorksheet('Theo đơn vị')!;
    expect(ws.getCell('A2').text).toContain('15/09/2025 – 14/12/2025');
    expect(ws.getRow(6).getCell(4).value).toBe(9); // received: the 8 of 5/10 and the open one
  });

  it('tracking book (Mẫu 06) lists the applications received in the range', async () => {
    const res = await t.http
      .get('/api/v1/reports/tracking-book.xlsx?from=2025-11-01&to=2025-11-30')
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
      'G06-251102-0001',
      'Cấp giấy phép dạy thêm',
      1, // one dossier (bộ), though it holds two documents
      'Trần Thị Bình',
      // A list of citizens: the phone masked (only the application's detail has it whole).
      'Xã Đông Anh, Hà Nội – 098*******',
      deptName,
      '09:30 02/11/2025',
      '17:00 09/11/2025',
    ]);
    // The book counts dossiers (bộ): one line received in November, one bộ in all.
    const total = ws.getRow(6);
    expect([2, 4].map((c) => total.getCell(c).value)).toEqual(['Tổng cộng', 1]);
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
