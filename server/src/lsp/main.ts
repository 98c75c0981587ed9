import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

// The transport comes from the command line: --stdio, --node-ipc or --socket=N, as every LSP client passes.
startServer(createConnection(ProposedFeatures.all));
