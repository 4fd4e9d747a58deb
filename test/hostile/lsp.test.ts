/**
 * Issue 16 item 11: the language server against a hostile or broken client, over real stdio in a child process
 * (1 GB heap, killed after 10 s). Malformed bodies are answered or logged and the server goes on; framing it
 * cannot recover from closes the connection at once; large messages are read in linear time; on stdin end every
 * reply owed is written and flushed before the process exits, even to a slow reader.
 */
import { describe, expect, it } from 'vitest';
import { lspFrame, lspFrames, startChild } from './spawn.js';

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { processId: null, rootUri: null, capabilities: {} },
};
const shutdown = { jsonrpc: '2.0', id: 'bye', method: 'shutdown' };
const exit = { jsonrpc: '2.0', method: 'exit' };

type Reply = { id?: unknown; result?: unknown; error?: { code: number; message: string }; method?: string };

describe('kubeplan lsp: hostile clients (child process, 1 GB, 10 s)', () => {
  it('answers or logs malformed bodies (null, non-objects, invalid JSON, null params) and keeps serving', async () => {
    const { child, done } = startChild(['lsp']);
    child.stdin!.write(
      Buffer.concat([
        lspFrame(initialize),
        lspFrame('null'),
        lspFrame('5'),
        lspFrame('"text"'),
        lspFrame('[]'),
        lspFrame('{"jsonrpc":"2.0","id":'), // not JSON
        lspFrame({ jsonrpc: '2.0', id: 2, method: 'textDocument/hover', params: null }),
        lspFrame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: null }),
        lspFrame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 7 } } }),
        lspFrame({ jsonrpc: '2.0', id: 3, method: 'textDocument/codeAction', params: { textDocument: null } }),
        lspFrame({ jsonrpc: '2.0', id: 4, method: 'textDocument/definition', params: {} }),
        lspFrame(shutdown),
        lspFrame(exit),
      ]),
    );
    const result = await done;
    expect(result.killed).toBe(false);
    expect(result.code).toBe(0); // exit after shutdown
    const replies = lspFrames(result.stdout) as Reply[];
    const byId = (id: unknown) => replies.find((r) => r.id === id);
    expect(byId(1)?.result).toMatchObject({ serverInfo: { name: 'kubeplan' } });
    expect(replies.filter((r) => r.id === null).map((r) => r.error?.code)).toEqual([-32700]);
    expect(byId(2)?.error?.code).toBe(-32603); // an error reply, not a crash
    expect(byId(3)).toMatchObject({ id: 3 });
    expect(byId(4)?.error?.code).toBe(-32601);
    expect(byId('bye')).toMatchObject({ result: null });
    expect(result.stderr).toBe('');
  });

  it('reads a 30 MB message in linear time and answers the request after it', async () => {
    const { child, done } = startChild(['lsp']);
    const big = lspFrame({
      jsonrpc: '2.0',
      method: '$/kubeplan.padding',
      params: { pad: 'x'.repeat(30 * 1024 * 1024) },
    });
    child.stdin!.write(lspFrame(initialize));
    // In the 64 KB chunks a pipe delivers (the old reader copied its whole buffer per chunk: 39 s).
    for (let at = 0; at < big.length; at += 65536) child.stdin!.write(big.subarray(at, at + 65536));
    child.stdin!.end(
      Buffer.concat([
        lspFrame({ jsonrpc: '2.0', id: 2, method: 'textDocument/definition' }),
        lspFrame(shutdown),
        lspFrame(exit),
      ]),
    );
    const result = await done;
    expect(result.killed).toBe(false);
    expect(result.code).toBe(0);
    const replies = lspFrames(result.stdout) as Reply[];
    expect(replies.find((r) => r.id === 2)?.error?.code).toBe(-32601);
  });

  for (const [name, bytes, reason] of [
    ['a Content-Length over the 64 MB limit', 'Content-Length: 1000000000000\r\n\r\n{}', /over the limit/],
    ['a header without Content-Length', 'Content-Type: application/json\r\n\r\n{}', /no Content-Length/],
    ['a megabyte without a header end', 'x'.repeat(1024 * 1024), /header is over 8192 bytes/],
  ] as const) {
    it(`closes the connection on ${name}, saying why, without waiting for the body`, async () => {
      const { child, done } = startChild(['lsp']);
      // stdin stays open: the server must not wait for more bytes.
      child.stdin!.write(Buffer.concat([lspFrame(initialize), Buffer.from(bytes)]));
      const result = await done;
      expect(result.killed).toBe(false);
      expect(result.code).toBe(1);
      const replies = lspFrames(result.stdout) as (Reply & { params?: { message: string } })[];
      expect(replies.find((r) => r.id === 1)).toBeDefined();
      const log = replies.find((r) => r.method === 'window/logMessage');
      expect(log?.params?.message).toMatch(reason);
    });
  }

  it('on stdin end, answers every request it read and flushes all of it to a slow reader before exiting', async () => {
    const { child, done } = startChild(['lsp']);
    const requests = 3000;
    const frames: Buffer[] = [lspFrame(initialize)];
    for (let i = 0; i < requests; i++)
      frames.push(lspFrame({ jsonrpc: '2.0', id: 100 + i, method: `kubeplan/unknown-${'m'.repeat(100)}`, params: {} }));
    // Pause reading: the replies (over 600 KB) overflow the pipe's 64 KB and wait in the server process.
    child.stdout!.pause();
    child.stdin!.end(Buffer.concat(frames));
    setTimeout(() => child.stdout!.resume(), 1500);
    const result = await done;
    expect(result.killed).toBe(false);
    expect(result.code).toBe(1); // the input ended without shutdown (LSP: exit code 1)
    const replies = lspFrames(result.stdout) as Reply[];
    const answered = new Set(replies.map((r) => r.id));
    expect(result.stdout.length).toBeGreaterThan(600 * 1024);
    for (let i = 0; i < requests; i++) expect(answered.has(100 + i)).toBe(true);
  });
});
