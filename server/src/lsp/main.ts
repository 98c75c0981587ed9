import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

const usage = `Usage: annotated-reading-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

The Annotated Reading language server. An LSP client starts it with one of the transports above.
`;

// The transport comes from the command line, as every LSP client passes it.
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(usage);
} else if (!args.some((arg) => /^--(stdio|node-ipc|socket=|pipe=|clientProcessId)/.test(arg))) {
  process.stderr.write(`annotated-reading-server: no transport given.\n\n${usage}`);
  process.exitCode = 2;
} else {
  startServer(createConnection(ProposedFeatures.all));
}
