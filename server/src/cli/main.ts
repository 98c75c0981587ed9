import { runCli } from './cli';

runCli(process.argv.slice(2), { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), cwd: process.cwd() }).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`annotated-reading: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
