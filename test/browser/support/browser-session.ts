import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { QueueName } from '@app/messaging';
import { startTestApp, TestApp } from '../../setup/test-app';
import {
  dropQueues,
  startWorkerOn,
  testQueuePrefix,
  WorkerOnDatabase,
} from '../../setup/test-events';

// Debian's Chromium, driven by playwright-core: no browser download anywhere (.ci/run installs
// the `chromium` package when it is missing).
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const SCREENSHOTS = path.resolve(__dirname, '../../../test-artifacts/browser');
export const STEP_TIMEOUT_MS = 10_000;
/**
 * A navigation loads the web app's bundle: on two cores shared with the other test workers the
 * first page of a fresh browser profile once took over 10 s to load in CI.
 */
export const NAVIGATION_TIMEOUT_MS = 30_000;

export interface BrowserSession {
  t: TestApp;
  /** http://127.0.0.1:<port> of the API serving the web app. */
  base: string;
  context: BrowserContext;
  page: Page;
  /** Script errors and blocked resources (CSP): a test fails when any appear. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * The real API on a free port and a fresh Chromium profile pointed at it; with `worker`, a
 * worker on the same database too (the managers' figures come from its KPI consumer).
 */
export async function openBrowserSession(
  options: { worker?: boolean; env?: Record<string, string> } = {},
): Promise<BrowserSession> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: the browser tests need Debian's chromium package ` +
        '(apt-get install -y chromium). They never download a browser.',
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  const prefix = testQueuePrefix();
  const t = await startTestApp({ QUEUE_PREFIX: prefix, ...options.env });
  const worker: WorkerOnDatabase | null = options.worker
    ? await startWorkerOn(t.config.database.url, { QUEUE_PREFIX: prefix })
    : null;
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'motcua-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors: string[] = [];
  // The API's expected 4xx answers (a refused field, a conflict) are logged by Chromium as
  // "Failed to load resource" and are not errors of the page.
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      pageErrors.push(message.text());
    }
  });
  return {
    t,
    base: `http://127.0.0.1:${port}`,
    context,
    page,
    pageErrors,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
      await worker?.close();
      await dropQueues(prefix, Object.values(QueueName));
      await t.close();
    },
  };
}
