/**
 * `kubeplan lint --fix` as a library call: lint, apply every certain fix, re-lint with the whole run as context, and
 * repeat until nothing changes (at most `maxPasses` rounds of fixes, as ESLint does). Nothing is written here:
 * `writeFixedFiles` does that, `fixDiff` shows it as a unified diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import type { Finding, Manifest } from '../core/types.js';
import { resolveOptions } from '../api/config.js';
import { sortFindings } from '../core/findings.js';
import { checkLoaded, loadForLint, type LintOptions, type LintResult } from '../lint.js';
import { decodeBytes } from '../load/decode.js';
import { loadText, type LoadResult } from '../load/index.js';
import { applyFixes } from './apply.js';

export const DEFAULT_MAX_PASSES = 10;

export interface FixOptions extends LintOptions {
  /** Most rounds of fixing (each followed by a re-lint); default 10. */
  maxPasses?: number;
}

/** What was fixed in one file. */
export interface FixedFile {
  file: string;
  /** The file was the `-` input (its fixed text goes to stdout, never to a file). */
  stdin: boolean;
  original: string;
  output: string;
  /** The fixes applied, in the order applied: the finding they fixed (as it was when fixed) and what they did. */
  applied: Array<{ ruleId: string; line: number; column: number; title: string }>;
}

export interface FixResult {
  /** Files whose text changed, in input order. */
  files: FixedFile[];
  /** The lint of the fixed texts (what is left); findings still carry fixes a pass limit or a conflict left over. */
  result: LintResult;
  /** Rounds of fixes applied. */
  passes: number;
}

/** Lints `inputs`, fixes what can be fixed with certainty, and returns the fixed texts and what is left. */
export function fix(inputs: string[], given: FixOptions = {}): FixResult {
  // A loaded config (`options.config`) applies as it does for lint; its own findings join what is left.
  const { options, configFindings } = resolveOptions(given);
  const loaded = loadForLint(inputs, options);
  const stdinName = inputs.includes('-') ? (options.stdinFilename ?? '<stdin>') : undefined;
  return withConfigFindings(fixLoaded(loaded, options, stdinName), configFindings);
}

/** The same for one in-memory text (an editor buffer, a test). */
export function fixText(text: string, file: string, given: FixOptions = {}): FixResult {
  const { options, configFindings } = resolveOptions(given);
  return withConfigFindings(fixLoaded(loadText(text, file, options.limits), options, undefined), configFindings);
}

function withConfigFindings(run: FixResult, extra: Finding[]): FixResult {
  if (extra.length === 0) return run;
  return { ...run, result: { ...run.result, findings: sortFindings([...extra, ...run.result.findings]) } };
}

function fixLoaded(loaded: LoadResult, options: FixOptions, stdinName: string | undefined): FixResult {
  const maxPasses = options.maxPasses ?? DEFAULT_MAX_PASSES;
  // Each file's own manifests and loader findings, so a fixed file is re-read alone; the others are reused.
  const perFile = new Map<string, { manifests: Manifest[]; findings: Finding[] }>();
  for (const file of loaded.sources.keys()) perFile.set(file, { manifests: [], findings: [] });
  const unread: Finding[] = [];
  for (const m of loaded.manifests) perFile.get(m.file)?.manifests.push(m);
  for (const f of loaded.findings) (perFile.get(f.file)?.findings ?? unread).push(f);
  const texts = new Map(loaded.sources);
  const applied = new Map<string, FixedFile['applied']>();

  const assemble = (): LoadResult => {
    const manifests: Manifest[] = [];
    const findings: Finding[] = [...unread];
    for (const entry of perFile.values()) {
      for (const m of entry.manifests) manifests.push(m);
      for (const f of entry.findings) findings.push(f);
    }
    return { manifests, findings, files: loaded.files, sources: texts };
  };

  let passes = 0;
  let result = checkLoaded(assemble(), { ...options, fixes: true });
  while (passes < maxPasses) {
    const byFile = new Map<string, Finding[]>();
    for (const f of result.findings)
      if (f.fix && texts.has(f.file)) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    let changed = false;
    for (const [file, findings] of byFile) {
      const before = texts.get(file)!;
      const { text, applied: done } = applyFixes(
        before,
        findings.map((f) => f.fix!),
      );
      if (text === before) continue;
      changed = true;
      texts.set(file, text);
      const reloaded = loadText(text, file, options.limits);
      perFile.set(file, { manifests: reloaded.manifests, findings: reloaded.findings });
      const log = applied.get(file) ?? [];
      for (const fix of done) {
        const finding = findings.find((f) => f.fix === fix)!;
        log.push({ ruleId: finding.ruleId, line: finding.line, column: finding.column, title: fix.title });
      }
      applied.set(file, log);
    }
    if (!changed) break;
    passes++;
    result = checkLoaded(assemble(), { ...options, fixes: true });
  }

  const files: FixedFile[] = [];
  for (const [file, original] of loaded.sources) {
    const output = texts.get(file)!;
    if (output === original) continue;
    files.push({ file, stdin: file === stdinName, original, output, applied: applied.get(file) ?? [] });
  }
  return { files, result, passes };
}

/** A unified diff of every fixed file (`--fix-dry-run`), files in input order, with git's 3 lines of context. */
export function fixDiff(files: readonly FixedFile[]): string {
  return files
    .map((f) =>
      createTwoFilesPatch(`a/${f.file}`, `b/${f.file}`, f.original, f.output, undefined, undefined, {
        headerOptions: FILE_HEADERS_ONLY,
        context: 3, // as `diff -u` and git
      }),
    )
    .join('');
}

/**
 * Writes the fixed files (never the `-` input), in the encoding each was read in (UTF-8 with or without a BOM,
 * UTF-16). A file that changed on disk since it was read is not overwritten: it is returned in `skipped`.
 */
export function writeFixedFiles(
  files: readonly FixedFile[],
  cwd: string = process.cwd(),
): { written: string[]; skipped: Array<{ file: string; reason: string }> } {
  const written: string[] = [];
  const skipped: Array<{ file: string; reason: string }> = [];
  for (const f of files) {
    if (f.stdin) continue;
    const absolute = path.resolve(cwd, f.file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(absolute);
    } catch (err) {
      skipped.push({
        file: f.file,
        reason: `cannot read it again: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      });
      continue;
    }
    const decoded = decodeBytes(bytes);
    if (!decoded.ok || decoded.text !== f.original) {
      skipped.push({ file: f.file, reason: 'it changed on disk while kubeplan was fixing it' });
      continue;
    }
    writeFileSync(absolute, encodeLike(bytes, f.output));
    written.push(f.file);
  }
  return { written, skipped };
}

/** `text` in the encoding (and byte-order mark) of `original`. */
function encodeLike(original: Buffer, text: string): Buffer {
  if (original[0] === 0xff && original[1] === 0xfe)
    return Buffer.concat([original.subarray(0, 2), Buffer.from(text, 'utf16le')]);
  if (original[0] === 0xfe && original[1] === 0xff) {
    const body = Buffer.from(text, 'utf16le');
    body.swap16();
    return Buffer.concat([original.subarray(0, 2), body]);
  }
  const bom = original[0] === 0xef && original[1] === 0xbb && original[2] === 0xbf;
  return Buffer.concat([bom ? original.subarray(0, 3) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
}
