/**
 * Language-server latency for `npm run bench`: the time from a `textDocument/didChange` to the
 * `textDocument/publishDiagnostics` for it, through the server's JSON-RPC framing (dist/src/lsp/server.js, in this
 * process). The file sits in a workspace folder of its own, so the time is the single document's lint plus the
 * 200 ms debounce the server waits after the last keystroke (included: it is what the editor user waits).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function lspLatency(dist, text, reps) {
  const { createLanguageServer } = await import(pathToFileURL(path.join(dist, 'lsp/server.js')).href);
  const { frame } = await import(pathToFileURL(path.join(dist, 'lsp/framing.js')).href);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kubeplan-bench-lsp-'));
  const file = path.join(dir, 'big.yaml');
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  let onPublish = () => {};
  let pending = '';
  const server = createLanguageServer({
    write: (out) => {
      pending += out;
      for (;;) {
        const m = /^Content-Length: (\d+)\r\n\r\n/.exec(pending);
        if (!m) return;
        const body = pending.slice(m[0].length, m[0].length + Number(m[1]));
        pending = pending.slice(m[0].length + Number(m[1]));
        if (JSON.parse(body).method === 'textDocument/publishDiagnostics') onPublish();
      }
    },
    exit: () => {},
  });
  const send = (msg) => server.push(Buffer.from(frame({ jsonrpc: '2.0', ...msg })));
  const published = () => new Promise((resolve) => (onPublish = resolve));
  try {
    send({ id: 1, method: 'initialize', params: { workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'b' }] } });
    let wait = published();
    send({ method: 'textDocument/didOpen', params: { textDocument: { uri, version: 1, text } } });
    await wait;
    const times = [];
    for (let i = 0; i < reps; i++) {
      // One keystroke: a comment line appended, so the text differs every time.
      const edited = `${text}\n# edit ${i}\n`;
      wait = published();
      const t0 = performance.now();
      send({
        method: 'textDocument/didChange',
        params: { textDocument: { uri, version: i + 2 }, contentChanges: [{ text: edited }] },
      });
      await wait;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
  } finally {
    send({ id: 2, method: 'shutdown' });
    rmSync(dir, { recursive: true, force: true });
  }
}
