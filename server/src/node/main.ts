// Server entry for every client: VS Code starts it over IPC, other editors with --stdio.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../lsp/server';
import { NodeFs } from './nodeFs';

const connection = createConnection(ProposedFeatures.all);
process.on('unhandledRejection', (e) =>
  connection.console.error(`okr: unhandled rejection: ${(e as Error)?.stack ?? e}`),
);
// One bad document must not take the server down for every other file: log and keep serving.
process.on('uncaughtException', (e) =>
  connection.console.error(`okr: uncaught exception: ${(e as Error)?.stack ?? e}`),
);
startServer(connection, { fs: new NodeFs() });
