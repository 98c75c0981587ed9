// Runs the extension-host tests (out/test/vscode, compiled by `npx tsc -b test`) inside a real VS Code
// with the built extension (dist/, from `npm run build`) loaded from the repo as a development extension,
// on the sample/ workspace. Prints the mocha report; the exit code is the number of failed tests.
//
//   node scripts/run-extension-tests.mjs             code-server + headless Chromium, offline
//                                                    (tools from scripts/vscode-env.sh)
//   node scripts/run-extension-tests.mjs --electron  @vscode/test-electron, which downloads VS Code
//
// VERBOSE=1 echoes the browser console (where the extension host's console.log ends up) as it comes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const testsPath = path.join(root, 'out', 'test', 'vscode', 'index.js');
const workspace = path.join(root, 'sample');
const artifacts = path.join(root, '.artifacts', 'extension-host');
const timeoutMs = 180_000;

for (const [file, fix] of [[testsPath, 'npx tsc -b test'], [path.join(root, 'dist', 'client.js'), 'npm run build']]) {
  if (!fs.existsSync(file)) {
    console.error(`${path.relative(root, file)} is missing: run \`${fix}\` first`);
    process.exit(1);
  }
}

const resultDir = fs.mkdtempSync(path.join(os.tmpdir(), 'annotated-reading-ext-tests-'));
const resultFile = path.join(resultDir, 'result.txt');
const extensionEnvironment = {
  TEST_RESULT_FILE: resultFile,
  ANNOTATED_READING_CORPUS: path.resolve(root, '..', 'shared', 'corpus'),
};
fs.mkdirSync(artifacts, { recursive: true });

const started = Date.now();
const vscodeExit = process.argv.includes('--electron') ? await runInElectron() : await runInCodeServer();
const seconds = ((Date.now() - started) / 1000).toFixed(1);

const report = fs.existsSync(resultFile) ? fs.readFileSync(resultFile, 'utf8') : '';
fs.rmSync(resultDir, { recursive: true, force: true });
console.log(`extension-host tests ran in ${seconds} s`);
process.stdout.write(report);
const summary = /^extension-host: (\d+) passed, (\d+) failed$/m.exec(report);
if (!summary) {
  console.error(`the extension-host tests wrote no report (VS Code exit: ${vscodeExit}, after ${seconds} s); logs in ${artifacts}`);
  process.exit(1);
}
process.exit(Math.min(Number(summary[2]), 255));

/** @returns {Promise<number | string>} the exit code VS Code reported, or why there was none */
async function runInCodeServer() {
  /** @type {typeof import('../out/test/support/codeServer.js')} */
  const codeServer = await import(pathToFileURL(path.join(root, 'out', 'test', 'support', 'codeServer.js')).href);
  const server = await codeServer.startCodeServer();
  let browser;
  let outcome;
  const consoleLines = [];
  try {
    browser = await codeServer.launchBrowser();
    const { page } = browser;
    page.on('console', (message) => {
      consoleLines.push(`[${message.type()}] ${message.text()}`);
      if (process.env.VERBOSE) console.log('[browser]', message.text());
    });
    // With enable-smoke-test-driver, the workbench calls this when the tests' run() settles.
    let reportExit;
    const exited = new Promise((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => reportExit(code));
    await page.goto(codeServer.workbenchUrl(server, {
      folder: workspace,
      extensionDevelopmentPath: root,
      extensionTestsPath: testsPath,
      extensionEnvironment,
    }));
    let timer;
    outcome = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs, `timed out after ${timeoutMs} ms`)))]);
    clearTimeout(timer);
  } finally {
    fs.writeFileSync(path.join(artifacts, 'browser-console.log'), consoleLines.join('\n') + '\n');
    fs.copyFileSync(server.logFile, path.join(artifacts, 'code-server.log'));
    await browser?.close();
    await server.stop();
  }
  return outcome;
}

/** @returns {Promise<number | string>} */
async function runInElectron() {
  const { runTests } = await import('@vscode/test-electron');
  try {
    return await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: testsPath,
      extensionTestsEnv: extensionEnvironment,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } catch (error) {
    // runTests rejects when VS Code exits non-zero, as it does when a test fails; the report says more.
    return String(error);
  }
}
