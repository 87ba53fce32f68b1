import { Page } from 'playwright-core';
import { ApplicationStatus as S, Role } from '@app/domain';
import { TestApp } from '../setup/test-app';
import { createDriver } from '../e2e/support/drive';
import { BrowserSession, openBrowserSession } from './support/browser-session';

/**
 * The deadline badge follows the clock the API sends, not the status: with
 * PAYMENT_PAUSES_CLOCK off (the default) a payment wait keeps the clock running and shows the
 * time left; a supplement request pauses it.
 */
describe('deadline badge from the API clock (browser)', () => {
  let t: TestApp;
  let page: Page;
  let base: string;
  let session: BrowserSession;

  beforeAll(async () => {
    session = await openBrowserSession({ env: { PAYMENT_PAUSES_CLOCK: 'false' } });
    ({ t, base, page } = session);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  const badgeOf = async (code: string) => {
    await page.goto(`${base}/app/ho-so/${encodeURIComponent(code)}`);
    const badge = page.locator('.detail__head .risk');
    await badge.waitFor();
    return (await badge.innerText()).trim();
  };

  it('payment wait: time left; supplement request: paused', async () => {
    const d = await createDriver(t);
    const payment = await d.driveTo(S.PaymentRequired, 'Lê Văn Nam');
    const supplement = await d.driveTo(S.SupplementRequested, 'Đỗ Thị Lan');
    expect([payment.clock, supplement.clock]).toEqual(['running', 'paused']);
    await t.factory.user({
      role: Role.Admin,
      username: 'quantri_han',
      password: 'matkhau-quantri',
    });
    await page.goto(`${base}/app/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('quantri_han');
    await page.getByLabel('Mật khẩu').fill('matkhau-quantri');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/app/bang-dieu-khien');

    expect(await badgeOf(payment.code)).toMatch(/^(Còn \d+ ngày làm việc|Đến hạn trong hôm nay)$/);
    expect(await badgeOf(supplement.code)).toBe('Tạm dừng tính hạn');
    expect(session.pageErrors).toEqual([]);
  });
});
