/** Shared helpers for the hostile-input suite: sandwiched documents, temporary trees, an in-process CLI. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { run, type CliIO } from '../../src/cli/main.js';
import type { Finding } from '../../src/core/types.js';
import { lint, lintText, type LintOptions, type LintResult } from '../../src/lint.js';

/** Hang guard for a single hostile case (not a timing assertion). */
export const HANG_GUARD = 20_000;

/** A valid ConfigMap that also repeats a key, so its (loader) finding proves it was checked. */
export function canary(name: string): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  name: ${name}\n`;
}
const CANARY_LINES = 5;
/** Lines before the hostile text in `sandwich()`: the first canary and a `---`. */
export const HEAD = CANARY_LINES + 1;

/** Loader-level findings (yaml/*, input/*) as [ruleId, line, column]. */
export function loaderFindings(findings: Finding[]): Array<[string, number, number]> {
  return findings.filter((f) => /^(yaml|input)\//.test(f.ruleId)).map((f) => [f.ruleId, f.line, f.column]);
}

/**
 * Lints `hostile` between two canary documents in one file and checks that both canaries were read and reported.
 * Returns the loader findings of the hostile part, with lines relative to the hostile text.
 */
export function sandwich(
  hostile: string,
  options: LintOptions = {},
): {
  findings: Array<[string, number, number]>;
  validity: Array<[string, string, number, number]>;
  result: LintResult;
} {
  const body = hostile.endsWith('\n') ? hostile : hostile + '\n';
  const text = `${canary('before')}---\n${body}---\n${canary('after')}`;
  const afterLine = text.split('\n').length - 1 - CANARY_LINES + 1; // first line of the second canary
  const result = lintText(text, 'hostile.yaml', options);
  const names = result.manifests.map((m) => m.ref.name);
  expect(names[0], 'the document before the hostile one is read').toBe('before');
  expect(names[names.length - 1], 'the document after the hostile one is read').toBe('after');
  const loader = loaderFindings(result.findings);
  expect(loader).toContainEqual(['yaml/duplicate-key', 5, 3]);
  expect(loader).toContainEqual(['yaml/duplicate-key', afterLine + 4, 3]);
  const inside = (line: number) => line > HEAD && line < afterLine - 1;
  const own = loader
    .filter(([, line]) => inside(line))
    .map(([id, line, col]) => [id, line - HEAD, col] as [string, number, number]);
  // yaml/*, input/* and schema/* findings of the hostile part: what makes an object invalid, as [ruleId, severity, line, column]
  const validity = result.findings
    .filter((f) => /^(yaml|input|schema)\//.test(f.ruleId) && inside(f.line))
    .map((f) => [f.ruleId, f.severity, f.line - HEAD, f.column] as [string, string, number, number]);
  return { findings: own, validity, result };
}

/** Writes files into a fresh temporary directory and returns its path. */
export function tree(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-hostile-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Lints a folder holding `files` plus a canary file; checks the canary was read and returns the findings of the rest. */
export function lintWithCanary(
  files: Record<string, string | Uint8Array>,
  options: LintOptions = {},
): { findings: Finding[]; result: LintResult; dir: string } {
  const dir = tree({ ...files, 'zz-canary.yaml': canary('canary') });
  const result = lint(['.'], { cwd: dir, ...options });
  expect(result.manifests.map((m) => m.ref.name)).toContain('canary');
  expect(loaderFindings(result.findings.filter((f) => f.file === 'zz-canary.yaml'))).toEqual([
    ['yaml/duplicate-key', 5, 3],
  ]);
  return { findings: result.findings.filter((f) => f.file !== 'zz-canary.yaml'), result, dir };
}

/** The loader findings (yaml/*, input/*) of a `--format json` run, as [ruleId, line] (or [file, ruleId] with `byFile`). */
export function jsonLoaderFindings(stdout: string, byFile = false): Array<[string, number | string]> {
  const out = JSON.parse(stdout) as { findings: Array<{ ruleId: string; line: number; file: string }> };
  return out.findings
    .filter((f) => /^(yaml|input)\//.test(f.ruleId))
    .map((f) => (byFile ? [f.file, f.ruleId] : [f.ruleId, f.line]));
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, as bundle/kubeplan.cjs would. */
export async function runCli(
  argv: string[],
  opts: { cwd?: string; stdin?: string | Uint8Array; env?: Record<string, string>; isTTY?: boolean } = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => (typeof opts.stdin === 'string' ? Buffer.from(opts.stdin) : (opts.stdin ?? new Uint8Array())),
    cwd: opts.cwd ?? process.cwd(),
    env: opts.env ?? {},
    isTTY: opts.isTTY ?? false,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
