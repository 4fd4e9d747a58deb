/**
 * V8's code cache for the bundled CLI on Node versions without `module.enableCompileCache()` (Node < 22.1).
 *
 * Most of a short `kubeplan lint` is compiling JavaScript: the 2 MB CLI bundle and the validator chunk of each kind
 * it meets. V8 can serialise what it compiled (`vm.Script#createCachedData`) and take it back on the next run
 * (`cachedData`), which skips parsing and compiling — the mechanism behind Node 22's compile cache. The cache holds
 * only kubeplan's own code, never anything from the linted files.
 *
 * Where: `$KUBEPLAN_CACHE_DIR`, else `$XDG_CACHE_HOME/kubeplan`, else `~/.cache/kubeplan`; none without a home
 * directory (no shared temporary folder). Off with `KUBEPLAN_CACHE_DIR=` (empty) or `NODE_DISABLE_COMPILE_CACHE=1`.
 * A folder that another user could write (not ours, a symlink, group or world writable) is not used. Each build and
 * Node version has its own sub-folder (the bundle's content hash, node version, arch). V8 rejects data from another
 * V8 version or flags, but it checks the source only by its length — it would run the old code of a file edited in
 * place — so each entry starts with the source file's size and modification time, as Python's .pyc files do, and
 * any difference makes it a miss. A rejected or stale entry is rewritten. Writes are atomic (a temporary file renamed
 * over), so concurrent runs never read half a file. Any failure only means no cache.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export interface CodeCache {
  /** The folder this build's entries live in. */
  readonly dir: string;
  /** What each load found: its entry taken (`hit`), absent (`miss`) or refused by V8 (`rejected`). */
  readonly loads: ReadonlyArray<{ key: string; result: 'hit' | 'miss' | 'rejected' }>;
  /**
   * Runs the CommonJS file `file` (absolute) like require() would, its compiled code cached under `key`. `ascii`:
   * the file is known to be ASCII (the CLI bundle is built so), read as one-byte text without UTF-8 decoding.
   */
  load(file: string, key: string, ascii?: boolean): unknown;
  /** The file holding `key`'s entry under the current V8 flags. */
  entryFile(key: string): string;
  /** Writes the entries that were missing or rejected (call once, when the run ends: the code compiled by then). */
  save(): void;
}

/** Where the cache lives for this environment, or undefined when caching is off or there is no home directory. */
export function cacheRoot(env: NodeJS.ProcessEnv): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  if (env.KUBEPLAN_CACHE_DIR !== undefined) return env.KUBEPLAN_CACHE_DIR === '' ? undefined : env.KUBEPLAN_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, 'kubeplan');
  if (env.HOME) return path.join(env.HOME, '.cache', 'kubeplan');
  return undefined;
}

const BUILD_DIR = /^[0-9a-f]{16}-node[0-9.]+-[a-z0-9]+$/;

/** Opens (creating it) the cache of build `buildId` under `root`; undefined when the folder is not safe to use. */
export function openCodeCache(root: string | undefined, buildId: string): CodeCache | undefined {
  if (root === undefined || !/^[0-9a-f]{16}$/.test(buildId)) return undefined;
  const name = `${buildId}-node${process.versions.node}-${process.arch}`;
  const dir = path.join(path.resolve(root), name);
  try {
    let created = false;
    try {
      lstatSync(dir);
    } catch {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      created = true;
    }
    if (!ownedAndPrivate(path.dirname(dir)) || !ownedAndPrivate(dir)) return undefined;
    // A new build: the folders of older builds are dead weight.
    if (created)
      for (const entry of readdirSync(path.dirname(dir)))
        if (entry !== name && BUILD_DIR.test(entry))
          rmSync(path.join(path.dirname(dir), entry), { recursive: true, force: true });
  } catch {
    return undefined;
  }
  return createCache(dir);
}

/** A real folder (not a symlink) of this user that nobody else can write to. */
function ownedAndPrivate(dir: string): boolean {
  const stat = lstatSync(dir);
  if (!stat.isDirectory()) return false;
  if (process.getuid !== undefined && stat.uid !== process.getuid()) return false;
  return process.platform === 'win32' || (stat.mode & 0o022) === 0;
}

/** An entry's header: the source file's size and mtime (ms), two float64s. */
const HEADER_BYTES = 16;

function header(file: string): Buffer {
  const stat = statSync(file);
  const bytes = Buffer.alloc(HEADER_BYTES);
  bytes.writeDoubleLE(stat.size, 0);
  bytes.writeDoubleLE(stat.mtimeMs, 8);
  return bytes;
}

/** The V8 data of `entry` when it was made from the source `expected` describes, else undefined. */
function readEntry(entry: string, expected: Buffer): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(entry);
  } catch {
    return undefined;
  }
  if (bytes.length <= HEADER_BYTES || !bytes.subarray(0, HEADER_BYTES).equals(expected)) return undefined;
  return bytes.subarray(HEADER_BYTES);
}

/**
 * V8 refuses data made under other V8 flags, so runs with different flags (`--max-old-space-size`, NODE_OPTIONS)
 * keep separate entries instead of rewriting one another's: a short FNV-1a hash of the flags joins the entry name.
 */
function flagsSuffix(): string {
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0');
  if (flags === '') return '';
  let hash = 0x811c9dc5;
  for (let i = 0; i < flags.length; i++) hash = Math.imul(hash ^ flags.charCodeAt(i), 0x01000193);
  return `-${(hash >>> 0).toString(16).padStart(8, '0')}`;
}

function createCache(dir: string): CodeCache {
  const suffix = flagsSuffix();
  const entryFile = (key: string) => path.join(dir, `${key.replace(/[^A-Za-z0-9._-]/g, '_')}${suffix}.v8`);
  const pending: Array<{ script: vm.Script; entry: string; header: Buffer }> = [];
  const loads: Array<{ key: string; result: 'hit' | 'miss' | 'rejected' }> = [];
  return {
    dir,
    loads,
    entryFile,
    load(file, key, ascii = false) {
      const entry = entryFile(key);
      const sourceHeader = header(file);
      const cachedData = readEntry(entry, sourceHeader);
      const source = readFileSync(file, ascii ? 'latin1' : 'utf8');
      // The CommonJS wrapper on the first line, as Node's own loader adds it: line numbers stay the file's.
      const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
        filename: file,
        ...(cachedData ? { cachedData } : {}),
      });
      const result = cachedData === undefined ? 'miss' : script.cachedDataRejected === true ? 'rejected' : 'hit';
      loads.push({ key, result });
      if (result !== 'hit') pending.push({ script, entry, header: sourceHeader });
      const module = { exports: {} as unknown };
      const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
      wrapper.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
      return module.exports;
    },
    save() {
      for (const { script, entry, header: sourceHeader } of pending.splice(0)) {
        const temporary = `${entry}.${process.pid}.tmp`;
        try {
          writeFileSync(temporary, Buffer.concat([sourceHeader, script.createCachedData()]), { mode: 0o600 });
          renameSync(temporary, entry);
        } catch {
          rmSync(temporary, { force: true });
        }
      }
    },
  };
}
