/**
 * The language server in this process, driven by vscode-jsonrpc (the JSON-RPC library VS Code's own client uses)
 * over a pair of in-memory streams: the same protocol path as stdio, without a child process.
 */
import { PassThrough } from 'node:stream';
import * as rpc from 'vscode-jsonrpc/node';
import { startLanguageServer, type LanguageServerOptions } from '../../src/lsp/server.js';

export interface Published {
  uri: string;
  version?: number;
  diagnostics: { code: string; range: unknown; severity: number; message: string }[];
}

export function session(options: LanguageServerOptions = {}) {
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  let exitCode: number | undefined;
  startLanguageServer({ input: toServer, output: fromServer, exit: (code) => (exitCode = code) }, options);
  /** What the client library logs: e.g. an error response it cannot route to a request (id null). */
  const clientLogs: string[] = [];
  let onClientLog = () => {};
  const record = (m: string) => {
    clientLogs.push(m);
    onClientLog();
  };
  const client = rpc.createMessageConnection(
    new rpc.StreamMessageReader(fromServer),
    new rpc.StreamMessageWriter(toServer),
    { error: record, warn: record, info: record, log: record },
  );
  const published: Published[] = [];
  const logs: string[] = [];
  client.onNotification('textDocument/publishDiagnostics', (p: Published) => void published.push(p));
  client.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  return {
    client,
    published,
    logs,
    toServer,
    /** Resolves at the next client log line matching `pattern` (or one already logged). */
    clientLog: (pattern: RegExp) =>
      new Promise<string>((resolve) => {
        const check = () => {
          const hit = clientLogs.find((m) => pattern.test(m));
          if (hit !== undefined) resolve(hit);
        };
        onClientLog = check;
        check();
      }),
    exitCode: () => exitCode,
    notify: (method: string, params: unknown) => client.sendNotification(method, params),
    request: <T = unknown>(method: string, params?: unknown) => client.sendRequest<T>(method, params),
    /**
     * Resolves once the server has handled every message sent before and its output has arrived (messages are
     * handled in order, and a reply follows what was written before it).
     */
    settle: () =>
      client.sendRequest('textDocument/hover', {
        textDocument: { uri: 'file:///nowhere/none.yaml' },
        position: { line: 0, character: 0 },
      }),
    dispose: () => {
      client.dispose();
      toServer.end();
    },
  };
}
