import { Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { expectError } from './support/drive';

/**
 * A procedure's review chain as the admin configures it (issue 10 items 4 and 6): validated,
 * published as a new version like any change, kept by a version that does not mention it.
 */
describe('procedure review chain (admin)', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  let departmentId: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = { Authorization: `Bearer ${await t.tokenFor(Role.Admin)}` };
    departmentId = (await t.factory.department()).id;
  });
  afterAll(() => t.close());

  const content = (extra: object = {}) => ({
    name: 'Công nhận trường đạt chuẩn quốc gia',
    departmentId,
    timeLimit: { value: 10, unit: 'working_days' },
    onlineLevel: 'partial',
    feeVnd: 0,
    ...extra,
  });
  const chainOf = async (code: string) =>
    (
      await t.db.query<{ version: number; chain: unknown }>(
        `SELECT version, review_chain AS chain FROM procedures WHERE code = $1 ORDER BY version`,
        [code],
      )
    ).rows;

  it('sets, keeps, shortens and clears the chain, one version each', async () => {
    const code = '1.004001';
    const created = await t.http
      .post('/api/v1/procedures')
      .set(admin)
      .send({ code, ...content({ reviewChain: [{ stage: 'sign', role: 'director' }] }) })
      .expect(201);
    expect(created.body.reviewChain).toEqual([{ stage: 'sign', role: 'director' }]);
    // A version that does not mention the chain keeps it.
    const kept = await t.http
      .put(`/api/v1/procedures/${code}`)
      .set(admin)
      .send({ ...content({ feeVnd: 50_000 }), version: 1 })
      .expect(200);
    expect(kept.body).toMatchObject({ version: 2, reviewChain: [{ stage: 'sign', role: 'director' }] });
    const longer = [
      { stage: 'review', role: 'head' },
      { stage: 'review', role: 'director' },
      { stage: 'sign', role: 'director' },
    ];
    await t.http
      .put(`/api/v1/procedures/${code}`)
      .set(admin)
      .send({ ...content({ reviewChain: longer }), version: 2 })
      .expect(200);
    await t.http
      .put(`/api/v1/procedures/${code}`)
      .set(admin)
      .send({ ...content({ reviewChain: [] }), version: 3 })
      .expect(200);
    expect(await chainOf(code)).toEqual([
      { version: 1, chain: [{ stage: 'sign', role: 'director' }] },
      { version: 2, chain: [{ stage: 'sign', role: 'director' }] },
      { version: 3, chain: longer },
      { version: 4, chain: [] },
    ]);
  });

  it('refuses a chain against the rules, naming the field, and publishes nothing', async () => {
    const code = '1.004002';
    await t.http.post('/api/v1/procedures').set(admin).send({ code, ...content() }).expect(201);
    const before = await chainOf(code);
    const bad: Array<[unknown, string]> = [
      // The signature is the last step.
      [[{ stage: 'sign', role: 'director' }, { stage: 'review', role: 'head' }], 'reviewChain'],
      // Leaders only.
      [[{ stage: 'sign', role: 'officer' }], 'reviewChain[0].role'],
      [[{ stage: 'approve', role: 'head' }], 'reviewChain[0].stage'],
      // At most three steps.
      [
        [
          { stage: 'review', role: 'head' },
          { stage: 'review', role: 'head' },
          { stage: 'review', role: 'director' },
          { stage: 'sign', role: 'director' },
        ],
        'reviewChain',
      ],
    ];
    for (const [reviewChain, field] of bad) {
      const res = await t.http
        .put(`/api/v1/procedures/${code}`)
        .set(admin)
        .send({ ...content({ reviewChain }), version: 1 });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(
        (res.body.details as Array<{ field: string }>).some((d) => d.field.startsWith(field)),
      ).toBe(true);
    }
    // Only an admin configures it.
    const head = `Bearer ${await t.tokenFor(Role.Head, departmentId)}`;
    expectError(
      await t.http
        .put(`/api/v1/procedures/${code}`)
        .set('authorization', head)
        .send({ ...content({ reviewChain: [] }), version: 1 }),
      403,
      'FORBIDDEN',
    );
    expect(await chainOf(code)).toEqual(before);
  });
});
