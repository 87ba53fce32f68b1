import { ApplicationStatus as S, Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { APPLICATIONS, closeTestApp, createDriver, Driver } from './support/drive';

// Identity numbers and phones: masked in every list (worklist, search, desk lists, PAKN
// list), whole only in the view of one record. The tracking-book export is in reports.e2e.

const ID_NUMBER = '001203004567';
const PHONE = '0912345678';

describe('lists mask identity numbers and phones; the detail shows them whole', () => {
  let t: TestApp;
  let d: Driver;
  let director: string;
  let code: string;
  beforeAll(async () => {
    t = await startTestApp();
    d = await createDriver(t);
    director = await t.tokenFor(Role.Director);
    code = (await d.driveTo(S.Received, 'Phạm Thị Hoa')).code;
  });
  afterAll(() => closeTestApp(t));

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const listed = async (query: string, token = director) => {
    const res = await t.http.get(`${APPLICATIONS}?${query}`).set(bearer(token)).expect(200);
    const item = (
      res.body.items as Array<{ code: string; applicant: Record<string, string> }>
    ).find((i) => i.code === code);
    expect(item).toBeDefined();
    return item!.applicant;
  };

  it.each([
    ['the worklist', 'status=received'],
    ['a search by name', `q=${encodeURIComponent('Phạm Thị Hoa')}`],
    ['a desk list (by department, by due date)', 'sort=dueAt'],
  ])('%s masks them', async (_, query) => {
    const applicant = await listed(query);
    expect(applicant.fullName).toBe('Phạm Thị Hoa');
    expect(applicant.idNumber).toBe('********4567');
    expect(applicant.phone).toBe('091*******');
    expect(JSON.stringify(applicant)).not.toContain(PHONE.slice(-4));
  });

  it('an officer of the department sees the list masked too', async () => {
    const officer = await t.tokenFor(Role.Officer, d.departmentId);
    const applicant = await listed('limit=100', officer);
    expect(applicant.idNumber).toBe('********4567');
    expect(applicant.phone).toBe('091*******');
  });

  it('the detail of one application shows them whole', async () => {
    const res = await t.http.get(`${APPLICATIONS}/${code}`).set(bearer(director)).expect(200);
    expect(res.body.applicant).toMatchObject({ idNumber: ID_NUMBER, phone: PHONE });
  });

  it('the PAKN list masks the phone; one petition shows it whole', async () => {
    const desk = await t.tokenFor(Role.Reception);
    const created = await t.http
      .post('/api/v1/petitions')
      .set(bearer(desk))
      .send({
        channel: 'phone',
        title: 'Phản ánh qua điện thoại',
        content: 'Đề nghị rút ngắn thời gian giải quyết.',
        petitioner: { fullName: 'Trần Văn Bảo', address: '45 Trần Hưng Đạo', phone: '0987654321' },
        consentToPublish: false,
      })
      .expect(201);
    const list = await t.http.get('/api/v1/petitions').set(bearer(director)).expect(200);
    const item = (list.body as Array<{ code: string; petitionerPhone: string }>).find(
      (p) => p.code === created.body.code,
    );
    expect(item?.petitionerPhone).toBe('098*******');
    expect(JSON.stringify(list.body)).not.toContain('0987654321');
    const one = await t.http
      .get(`/api/v1/petitions/${created.body.code}`)
      .set(bearer(director))
      .expect(200);
    expect(one.body.petitionerPhone).toBe('0987654321');
  });
});
