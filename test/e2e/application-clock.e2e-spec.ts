import { ApplicationStatus as S, Role } from '@app/domain';
import { startTestApp, TestApp } from '../setup/test-app';
import { APPLICATIONS, closeTestApp, createDriver, Driver } from './support/drive';

// The application view carries the deadline clock (clockStateOf in libs/domain): a payment
// wait pauses it only when PAYMENT_PAUSES_CLOCK is on, so the web app never guesses from the
// status. Checked in the answer to the action, in the detail and in the worklist.

describe.each([
  ['off', 'false', 'running'],
  ['on', 'true', 'paused'],
])('the clock in the application view, PAYMENT_PAUSES_CLOCK %s', (_, flag, paymentClock) => {
  let t: TestApp;
  let d: Driver;
  let director: string;
  beforeAll(async () => {
    t = await startTestApp({ PAYMENT_PAUSES_CLOCK: flag });
    d = await createDriver(t);
    director = await t.tokenFor(Role.Director);
  });
  afterAll(() => closeTestApp(t));

  const bearer = () => ({ authorization: `Bearer ${director}` });
  const clockInViews = async (code: string, status: S) => {
    const detail = await t.http.get(`${APPLICATIONS}/${code}`).set(bearer()).expect(200);
    const list = await t.http.get(`${APPLICATIONS}?status=${status}&limit=100`).set(bearer());
    expect(list.status).toBe(200);
    const item = (list.body.items as Array<{ code: string; clock: string }>).find(
      (i) => i.code === code,
    );
    expect(item).toBeDefined();
    return { detail: detail.body.clock as string, list: item!.clock };
  };

  it(`payment_required: clock ${paymentClock}`, async () => {
    const app = await d.driveTo(S.PaymentRequired);
    expect(app.clock).toBe(paymentClock);
    expect(await clockInViews(app.code, S.PaymentRequired)).toEqual({
      detail: paymentClock,
      list: paymentClock,
    });
  });

  it.each([
    [S.Submitted, 'not_started'],
    [S.Processing, 'running'],
    [S.SupplementRequested, 'paused'],
    [S.ResultReady, 'stopped'],
  ])('%s: clock %s whatever the setting', async (status, clock) => {
    const app = await d.driveTo(status);
    expect(app.clock).toBe(clock);
    expect(await clockInViews(app.code, status)).toEqual({ detail: clock, list: clock });
  });
});
