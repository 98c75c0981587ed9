// Drives a real VS Code for the browser e2e tests and the extension-host test runner: code-server
// (VS Code's server and workbench, with a Node extension host) plus Debian's headless Chromium,
// both installed by scripts/vscode-env.sh. Every wait here polls a signal under a deadline.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

const execFileAsync = promisify(execFile);

/** The repository root: the nearest folder above this file with the project's package.json. */
export const repoRoot: string = findRepoRoot(__dirname);

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'annotated-reading') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no annotated-reading package.json above ${start}`);
  }
}

/** Where screenshots go (ignored by git). */
export const artifactsDir = path.join(repoRoot, '.artifacts', 'e2e');

/** Node 24 and code-server as laid out by scripts/vscode-env.sh. */
export function toolPaths(): { node: string; codeServerEntry: string } {
  const tools = process.env.ANNOTATED_READING_TOOLS ?? path.join(os.homedir(), '.cache', 'annotated-reading', 'tools');
  const paths = { node: path.join(tools, 'node', 'bin', 'node'), codeServerEntry: path.join(tools, 'code-server', 'out', 'node', 'entry.js') };
  for (const file of Object.values(paths)) {
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`bash scripts/vscode-env.sh\` first`);
  }
  return paths;
}

/** User settings that keep the workbench quiet and offline, shared with scripts/start.sh. */
const baseSettingsFile = path.join(repoRoot, 'scripts', 'code-server-settings.json');

export interface CodeServerOptions {
  /** Extra user settings, applied over scripts/code-server-settings.json. */
  settings?: Record<string, unknown>;
  /** .vsix packages to install into the server's own extensions directory before it starts. */
  vsix?: string[];
  /** Loopback port; a free one when omitted. */
  port?: number;
  /** How long to wait for startup (ms). */
  startTimeoutMs?: number;
}

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Holds the server's profile, extensions, XDG dirs and code-server.log; removed by stop(). */
  readonly stateDir: string;
  readonly logFile: string;
  /** Kills the whole process group (the extension hosts too), waits until it is gone, removes stateDir. */
  stop(): Promise<void>;
}

/** Finds a free loopback port by letting the OS pick one. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls `check` every `intervalMs` until it returns a value other than undefined, or throws at the deadline. */
export async function pollUntil<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Environment for code-server: its own XDG dirs, and none of an enclosing VS Code's variables
 *  (VSCODE_IPC_HOOK_CLI would make code-server hand the folder to that VS Code instead). */
function serverEnv(stateDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VSCODE_') && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  }
  for (const xdg of ['CONFIG', 'DATA', 'CACHE', 'STATE']) env[`XDG_${xdg}_HOME`] = path.join(stateDir, 'xdg', xdg.toLowerCase());
  return env;
}

/** Starts code-server on 127.0.0.1 with an isolated profile, and resolves once /healthz answers. */
export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const { node, codeServerEntry } = toolPaths();
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'annotated-reading-code-server-'));
  const userDataDir = path.join(stateDir, 'user-data');
  const extensionsDir = path.join(stateDir, 'extensions');
  const logFile = path.join(stateDir, 'code-server.log');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  const settings = { ...JSON.parse(fs.readFileSync(baseSettingsFile, 'utf8')), ...options.settings };
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const env = serverEnv(stateDir);
  const common = ['--config', path.join(stateDir, 'config.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];

  try {
    for (const vsix of options.vsix ?? []) {
      await execFileAsync(node, [codeServerEntry, ...common, '--install-extension', path.resolve(vsix)], { env, timeout: 60_000 });
    }
  } catch (error) {
    fs.rmSync(stateDir, { recursive: true, force: true });
    throw error;
  }

  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const log = fs.openSync(logFile, 'a');
  // detached: the server leads a new session and process group (setsid), so stop() can end the
  // extension hosts it forks, which otherwise outlive it by about 30 s.
  const child = spawn(
    node,
    [codeServerEntry, ...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
      '--disable-update-check', '--disable-workspace-trust', '--vscode-option', 'enable-smoke-test-driver'],
    { env, detached: true, stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  const server: CodeServer = { url, stateDir, logFile, stop: () => (stopping ??= stopGroup(child, exited, stateDir)) };

  try {
    await pollUntil('code-server /healthz', options.startTimeoutMs ?? 30_000, async () => {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`code-server exited during startup:\n${tail(logFile)}`);
      const healthy = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
      return healthy ? true : undefined;
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function stopGroup(child: ChildProcess, exited: Promise<void>, stateDir: string): Promise<void> {
  // Its state is thrown away, so nothing needs a graceful shutdown: kill the server and the
  // extension hosts (which would outlive a server killed alone) in one go.
  const groupAlive = (signal: NodeJS.Signals | 0): boolean => {
    try {
      process.kill(-child.pid!, signal);
      return true;
    } catch {
      return false; // ESRCH: nobody left in the group
    }
  };
  if (groupAlive('SIGKILL')) await exited;
  await pollUntil('code-server process group to exit', 10_000, async () => (groupAlive(0) ? undefined : true), 50);
  fs.rmSync(stateDir, { recursive: true, force: true });
}

function tail(file: string, lines = 30): string {
  return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

/** What the workbench should open, and optionally an extension (and its tests) to load from a folder. */
export interface WorkbenchTarget {
  /** Absolute path of the workspace folder. */
  folder: string;
  /** Loads the extension in this folder as a development extension (no install needed). */
  extensionDevelopmentPath?: string;
  /** Module exporting run(): the workbench runs it in the extension host, then calls window.codeAutomationExit(code). */
  extensionTestsPath?: string;
  /** Environment variables for the extension host. */
  extensionEnvironment?: Record<string, string>;
}

/** The workbench URL for `target`; paths in the test payload must be vscode-remote:// addresses of the server. */
export function workbenchUrl(server: CodeServer, target: WorkbenchTarget): string {
  const remote = (file: string): string => `vscode-remote://${new URL(server.url).host}${path.resolve(file)}`;
  const payload: [string, string][] = [];
  if (target.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(target.extensionDevelopmentPath)]);
  if (target.extensionTestsPath) payload.push(['extensionTestsPath', remote(target.extensionTestsPath)]);
  if (target.extensionEnvironment) payload.push(['extensionEnvironment', JSON.stringify(target.extensionEnvironment)]);
  const query = new URLSearchParams({ folder: path.resolve(target.folder) });
  if (payload.length > 0) query.set('payload', JSON.stringify(payload));
  return `${server.url}/?${query.toString()}`;
}

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** Headless Debian Chromium with a fresh profile, kept off the network. */
export async function launchBrowser(): Promise<BrowserSession> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'annotated-reading-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens `url` and waits until the workbench shows the explorer of its folder. */
export async function openWorkbench(page: Page, url: string, timeoutMs = 60_000): Promise<void> {
  await page.goto(url, { timeout: timeoutMs });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: timeoutMs });
}

/** The explorer row for the entry named `name` at tree depth `level` (1 = top level). */
function explorerRow(page: Page, name: string, level: number): Locator {
  return page.locator(`.explorer-folders-view .monaco-list-row[aria-level="${level}"]`, {
    has: page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(name)}$`) }),
  });
}

/** Opens a file by clicking it in the explorer, expanding its folders first; `relativePath` uses '/'. */
export async function openFileFromExplorer(page: Page, relativePath: string, timeoutMs = 30_000): Promise<void> {
  const segments = relativePath.split('/');
  for (const [index, folder] of segments.slice(0, -1).entries()) {
    const row = explorerRow(page, folder, index + 1);
    if ((await row.getAttribute('aria-expanded', { timeout: timeoutMs })) !== 'true') await row.click({ timeout: timeoutMs });
  }
  const name = segments[segments.length - 1];
  await explorerRow(page, name, segments.length).click({ timeout: timeoutMs });
  await page.locator('.part.editor .tab.active', { hasText: name }).waitFor({ timeout: timeoutMs });
}

/** A rendered line of the active text editor containing `text` (scoped to the editor part: the chat input is an editor too). */
export function editorLine(page: Page, text: string): Locator {
  return page.locator('.part.editor .editor-instance .monaco-editor .view-line', { hasText: text }).first();
}

/** Waits until the editor renders a line containing `text`. */
export async function waitForEditorText(page: Page, text: string, timeoutMs = 30_000): Promise<void> {
  await editorLine(page, text).waitFor({ timeout: timeoutMs });
}

/** Waits until the status bar shows `languageName` as the active editor's language mode. */
export async function waitForLanguageMode(page: Page, languageName: string, timeoutMs = 30_000): Promise<void> {
  const mode = page.locator('.part.statusbar [id="status.editor.mode"]', { hasText: new RegExp(`^\\s*${escapeRegExp(languageName)}\\s*$`) });
  await mode.waitFor({ timeout: timeoutMs });
}

/** Viewport coordinates of the middle of the first rendered occurrence of `text` in the editor. */
export async function textPosition(page: Page, text: string, timeoutMs = 30_000): Promise<{ x: number; y: number }> {
  const line = editorLine(page, text);
  await line.waitFor({ timeout: timeoutMs });
  // Monaco renders spaces as U+00A0; measure the substring with a DOM Range over the line's text nodes.
  const box = await line.evaluate((element, needle) => {
    const nodes: Text[] = [];
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
    const content = nodes.map((node) => node.data).join('').replace(/\u00a0/g, ' ');
    const start = content.indexOf(needle);
    if (start < 0) return undefined;
    const end = start + needle.length;
    const range = document.createRange();
    let offset = 0;
    for (const node of nodes) {
      const nodeEnd = offset + node.length;
      if (start >= offset && start < nodeEnd) range.setStart(node, start - offset);
      if (end > offset && end <= nodeEnd) {
        range.setEnd(node, end - offset);
        break;
      }
      offset = nodeEnd;
    }
    const rect = range.getBoundingClientRect();
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
  }, text);
  if (!box) throw new Error(`"${text}" is not on one rendered editor line`);
  return box;
}

/** Moves the mouse onto `text` in the editor (coming from elsewhere, so the hover re-triggers). */
export async function hoverOver(page: Page, text: string): Promise<void> {
  const { x, y } = await textPosition(page, text);
  await page.mouse.move(x, y + 200);
  await page.mouse.move(x, y);
}

/** Clicks on `text` in the editor, putting the cursor there (e.g. before F12). */
export async function clickOn(page: Page, text: string): Promise<void> {
  const { x, y } = await textPosition(page, text);
  await page.mouse.click(x, y);
}

/** Waits for a visible hover widget containing `expected`; returns its text. */
export async function waitForHoverText(page: Page, expected: string, timeoutMs = 5_000): Promise<string> {
  const hover = page.locator('.monaco-hover:visible', { hasText: expected }).first();
  await hover.waitFor({ state: 'visible', timeout: timeoutMs });
  return (await hover.textContent()) ?? '';
}

/** Hovers `target` until a hover containing `expected` shows: the first hovers can land before the
 *  extension has activated or the language server has analysed the file. Returns the hover text. */
export async function showHover(page: Page, target: string, expected: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await hoverOver(page, target);
    try {
      return await waitForHoverText(page, expected, Math.min(3_000, Math.max(deadline - Date.now(), 1)));
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
  }
}

/** Opens the Problems panel and returns it; its entries are `.monaco-list-row`s inside. */
export async function openProblems(page: Page, timeoutMs = 10_000): Promise<Locator> {
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.markers-panel');
  await panel.waitFor({ state: 'visible', timeout: timeoutMs });
  return panel;
}

/** Runs a command from the palette by its title; retried, since the palette may not list an extension's commands at first. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await pollUntil(`the command palette to offer ${title}`, 30_000, async () => {
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    if (await row.waitFor({ timeout: 3_000 }).then(() => true, () => false)) return true;
    await page.keyboard.press('Escape');
    return undefined;
  });
  await page.keyboard.press('Enter');
}

/** Saves a screenshot of the page to .artifacts/e2e/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
