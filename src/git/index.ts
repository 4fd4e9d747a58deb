/**
 * Reading manifests as they were at a git revision (`kubeplan plan k8s/ --base origin/main`), without a
 * checkout: `git ls-tree` lists what the given paths held at the revision and `git cat-file` reads each blob.
 * git runs through execFile with fixed arguments (never a shell); user paths are passed as literal
 * pathspecs after `--`, and a revision is first resolved to a commit id.
 * Paths that did not exist at the revision are simply absent (an added folder has no old side).
 */
import { createRequire } from 'node:module';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { Minimatch } from 'minimatch';
import type { Finding } from '../core/types.js';
import { decodeBytes } from '../load/decode.js';
import { loadText, DEFAULT_LIMITS, type LoadLimits, type LoadResult } from '../load/index.js';
import { compileInputGlob, MANIFEST_EXTENSIONS } from '../load/inputs.js';

// node:child_process is loaded only when git runs (--base): loading it costs every start ~3 ms.
const require = createRequire(import.meta.url);

export interface RevisionText {
  /** `<revision>:<path relative to cwd>`, as git itself names a file at a revision. */
  file: string;
  text: string;
}

export interface RevisionInputs {
  texts: RevisionText[];
  findings: Finding[];
}

export interface RevisionOptions {
  limits?: Partial<LoadLimits>;
  /** The git executable (default `git` from PATH). */
  git?: string;
}

const GLOB_CHARS = /[*?[\]{}!]/;
const SKIPPED_DIRS = new Set(['node_modules', '.git']);
/** ls-tree output for a large monorepo can be big; blobs are bounded by maxFileBytes separately. */
const LIST_BUFFER = 256 * 1024 * 1024;

class GitError extends Error {}

interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  size: number | null;
  /** Path relative to the repository root, with forward slashes. */
  path: string;
}

/** The manifest files under `paths` at `revision`, decoded to text (sorted by file name). */
export function readRevisionInputs(
  paths: string[],
  revision: string,
  cwd: string,
  options: RevisionOptions = {},
): RevisionInputs {
  const findings: Finding[] = [];
  const problem = (file: string, ruleId: string, message: string, severity: Finding['severity'] = 'error') =>
    findings.push({ ruleId, severity, message, file, line: 1, column: 1, endLine: 1, endColumn: 1 });
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const git = (args: string[], dir: string, maxBuffer = LIST_BUFFER): Buffer =>
    run(options.git ?? 'git', args, dir, maxBuffer);

  if (revision === '' || revision.startsWith('-') || /[\0\n]/.test(revision)) {
    problem(revision || '<revision>', 'git/bad-revision', `not a usable git revision: ${JSON.stringify(revision)}`);
    return { texts: [], findings };
  }
  let top: string;
  let prefix: string;
  let commit: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], cwd).toString('utf8').trim();
    prefix = git(['rev-parse', '--show-prefix'], cwd).toString('utf8').trim().replace(/\/$/, '');
  } catch (err) {
    problem(revision, 'git/not-a-repository', `cannot read revision ${revision}: ${describe(err)}`);
    return { texts: [], findings };
  }
  try {
    commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], cwd)
      .toString('utf8')
      .trim();
  } catch {
    problem(revision, 'git/bad-revision', `unknown git revision: ${revision}`);
    return { texts: [], findings };
  }

  const selected = new Map<string, TreeEntry>();
  for (const input of paths.filter((p) => p !== '-')) {
    const glob = GLOB_CHARS.test(input);
    // The same gate as the working tree's globs (bounded length and brace expansion), compiled once per input.
    let matcher: Minimatch | undefined;
    if (glob) {
      const compiled = compileInputGlob(input);
      if ('error' in compiled) {
        const shown = input.length > 200 ? `${input.slice(0, 200)}…` : input;
        problem(shown, 'input/bad-glob', `glob ${JSON.stringify(shown)} refused: ${compiled.error}`);
        continue;
      }
      matcher = compiled.matcher;
    }
    const literal = glob ? literalPrefix(input) : input;
    const relToTop = toRepoPath(literal, cwd, prefix);
    if (relToTop === null) {
      problem(
        input,
        'git/outside-repository',
        `${input} is outside the git repository at ${top}; it has no old version`,
      );
      continue;
    }
    let entries: TreeEntry[];
    try {
      entries = listTree(git, cwd, commit, relToTop);
    } catch (err) {
      problem(input, 'git/failed', `git ls-tree failed for ${input}: ${describe(err)}`);
      continue;
    }
    for (const entry of entries) {
      const shown = path.posix.relative(prefix, entry.path);
      const explicitFile = !glob && entry.path === relToTop;
      if (!explicitFile) {
        const dirs = entry.path.split('/').slice(0, -1);
        if (
          dirs.some((d) => SKIPPED_DIRS.has(d)) ||
          !MANIFEST_EXTENSIONS.some((ext) => entry.path.toLowerCase().endsWith(ext))
        )
          continue;
        if (matcher && !safeMatch(matcher, path.isAbsolute(input) ? path.join(realpathSync(cwd), shown) : shown))
          continue;
      }
      if (entry.type !== 'blob') continue; // submodules
      if (entry.mode === '120000') {
        problem(
          `${revision}:${shown}`,
          'input/symlink-skipped',
          'symbolic link in the old revision (not followed)',
          'warning',
        );
        continue;
      }
      selected.set(shown, entry);
    }
  }

  const texts: RevisionText[] = [];
  for (const [shown, entry] of [...selected].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const file = `${revision}:${shown}`;
    if (entry.size !== null && entry.size > limits.maxFileBytes) {
      problem(
        file,
        'input/too-large',
        `file is ${mib(entry.size)}, over the ${mib(limits.maxFileBytes)} limit; not checked (raise with --max-file-size)`,
      );
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = git(['cat-file', 'blob', entry.object], cwd, limits.maxFileBytes + 1024);
    } catch (err) {
      problem(file, 'input/unreadable', `cannot read ${file}: ${describe(err)}`);
      continue;
    }
    const decoded = decodeBytes(bytes);
    if (!decoded.ok) problem(file, decoded.ruleId, decoded.message);
    else texts.push({ file, text: decoded.text });
  }
  return { texts, findings };
}

/** readRevisionInputs, parsed: the old side of a plan, ready for planChanges. */
export function loadRevisionInputs(
  paths: string[],
  revision: string,
  cwd: string,
  options: RevisionOptions = {},
): LoadResult {
  const { texts, findings } = readRevisionInputs(paths, revision, cwd, options);
  const parts = texts.map((t) => loadText(t.text, t.file, options.limits));
  return {
    manifests: parts.flatMap((p) => p.manifests),
    findings: [...findings, ...parts.flatMap((p) => p.findings)],
    files: parts.flatMap((p) => p.files),
    sources: new Map(parts.flatMap((p) => [...p.sources])),
  };
}

/**
 * `git ls-tree -r -l -z --full-tree <commit> -- :(top,literal)<path>`; the repository root lists everything.
 * git runs in cwd (not the top level), so GIT_DIR & co. set by a hook keep their meaning.
 */
function listTree(
  git: (args: string[], dir: string) => Buffer,
  cwd: string,
  commit: string,
  relPath: string,
): TreeEntry[] {
  const args = ['ls-tree', '-r', '-l', '-z', '--full-tree', commit];
  if (relPath !== '') args.push('--', `:(top,literal)${relPath}`);
  const out = git(args, cwd).toString('utf8');
  const entries: TreeEntry[] = [];
  for (const record of out.split('\0')) {
    if (record === '') continue;
    // "<mode> SP <type> SP <object> SP+ <size> TAB <path>"
    const tab = record.indexOf('\t');
    const [mode, type, object, size] = record.slice(0, tab).split(/ +/);
    if (tab < 0 || !mode || !type || !object) continue;
    entries.push({
      mode,
      type,
      object,
      size: size && /^\d+$/.test(size) ? Number(size) : null,
      path: record.slice(tab + 1),
    });
  }
  // A path that names a folder must match whole path segments (ls-tree already guarantees it; keep it explicit).
  return entries.filter((e) => relPath === '' || e.path === relPath || e.path.startsWith(`${relPath}/`));
}

function run(git: string, args: string[], cwd: string, maxBuffer: number): Buffer {
  try {
    const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
    return execFileSync(git, args, {
      cwd,
      maxBuffer,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: Buffer };
    const stderr = e.stderr?.toString('utf8').trim();
    throw new GitError(e.code === 'ENOENT' ? 'git is not installed (or not on PATH)' : stderr || e.message);
  }
}

/**
 * Path of an input inside the repository (forward slashes, '' for the root), or null when outside.
 * Worked out from cwd's prefix in the repository (`git rev-parse --show-prefix`), so a cwd reached
 * through a symbolic link still maps to the right place.
 */
function toRepoPath(input: string, cwd: string, prefix: string): string | null {
  const fromCwd = path.isAbsolute(input) ? path.relative(realpathSync(cwd), input) : input;
  const rel = path.posix.normalize(path.posix.join(prefix, fromCwd.split(path.sep).join('/')));
  if (rel === '..' || rel.startsWith('../') || path.posix.isAbsolute(rel)) return null;
  return rel === '.' ? '' : rel.replace(/\/$/, '');
}

function literalPrefix(pattern: string): string {
  const literal: string[] = [];
  for (const part of pattern.split('/')) {
    if (GLOB_CHARS.test(part)) break;
    literal.push(part);
  }
  return literal.join('/') || '.';
}

function safeMatch(matcher: Minimatch, file: string): boolean {
  try {
    return matcher.match(file);
  } catch {
    return false;
  }
}

function describe(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
