import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';

const applicant = { fullName: 'Nguyễn Văn Đức', idNumber: '001203004567', phone: '0912345678' };

describe('POST /applications (intake)', () => {
  let t: TestApp;
  let procedureCode: string;
  let reception: string;
  beforeAll(async () => {
    t = await startTestApp();
    const department = await t.factory.department({ agencyCode: 'SGDDT' });
    procedureCode = (await t.factory.procedure({ departmentId: department.id, timeLimitValue: 5 }))
      .code;
    reception = await t.tokenFor(Role.Reception);
  });
  afterAll(() => t.close());

  it('logs an application and answers the receipt with its appointment date', async () => {
    const res = await t.http
      .post('/api/v1/applications')
      .set('authorization', `Bearer ${reception}`)
      .send({
        procedureCode,
        channel: 'direct',
        applicant,
        documents: [{ name: 'Đơn đề nghị', copies: 1 }],
      });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'received',
      version: 1,
      portalStatusCode: 2,
      statusLabel: 'Được tiếp nhận',
    });
    expect(res.body.code).toMatch(/^SGDDT-\d{6}-0001$/);
    expect(new Date(res.body.dueAt).getTime()).toBeGreaterThan(
      new Date(res.body.receivedAt).getTime(),
    );
    const history = await t.db.query(
      'SELECT action, to_status FROM application_history WHERE application_id = $1',
      [res.body.id],
    );
    expect(history.rows).toEqual([{ action: 'receive', to_status: 'received' }]);
    const events = await t.db.query(
      'SELECT type, payload FROM outbox_events WHERE aggregate_id = $1',
      [res.body.id],
    );
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0].type).toBe('application.received');
    expect(events.rows[0].payload.code).toBe(res.body.code);
  });
});
