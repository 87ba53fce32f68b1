import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';

describe('tokens of changed accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses the token of a deactivated account', async () => {
    const token = await t.tokenFor(Role.Director);
    await t.db.query(`UPDATE users SET active = false WHERE role = 'director'`);
    const res = await t.http
      .get('/api/v1/applications')
      .set('authorization', `Bearer ${token}`)
      .expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  });

  it('refuses a token whose role no longer matches the account', async () => {
    const token = await t.tokenFor(Role.Admin);
    await t.db.query(`UPDATE users SET role = 'reception' WHERE role = 'admin'`);
    await t.http.get('/api/v1/applications').set('authorization', `Bearer ${token}`).expect(401);
  });

  it('accepts the token of an unchanged account', async () => {
    const token = await t.tokenFor(Role.Reception);
    await t.http.get('/api/v1/applications').set('authorization', `Bearer ${token}`).expect(200);
  });
});
