// The extensionTestsPath module: VS Code loads it in the extension host and awaits run(). It runs
// every *.test.js beside it with mocha; scripts/run-extension-tests.mjs starts VS Code and reads
// the report written to TEST_RESULT_FILE.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  for (const file of fs.readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }

  // The spec reporter prints through Base.consoleLog; keep a copy for the result file, since the
  // extension host's console only reaches the browser's (or Electron's) log.
  const output: string[] = [];
  const { Base } = Mocha.reporters;
  const consoleLog = Base.consoleLog;
  Base.consoleLog = (...data: unknown[]) => {
    output.push(format(...data));
    consoleLog(...data);
  };
  let passes = 0;
  let failures: number;
  try {
    failures = await new Promise<number>((resolve) => {
      const runner = mocha.run((failed) => resolve(failed));
      runner.on('pass', () => passes++);
    });
  } catch (error) {
    // A test file that fails to load throws from mocha.run: report it as a failure, not silence.
    output.push(`failed to load the tests: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    failures = 1;
  } finally {
    Base.consoleLog = consoleLog;
  }

  const summary = `extension-host: ${passes} passed, ${failures} failed`;
  output.push(summary);
  console.log(summary);
  if (process.env.TEST_RESULT_FILE) fs.writeFileSync(process.env.TEST_RESULT_FILE, output.join('\n') + '\n');
  if (failures > 0) throw new Error(summary);
}
