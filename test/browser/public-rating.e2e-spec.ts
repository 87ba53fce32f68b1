import path from 'node:path';
import { Locator, Page } from 'playwright-core';
import { ApplicationStatus as S } from '@app/domain';
import { TestApp } from '../setup/test-app';
import { createDriver } from '../e2e/support/drive';
import {
  BrowserSession,
  openBrowserSession,
  SCREENSHOTS,
  STEP_TIMEOUT_MS,
} from './support/browser-session';

/**
 * The citizen rates an application on the public status page, keyboard only: the form appears
 * once the result was returned, refuses an empty choice, takes the score with the arrow keys,
 * and then thanks the citizen with the score given.
 */
describe('public status page: satisfaction rating (browser)', () => {
  let t: TestApp;
  let page: Page;
  let base: string;
  let session: BrowserSession;

  const shot = (name: string) =>
    page.screenshot({ path: path.join(SCREENSHOTS, `public-rating-${name}.png`), fullPage: true });

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ t, base, page } = session);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  const lookUp = async (code: string) => {
    await page.goto(`${base}/app/tra-cuu?code=${encodeURIComponent(code)}`);
    await expectFocused(page.getByLabel('4 số cuối điện thoại'));
    await page.keyboard.type('5678');
    await page.keyboard.press('Enter');
  };

  it('no rating form before the result is returned', async () => {
    const app = await (await createDriver(t)).driveTo(S.ResultReady);
    await lookUp(app.code);
    await page.getByTestId('public-status').filter({ hasText: 'Đã xử lý xong' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Đánh giá mức độ hài lòng' }).count()).toBe(0);
  }, 60_000);

  it('after the result is returned: rate 4 of 5 from the keyboard, then thanks', async () => {
    const app = await (await createDriver(t)).driveTo(S.ResultReturned);
    await lookUp(app.code);
    const form = page.locator('section.rating');
    await form.getByRole('heading', { name: 'Đánh giá mức độ hài lòng' }).waitFor();
    await shot('form');

    // Sending without a choice names the group and puts the focus on it.
    await form.getByRole('button', { name: 'Gửi đánh giá' }).press('Enter');
    await form.getByText('Vui lòng chọn một mức độ hài lòng.').waitFor();
    const first = form.getByRole('radio', { name: /^1 – Rất không hài lòng/ });
    await expectFocused(first);
    await shot('no-choice');

    // Arrow keys move the choice inside the radio group: 1 → 4.
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('ArrowRight');
    }
    expect(await form.getByRole('radio', { name: /^4 – Hài lòng/ }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await expectFocused(form.getByLabel('Góp ý thêm (không bắt buộc)'));
    await page.keyboard.type('Cán bộ hướng dẫn tận tình, đúng hẹn.');
    await page.keyboard.press('Tab');
    await expectFocused(form.getByRole('button', { name: 'Gửi đánh giá' }));
    await page.keyboard.press('Enter');

    const thanks = page.getByTestId('rating-thanks');
    await thanks.getByText('Cảm ơn ông/bà đã đánh giá.').waitFor();
    expect((await page.getByTestId('rating-given').textContent())!.trim()).toBe('4/5 – Hài lòng');
    await expectFocused(thanks.getByRole('heading', { name: 'Đánh giá mức độ hài lòng' }));
    await shot('thanks');
    const { rows } = await t.db.query<{ score: number; comment: string }>(
      `SELECT r.score, r.comment FROM satisfaction_ratings r
       JOIN applications a ON a.id = r.application_id WHERE a.code = $1`,
      [app.code],
    );
    expect(rows).toEqual([{ score: 4, comment: 'Cán bộ hướng dẫn tận tình, đúng hẹn.' }]);

    // Looking it up again shows the rating given, no second form.
    await lookUp(app.code);
    await page.getByTestId('rating-given').filter({ hasText: '4/5' }).waitFor();
    expect(await page.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  }, 60_000);
});

// The page's own objects, typed here because the tests compile without the DOM library.
type InPage = { ownerDocument: { activeElement: unknown } } | null;

async function expectFocused(locator: Locator): Promise<void> {
  await locator.waitFor();
  await locator
    .page()
    .waitForFunction(
      (el: InPage) => el !== null && el.ownerDocument.activeElement === el,
      (await locator.elementHandle()) as unknown as InPage,
      { timeout: STEP_TIMEOUT_MS },
    );
}
