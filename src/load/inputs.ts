/**
 * Expands command-line inputs (files, folders, globs) into a sorted list of files to read.
 * Folders are walked recursively for *.yaml, *.yml and *.json; symlinks are followed only
 * while they stay inside the tree that was given, and loops are detected.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { Minimatch } from 'minimatch';
import type { Finding } from '../core/types.js';
import { compareStrings } from '../core/compare.js';
import { renderKind } from './render.js';
import { isInside } from '../core/safe-read.js';

export const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];
/**
 * Not walked: dependencies, Git, and CI configuration (`.github/`: workflows are YAML, not Kubernetes objects).
 * Named on the command line they are still read.
 */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.github']);
/**
 * Files that a walk leaves out: YAML that is configuration of another tool, never a Kubernetes object —
 * pre-commit's, a Helm chart's metadata and values, kustomize's kustomization (rendered by its tool, not applied).
 */
const NON_MANIFEST_FILE =
  /^(?:\.pre-commit-config\.ya?ml|Chart\.ya?ml|values[^/]*\.ya?ml|kustomization\.ya?ml|Kustomization)$/;

/** True for a file name a walk skips as another tool's configuration (see NON_MANIFEST_FILE). */
export function isNonManifestFile(name: string): boolean {
  return NON_MANIFEST_FILE.test(name);
}

/** True for a path a walk never yields: inside a skipped folder (`.github/`…) or another tool's configuration file. */
export function isNonManifestPath(file: string): boolean {
  const parts = file.split(/[\\/]/);
  return parts.slice(0, -1).some((p) => SKIPPED_DIRS.has(p)) || isNonManifestFile(parts[parts.length - 1] ?? '');
}
const GLOB_CHARS = /[*?[\]{}!]/;
/** Command-line globs are untrusted in CI too (a workflow may pass a PR's paths): bounded length and brace expansion. */
export const MAX_INPUT_GLOB_LENGTH = 1024;
export const MAX_INPUT_GLOB_EXPANSIONS = 256;

export interface ExpandedInputs {
  files: string[];
  findings: Finding[];
  /** The files found by walking a folder or a glob (the others were named): their non-Kubernetes YAML is skipped. */
  walked: Set<string>;
  /** Folders read rendered (a kustomization, a Helm chart: see render.ts), absolute, sorted; their files are not listed. */
  rendered: string[];
}

export interface ExpandOptions {
  cwd?: string;
  /** Keeps a file (display path, relative to cwd) when true; built from include/exclude globs by the caller. */
  filter?: (file: string) => boolean;
}

export function expandInputs(inputs: string[], options: ExpandOptions = {}): ExpandedInputs {
  const cwd = options.cwd ?? process.cwd();
  const files = new Set<string>();
  const named = new Set<string>();
  const rendered = new Set<string>();
  const findings: Finding[] = [];
  const problem = (file: string, ruleId: string, message: string, severity: Finding['severity'] = 'error') =>
    findings.push({ ruleId, severity, message, file, line: 1, column: 1, endLine: 1, endColumn: 1 });

  const cwdReal = safeRealpath(cwd) ?? path.resolve(cwd);
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let stat;
    try {
      stat = statSync(absolute);
    } catch {
      stat = undefined;
    }
    // A path written inside the working directory that leads out of it through a symbolic link (a committed
    // `k8s -> /`, `x.yaml -> /etc/passwd`) is not followed; a path written outside it is the caller's choice.
    if (stat && isInside(absolute, path.resolve(cwd)) && !isInside(safeRealpath(absolute) ?? absolute, cwdReal)) {
      problem(
        clip(input),
        'input/symlink-outside',
        'symbolic link leads outside the working directory (not followed)',
        'warning',
      );
      continue;
    }
    if (stat?.isDirectory()) {
      walkDirectory(absolute, cwd, files, problem, rendered);
    } else if (stat?.isFile()) {
      files.add(display(absolute, cwd));
      named.add(display(absolute, cwd));
    } else if (GLOB_CHARS.test(input)) {
      const compiled = compileInputGlob(input);
      if ('error' in compiled) {
        problem(clip(input), 'input/bad-glob', `glob ${JSON.stringify(clip(input))} refused: ${compiled.error}`);
        continue;
      }
      const matched = expandGlob(input, compiled.matcher, cwd, problem);
      if (matched.length === 0) problem(clip(input), 'input/no-match', `no files match ${JSON.stringify(clip(input))}`);
      for (const f of matched) files.add(f);
    } else if (stat) {
      problem(clip(input), 'input/unreadable', 'not a regular file (a device, FIFO or socket); not read');
    } else if (input.includes('\uFFFD')) {
      // A name given with bytes that are not UTF-8 arrives decoded with U+FFFD: find it in its folder to show them.
      if (reportUndecodableNames(path.dirname(absolute), cwd, problem, path.basename(absolute)) === 0)
        problem(clip(input), 'input/not-found', `no such file or directory: ${clip(input)}`);
    } else {
      problem(clip(input), 'input/not-found', `no such file or directory: ${clip(input)}`);
    }
  }

  const selected = options.filter ? [...files].filter(options.filter) : [...files];
  selected.sort(compareStrings);
  return {
    files: selected,
    findings,
    walked: new Set(selected.filter((f) => !named.has(f))),
    rendered: [...rendered].sort(compareStrings),
  };
}

function walkDirectory(
  root: string,
  cwd: string,
  files: Set<string>,
  problem: (file: string, ruleId: string, message: string, severity?: Finding['severity']) => void,
  /** Collects folders read rendered (kustomizations, charts) instead of walking them; absent for glob walks. */
  rendered?: Set<string>,
) {
  const rootReal = safeRealpath(root) ?? root;
  const visited = new Set<string>([rootReal]);
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    if (rendered && renderKind(dir)) {
      rendered.add(dir);
      continue;
    }
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      problem(
        display(dir, cwd),
        'input/unreadable',
        `cannot read directory: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      );
      continue;
    }
    if (entries.some((e) => e.name.includes('\uFFFD'))) reportUndecodableNames(dir, cwd, problem);
    for (const entry of entries) {
      if (entry.name.includes('\uFFFD')) continue; // not the file's real name: reported above
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        const real = safeRealpath(full);
        if (!real) {
          if (symlinkError(full) === 'ELOOP')
            problem(
              display(full, cwd),
              'input/symlink-loop',
              'symbolic links that point at each other (not followed)',
              'warning',
            );
          else problem(display(full, cwd), 'input/broken-symlink', 'symbolic link points nowhere (skipped)', 'warning');
          continue;
        }
        if (!isInside(real, rootReal)) {
          problem(
            display(full, cwd),
            'input/symlink-outside',
            `symbolic link leads outside ${display(root, cwd)} (not followed)`,
            'warning',
          );
          continue;
        }
        let target;
        try {
          target = statSync(real);
        } catch {
          continue;
        }
        if (target.isDirectory()) {
          if (visited.has(real)) {
            problem(display(full, cwd), 'input/symlink-loop', 'symbolic link loop (not followed again)', 'warning');
            continue;
          }
          visited.add(real);
          stack.push(full);
        } else if (target.isFile() && hasManifestExtension(entry.name) && !isNonManifestFile(entry.name))
          files.add(display(full, cwd));
        continue;
      }
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name)) continue;
        const real = safeRealpath(full) ?? full;
        if (visited.has(real)) continue;
        visited.add(real);
        stack.push(full);
      } else if (entry.isFile() && hasManifestExtension(entry.name) && !isNonManifestFile(entry.name)) {
        files.add(display(full, cwd));
      }
    }
  }
}

/**
 * Compiles a command-line glob once. Brace expansion is capped before it happens (`braceExpandMax`): `{a,b}` sixteen
 * times is 65,536 patterns and half a minute of work otherwise. minimatch's own limits (64 KiB patterns, globstar and
 * extglob recursion) stay in force.
 */
export function compileInputGlob(pattern: string): { matcher: Minimatch } | { error: string } {
  if (pattern.length > MAX_INPUT_GLOB_LENGTH) return { error: `longer than ${MAX_INPUT_GLOB_LENGTH} characters` };
  try {
    const matcher = new Minimatch(pattern, {
      dot: false,
      optimizationLevel: 2,
      braceExpandMax: MAX_INPUT_GLOB_EXPANSIONS + 1,
    });
    if (matcher.set.length > MAX_INPUT_GLOB_EXPANSIONS)
      return { error: `its braces expand to more than ${MAX_INPUT_GLOB_EXPANSIONS} patterns` };
    return { matcher };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Names that are not UTF-8 (Linux allows any bytes): Node decodes them with U+FFFD, so the file cannot be opened by
 * that name. Each is reported with its bytes escaped (`\xff`) instead of vanishing as "no such file".
 */
function reportUndecodableNames(
  dir: string,
  cwd: string,
  problem: (file: string, ruleId: string, message: string, severity?: Finding['severity']) => void,
  /** Only the name that decodes to this (a name given on the command line); else every manifest-like name. */
  decoded?: string,
): number {
  let raw: Buffer[];
  try {
    raw = readdirSync(dir, { encoding: 'buffer' });
  } catch {
    return 0;
  }
  let reported = 0;
  for (const name of raw) {
    if (Buffer.from(name.toString('utf8'), 'utf8').equals(name)) continue;
    if (decoded !== undefined ? name.toString('utf8') !== decoded : !hasManifestExtension(name.toString('latin1')))
      continue;
    const shown = display(path.join(dir, escapeBytes(name)), cwd);
    problem(shown, 'input/unreadable', `file name is not valid UTF-8 (bytes shown escaped): ${shown}; not read`);
    reported++;
  }
  return reported;
}

/** Printable ASCII as is, every other byte as `\xNN`. */
export function escapeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes)
    out += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`;
  return out;
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Walks from the glob's literal prefix and matches each file with the compiled glob. */
function expandGlob(
  pattern: string,
  matcher: Minimatch,
  cwd: string,
  problem: (file: string, ruleId: string, message: string, severity?: Finding['severity']) => void,
): string[] {
  const parts = pattern.split('/');
  const literal: string[] = [];
  for (const part of parts) {
    // extglob groups (`+(a|b)`, `@(x)`) are magic too: a part that might be one is never taken literally
    if (GLOB_CHARS.test(part) || /[()|+@]/.test(part)) break;
    literal.push(part);
  }
  const base = path.resolve(cwd, literal.join('/') || '.');
  const found = new Set<string>();
  try {
    if (!statSync(base).isDirectory()) return [];
  } catch {
    return [];
  }
  if (isInside(base, path.resolve(cwd)) && !isInside(safeRealpath(base) ?? base, safeRealpath(cwd) ?? cwd)) {
    problem(
      display(base, cwd),
      'input/symlink-outside',
      'symbolic link leads outside the working directory (not followed)',
      'warning',
    );
    return [];
  }
  walkDirectory(base, cwd, found, problem);
  const absolutePattern = path.isAbsolute(pattern);
  return [...found].filter((f) => {
    const candidate = absolutePattern ? path.resolve(cwd, f) : f;
    try {
      return matcher.match(candidate);
    } catch {
      return false;
    }
  });
}

function hasManifestExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return MANIFEST_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

function safeRealpath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

function symlinkError(p: string): string | undefined {
  try {
    realpathSync(p);
    return undefined;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code;
  }
}

/** Paths are shown relative to cwd with forward slashes, so output is the same on every machine. */
export function display(absolute: string, cwd: string): string {
  const rel = path.relative(cwd, absolute);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : absolute;
  return shown.split(path.sep).join('/');
}
