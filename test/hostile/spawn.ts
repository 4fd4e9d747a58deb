/**
 * Streaming children for the hostile suite (child.ts runs the bundle to completion with spawnSync; these cases
 * need to write to stdin and read stdout while the child runs — the language server — or run the sources).
 * The CLI in a child process under the hostile suite's bounds: V8's heap capped (`--max-old-space-size`, default
 * 1 GB) and the process killed when it outlives the time bound (default 10 s). A case passes only if the child
 * exits by itself within both; nothing here measures time in the test process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = import.meta.resolve('tsx');

export interface ChildBounds {
  /** V8 old-space limit in MB (default 1024). */
  heapMb?: number;
  /** Kill the child after this many ms (default 10 000). */
  killAfterMs?: number;
  cwd?: string;
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the time bound killed it. */
  killed: boolean;
  stdout: Buffer;
  stderr: string;
}

/** Starts `kubeplan ARGS` from the sources (src/cli/bin.ts through tsx). */
export function startChild(
  args: string[],
  bounds: ChildBounds = {},
): { child: ChildProcess; done: Promise<ChildResult> } {
  const child = spawn(
    process.execPath,
    // tsx by URL: the child's cwd may be a temporary folder without node_modules.
    [`--max-old-space-size=${bounds.heapMb ?? 1024}`, '--import', TSX, path.join(ROOT, 'src/cli/bin.ts'), ...args],
    { cwd: bounds.cwd ?? ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  const out: Buffer[] = [];
  let stderr = '';
  let killed = false;
  child.stdout!.on('data', (d: Buffer) => out.push(d));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  // EPIPE when the child exits before reading everything we write: part of the cases, not an error.
  child.stdin!.on('error', () => {});
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, bounds.killAfterMs ?? 10_000);
  const done = new Promise<ChildResult>((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, killed, stdout: Buffer.concat(out), stderr });
    }),
  );
  return { child, done };
}

/** LSP base-protocol frames of a byte stream, parsed (a test's own, independent of the server's library). */
export function lspFrames(bytes: Buffer): unknown[] {
  const messages: unknown[] = [];
  let at = 0;
  for (;;) {
    const end = bytes.indexOf('\r\n\r\n', at);
    if (end < 0) return messages;
    const length = Number(/content-length:\s*(\d+)/i.exec(bytes.subarray(at, end).toString('latin1'))?.[1]);
    const start = end + 4;
    messages.push(JSON.parse(bytes.subarray(start, start + length).toString('utf8')));
    at = start + length;
  }
}

/** One framed message. */
export function lspFrame(body: string | object): Buffer {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return Buffer.concat([Buffer.from(`Content-Length: ${Buffer.byteLength(text)}\r\n\r\n`), Buffer.from(text)]);
}
