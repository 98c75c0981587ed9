// One browser on one code-server for a mocha suite: the hooks every end-to-end suite needs, in one place.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, openWorkbench, repoRoot, screenshot, startCodeServer, workbenchUrl, type BrowserSession, type CodeServer } from './codeServer';

export interface WorkbenchSession {
  /** The browser page showing the workbench; set once `before` has run. */
  page: Page;
  /** The folder the workbench has open. */
  workspace: string;
}

/** A throwaway copy of the repo's sample workspace, for suites that save edits. */
export function copyOfSample(): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'annotated-reading-e2e-'));
  fs.cpSync(path.join(repoRoot, 'sample'), copy, { recursive: true });
  return copy;
}

/**
 * Registers the suite's hooks: start code-server and a browser on the workspace `open` gives (with the
 * extension from this checkout), screenshot each failing test as `<name>-failed-<test>.png`, and stop
 * everything afterwards, removing the workspace when `open` made a temporary one.
 */
export function useWorkbench(name: string, open: () => string | Promise<string>, options: { temporary: boolean }): WorkbenchSession {
  const session = {} as WorkbenchSession;
  let server: CodeServer | undefined;
  let browser: BrowserSession | undefined;

  before(async () => {
    assert.ok(fs.existsSync(path.join(repoRoot, 'dist', 'client.js')), 'dist/client.js is missing: run `npm run build` first');
    session.workspace = await open();
    server = await startCodeServer();
    browser = await launchBrowser();
    session.page = browser.page;
    await openWorkbench(session.page, workbenchUrl(server, { folder: session.workspace, extensionDevelopmentPath: repoRoot }));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (options.temporary && session.workspace) fs.rmSync(session.workspace, { recursive: true, force: true });
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed' && browser) console.log(`    screenshot: ${await screenshot(session.page, `${name}-failed-${test.title.replace(/\W+/g, '-')}`)}`);
  });

  return session;
}
