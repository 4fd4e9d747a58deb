/**
 * include/exclude globs from the config file, which is untrusted in CI (a pull request can change it):
 * patterns are length-capped, brace expansion is capped, extglobs are off, and minimatch's own
 * recursion limits stay in force. Patterns are relative to the folder of the config file.
 */
import path from 'node:path';
import { Minimatch, type MinimatchOptions } from 'minimatch';

export const MAX_GLOB_LENGTH = 1024;
/** `{a,b}{c,d}` expands to 4 patterns; 256 is plenty for real configs and bounds the work per file. */
export const MAX_GLOB_EXPANSIONS = 256;

export const GLOB_OPTIONS: MinimatchOptions = {
  dot: true,
  nocomment: true,
  nonegate: true,
  noext: true,
  optimizationLevel: 2,
  // Cap expansion while it happens: `{a,b}` twenty times would otherwise expand to a million patterns first.
  braceExpandMax: MAX_GLOB_EXPANSIONS + 1,
};

type Compiled = { matcher: Minimatch } | { error: string };
/** Each pattern is compiled once (validation, then the filter use it): bounded, a config holds at most 512. */
const compiledCache = new Map<string, Compiled>();

/** Compiles a pattern, or explains why it is refused. */
export function compileGlob(pattern: string): Compiled {
  let compiled = compiledCache.get(pattern);
  if (!compiled) {
    if (compiledCache.size >= 4096) compiledCache.clear();
    compiled = compileUncached(pattern);
    compiledCache.set(pattern, compiled);
  }
  return compiled;
}

function compileUncached(pattern: string): Compiled {
  if (pattern.length > MAX_GLOB_LENGTH) return { error: `pattern is longer than ${MAX_GLOB_LENGTH} characters` };
  let normalized = pattern.replace(/\\/g, '/').replace(/^\.\//, '');
  // `dir/` means everything below dir, as in .gitignore.
  if (normalized.endsWith('/')) normalized += '**';
  try {
    const matcher = new Minimatch(normalized, GLOB_OPTIONS);
    // Expansion stops one past the cap (braceExpandMax), so the real count is unknown: say "more than".
    if (matcher.set.length > MAX_GLOB_EXPANSIONS)
      return { error: `pattern expands to more than ${MAX_GLOB_EXPANSIONS} alternatives` };
    return { matcher };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

export interface PathFilterOptions {
  include: readonly string[];
  exclude: readonly string[];
  /** Folder the patterns are relative to (the config file's folder). */
  baseDir: string;
  /** Folder that relative file paths given to the filter are relative to. */
  cwd: string;
}

/** `(file) => keep?` for display paths (relative to cwd) or absolute paths. Invalid patterns are skipped. */
export function createPathFilter(options: PathFilterOptions): (file: string) => boolean {
  const compile = (patterns: readonly string[]) =>
    patterns.flatMap((p) => {
      const compiled = compileGlob(p);
      return 'matcher' in compiled ? [compiled.matcher] : [];
    });
  const include = compile(options.include);
  const exclude = compile(options.exclude);
  return (file) => {
    const relative = path.relative(options.baseDir, path.resolve(options.cwd, file)).split(path.sep).join('/');
    if (include.length > 0 && !include.some((m) => m.match(relative))) return false;
    return !exclude.some((m) => m.match(relative));
  };
}
