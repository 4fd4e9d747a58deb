import { describe, expect, it } from 'vitest';
import { frame } from '../../src/lsp/framing.js';
import { createLanguageServer } from '../../src/lsp/server.js';

function session() {
  const out: unknown[] = [];
  let exitCode: number | undefined;
  let pending = '';
  const server = createLanguageServer({
    write: (text) => {
      pending += text;
      for (;;) {
        const m = /^Content-Length: (\d+)\r\n\r\n/.exec(pending);
        if (!m) return;
        const start = m[0].length;
        const len = Number(m[1]);
        out.push(JSON.parse(pending.slice(start, start + len)));
        pending = pending.slice(start + len);
      }
    },
    exit: (code) => (exitCode = code),
  });
  return {
    out,
    send: (msg: unknown) => server.push(Buffer.from(frame(msg))),
    push: (b: Buffer) => server.push(b),
    exitCode: () => exitCode,
  };
}

describe('kubeplan lsp', () => {
  it('answers initialize and publishes diagnostics for an opened document (0-based positions)', () => {
    const s = session();
    s.send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} });
    expect(s.out[0]).toMatchObject({
      id: 1,
      result: { capabilities: { textDocumentSync: { change: 1 }, hoverProvider: true } },
    });
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n  a: "2"\n';
    s.send({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri: 'file:///w/c.yaml', text } },
    });
    const published = s.out[1] as {
      method: string;
      params: { uri: string; diagnostics: { code: string; range: unknown; severity: number }[] };
    };
    expect(published.method).toBe('textDocument/publishDiagnostics');
    expect(published.params.diagnostics.map((d) => [d.code, d.range, d.severity])).toEqual([
      ['yaml/duplicate-key', { start: { line: 6, character: 2 }, end: { line: 6, character: 3 } }, 1],
    ]);
  });

  it('re-lints on change, clears on close, and exits cleanly after shutdown', () => {
    const s = session();
    s.send({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri: 'file:///w/x.yaml', text: 'a: [' } },
    });
    s.send({
      jsonrpc: '2.0',
      method: 'textDocument/didChange',
      params: {
        textDocument: { uri: 'file:///w/x.yaml' },
        contentChanges: [{ text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n' }],
      },
    });
    expect((s.out[1] as { params: { diagnostics: unknown[] } }).params.diagnostics).toEqual([]);
    s.send({ jsonrpc: '2.0', method: 'textDocument/didClose', params: { textDocument: { uri: 'file:///w/x.yaml' } } });
    expect((s.out[2] as { params: { diagnostics: unknown[] } }).params.diagnostics).toEqual([]);
    s.send({ jsonrpc: '2.0', id: 9, method: 'shutdown' });
    s.send({ jsonrpc: '2.0', method: 'exit' });
    expect(s.exitCode()).toBe(0);
  });

  it('handles split frames and rejects unknown requests without dying', () => {
    const s = session();
    const bytes = Buffer.from(frame({ jsonrpc: '2.0', id: 2, method: 'textDocument/definition', params: {} }));
    s.push(bytes.subarray(0, 10));
    s.push(bytes.subarray(10));
    expect(s.out[0]).toMatchObject({ id: 2, error: { code: -32601 } });
    s.push(Buffer.from('Content-Length: 3\r\n\r\n{x}'));
    expect(s.out[1]).toMatchObject({ id: null, error: { code: -32700 } });
    expect(s.exitCode()).toBeUndefined();
  });
});
