import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { session } from './session.js';

const sessions: ReturnType<typeof session>[] = [];
const start = () => {
  const s = session();
  sessions.push(s);
  return s;
};

const duplicateKey = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n  a: "2"\n';

describe('kubeplan lsp', () => {
  // Only the server's debounce timers are fake; the JSON-RPC connection runs on setImmediate and stream events.
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => {
    vi.useRealTimers();
    for (const s of sessions.splice(0)) s.dispose();
  });

  it('answers initialize and publishes diagnostics for an opened document (0-based positions)', async () => {
    const s = start();
    const init = await s.request('initialize', { processId: null, rootUri: null, capabilities: {} });
    // Incremental sync: the editor sends edits, vscode-languageserver-textdocument applies them.
    expect(init).toMatchObject({ capabilities: { textDocumentSync: { change: 2 }, hoverProvider: true } });
    await s.notify('textDocument/didOpen', {
      textDocument: { uri: 'file:///w/c.yaml', languageId: 'yaml', version: 1, text: duplicateKey },
    });
    await s.settle();
    vi.advanceTimersByTime(0);
    await s.settle();
    expect(s.published).toHaveLength(1);
    expect(s.published[0]!.uri).toBe('file:///w/c.yaml');
    expect(s.published[0]!.diagnostics.map((d) => [d.code, d.range, d.severity])).toEqual([
      ['yaml/duplicate-key', { start: { line: 6, character: 2 }, end: { line: 6, character: 3 } }, 1],
    ]);
  });

  it('re-lints on change, clears on close, and exits cleanly after shutdown', async () => {
    const s = start();
    const uri = 'file:///w/x.yaml';
    await s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'a: [' } });
    await s.settle();
    vi.advanceTimersByTime(0);
    await s.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n' }],
    });
    await s.settle();
    vi.advanceTimersByTime(199);
    await s.settle();
    expect(s.published[0]!.diagnostics.length).toBeGreaterThan(0);
    expect(s.published).toHaveLength(1); // the change waits for the debounce
    vi.advanceTimersByTime(1);
    await s.settle();
    expect(s.published[1]).toMatchObject({ version: 2, diagnostics: [] });
    await s.notify('textDocument/didClose', { textDocument: { uri } });
    await s.settle();
    expect(s.published[2]).toEqual({ uri, diagnostics: [] });
    await s.request('shutdown');
    await s.notify('exit', undefined);
    await vi.waitFor(() => expect(s.exitCode()).toBe(0));
  });

  it('applies incremental edits to the text it lints', async () => {
    const s = start();
    const uri = 'file:///w/i.yaml';
    await s.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: duplicateKey },
    });
    await s.settle();
    vi.advanceTimersByTime(0);
    // Rename the second `a` (line 6, characters 2–3) to `b`: the duplicate key is gone.
    await s.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 6, character: 2 }, end: { line: 6, character: 3 } }, text: 'b' }],
    });
    await s.settle();
    vi.advanceTimersByTime(200);
    await s.settle();
    expect(s.published.map((p) => [p.version, p.diagnostics.map((d) => d.code)])).toEqual([
      [1, ['yaml/duplicate-key']],
      [2, []],
    ]);
  });

  it('answers unknown requests with "method not found" and a message that is not JSON with a parse error', async () => {
    const s = start();
    await expect(s.request('textDocument/definition', {})).rejects.toMatchObject({ code: -32601 });
    // Raw bytes, split inside the header: the client library cannot send a body that is not JSON.
    const body = '{x}';
    const raw = Buffer.from(`Content-Length: ${body.length}\r\n\r\n${body}`);
    s.toServer.write(raw.subarray(0, 5));
    s.toServer.write(raw.subarray(5));
    // The server's answer has id null (nothing to route it to): the client library logs it.
    expect(await s.clientLog(/without id/)).toMatch(/-32700/);
    expect(await s.settle()).toBeNull();
    expect(s.exitCode()).toBeUndefined();
  });

  it('debounces edits: of three quick changes only the last version is linted and published', async () => {
    const s = start();
    const uri = 'file:///w/d.yaml';
    await s.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'a: [' } });
    await s.settle();
    vi.advanceTimersByTime(0);
    for (const [version, text] of [
      [2, 'a: ['],
      [3, duplicateKey],
      [4, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n'],
    ] as const) {
      await s.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      await s.settle();
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(200);
    await s.settle();
    expect(s.published.map((p) => p.version)).toEqual([1, 4]);
    expect(s.published[1]!.diagnostics).toEqual([]);
  });

  it('offers "disable for this object" as a kubeplan.dev/ignore annotation in block-style metadata', async () => {
    const s = start();
    const uri = 'file:///w/e.yaml';
    await s.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: duplicateKey },
    });
    await s.settle();
    vi.advanceTimersByTime(0);
    await s.settle();
    const at = { line: 6, character: 2 };
    const actions = await s.request<{ title: string; edit: { changes: Record<string, unknown> } }[]>(
      'textDocument/codeAction',
      { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } },
    );
    const object = actions.find((a) => a.title === 'Disable yaml/duplicate-key for this object')!;
    expect(object.edit.changes[uri]).toEqual([
      {
        range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
        newText: '  annotations:\n    kubeplan.dev/ignore: "yaml/duplicate-key"\n',
      },
    ]);
    // Outside the finding's lines: nothing to offer.
    expect(
      await s.request('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
        context: { diagnostics: [] },
      }),
    ).toEqual([]);
  });
});
