/**
 * Language-server latency for `npm run bench`: the time from a `textDocument/didChange` to the
 * `textDocument/publishDiagnostics` for it, through the server's JSON-RPC connection (dist/src/lsp/server.js, in this
 * process, over in-memory streams, driven by vscode-jsonrpc as an editor would). The file sits in a workspace folder
 * of its own, so the time is the single document's lint plus the 200 ms debounce the server waits after the last
 * keystroke (included: it is what the editor user waits).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import * as rpc from 'vscode-jsonrpc/node';

export async function lspLatency(dist, text, reps) {
  const { startLanguageServer } = await import(pathToFileURL(path.join(dist, 'lsp/server.js')).href);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kubeplan-bench-lsp-'));
  const file = path.join(dir, 'big.yaml');
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const toServer = new PassThrough();
  const fromServer = new PassThrough();
  startLanguageServer({ input: toServer, output: fromServer, exit: () => {} });
  const client = rpc.createMessageConnection(
    new rpc.StreamMessageReader(fromServer),
    new rpc.StreamMessageWriter(toServer),
  );
  let onPublish = () => {};
  client.onNotification('textDocument/publishDiagnostics', () => onPublish());
  client.listen();
  const published = () => new Promise((resolve) => (onPublish = resolve));
  try {
    await client.sendRequest('initialize', {
      processId: null,
      rootUri: null,
      capabilities: {},
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'b' }],
    });
    let wait = published();
    await client.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    await wait;
    const times = [];
    for (let i = 0; i < reps; i++) {
      // One keystroke: a comment line appended, so the text differs every time.
      const edited = `${text}\n# edit ${i}\n`;
      wait = published();
      const t0 = performance.now();
      await client.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: i + 2 },
        contentChanges: [{ text: edited }],
      });
      await wait;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  } finally {
    await client.sendRequest('shutdown');
    client.dispose();
    toServer.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
