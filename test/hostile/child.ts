/**
 * Runs the built CLI (bundle/kubeplan.cjs, what users run) in a child process with the issue-16 bounds: a V8 heap of
 * 1 GB (`--max-old-space-size`) and a 10 s timeout. A hang, a heap blow-up or an unhandled rejection shows up as a
 * signal, a V8 abort or a non-0/1 exit code — never as a wall-clock assertion in the test process.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const BUNDLE = path.resolve('bundle/kubeplan.cjs');
export const CHILD_TIMEOUT_MS = 10_000;
export const CHILD_HEAP_MB = 1024;
/** vitest's timeout for a test that runs one bounded child (the child's own bound is what is tested). */
export const CHILD_GUARD = 30_000;

export interface BoundedRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runBounded(
  argv: string[],
  opts: { cwd: string; stdin?: string; heapMb?: number; timeoutMs?: number } = { cwd: process.cwd() },
): BoundedRun {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${opts.heapMb ?? CHILD_HEAP_MB}`, BUNDLE, ...argv], {
    cwd: opts.cwd,
    input: opts.stdin ?? '',
    timeout: opts.timeoutMs ?? CHILD_TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** A finished run: exit 0 or 1 within the bounds, nothing on stderr. Returns the parsed `--format json` output. */
export function expectFinished(r: BoundedRun): {
  findings: Array<{ ruleId: string; severity: string; message: string; file: string; line: number; column: number }>;
} {
  if (r.signal !== null || (r.code !== 0 && r.code !== 1) || r.stderr !== '')
    throw new Error(
      `child did not finish within ${CHILD_TIMEOUT_MS} ms / ${CHILD_HEAP_MB} MB: code ${r.code}, signal ${r.signal}, stderr ${r.stderr.slice(0, 500)}`,
    );
  return JSON.parse(r.stdout);
}
