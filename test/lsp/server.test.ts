import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
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
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

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
    vi.advanceTimersByTime(0);
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
    vi.advanceTimersByTime(0);
    s.send({
      jsonrpc: '2.0',
      method: 'textDocument/didChange',
      params: {
        textDocument: { uri: 'file:///w/x.yaml' },
        contentChanges: [{ text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n' }],
      },
    });
    vi.advanceTimersByTime(199);
    expect((s.out[0] as { params: { diagnostics: { code: string }[] } }).params.diagnostics.length).toBeGreaterThan(0);
    expect(s.out).toHaveLength(1); // the change waits for the debounce
    vi.advanceTimersByTime(1);
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

  it('debounces edits: of three quick changes only the last version is linted and published', () => {
    const s = session();
    const uri = 'file:///w/d.yaml';
    s.send({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri, version: 1, text: 'a: [' } },
    });
    vi.advanceTimersByTime(0);
    for (const [version, text] of [
      [2, 'a: ['],
      [3, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n  a: "2"\n'],
      [4, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n'],
    ] as const) {
      s.send({
        jsonrpc: '2.0',
        method: 'textDocument/didChange',
        params: { textDocument: { uri, version }, contentChanges: [{ text }] },
      });
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(200);
    const publishes = s.out as { params: { version: number; diagnostics: unknown[] } }[];
    expect(publishes.map((p) => p.params.version)).toEqual([1, 4]);
    expect(publishes[1]!.params.diagnostics).toEqual([]);
  });

  it('offers "disable for this object" as a kubeplan.dev/ignore annotation in block-style metadata', () => {
    const s = session();
    const uri = 'file:///w/e.yaml';
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n  a: "2"\n';
    s.send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, version: 1, text } } });
    vi.advanceTimersByTime(0);
    const at = { line: 6, character: 2 };
    s.send({
      jsonrpc: '2.0',
      id: 5,
      method: 'textDocument/codeAction',
      params: { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } },
    });
    const reply = s.out[1] as { id: number; result: { title: string; edit: { changes: Record<string, unknown> } }[] };
    expect(reply.id).toBe(5);
    const object = reply.result.find((a) => a.title === 'Disable yaml/duplicate-key for this object')!;
    expect(object.edit.changes[uri]).toEqual([
      {
        range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
        newText: '  annotations:\n    kubeplan.dev/ignore: "yaml/duplicate-key"\n',
      },
    ]);
    // Outside the finding's lines: nothing to offer.
    s.send({
      jsonrpc: '2.0',
      id: 6,
      method: 'textDocument/codeAction',
      params: { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } } },
    });
    expect(s.out[2]).toEqual({ jsonrpc: '2.0', id: 6, result: [] });
  });
});
