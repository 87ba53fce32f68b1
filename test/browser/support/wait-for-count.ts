import type { Locator } from 'playwright-core';
import { STEP_TIMEOUT_MS } from './browser-session';

/**
 * Waits until `locator` matches exactly `count` elements, polling from the test. Not
 * `page.waitForFunction('…')`: a string predicate that is not true at once is polled with
 * eval inside the page, which the app's Content-Security-Policy (no 'unsafe-eval') refuses, so
 * that wait failed whenever the list had not yet been redrawn.
 */
export async function waitForCount(
  locator: Locator,
  count: number,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = await locator.count();
  while (seen !== count) {
    if (Date.now() > deadline) {
      throw new Error(`expected ${count} elements, still ${seen} after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = await locator.count();
  }
}
