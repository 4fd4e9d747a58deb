/**
 * The one way kubeplan reads a file that a pull request may have put there (manifests, the config file, schema
 * files, a kustomization's resources): a symbolic link that leaves the allowed folder is not followed, only a
 * regular file is read (a FIFO would block forever, /dev/zero never ends), and no more than the size cap is read —
 * counted while reading, so a file whose size stat cannot tell (/proc) is bounded too.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import path from 'node:path';

export type SafeReadResult =
  | { ok: true; bytes: Buffer }
  | {
      ok: false;
      /** not-found, symlink-outside, not-regular, too-large, unreadable: callers prefix their own rule family. */
      reason: 'not-found' | 'symlink-outside' | 'not-regular' | 'too-large' | 'unreadable';
      message: string;
      /** The size seen (too-large only). */
      size?: number;
    };

export interface SafeReadOptions {
  /** Read at most this many bytes; a longer file is `too-large`. */
  maxBytes: number;
  /** The file's real path must be inside this folder's real path (a symlink may not lead out of it). */
  root?: string;
  /** How `root` is named in messages (default: its path). */
  rootName?: string;
}

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer (not on Windows: 0 there).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);

export function readRegularFile(file: string, options: SafeReadOptions): SafeReadResult {
  let real: string;
  try {
    real = realpathSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: 'not-found', message: 'no such file' };
    return { ok: false, reason: 'unreadable', message: `cannot read file: ${code ?? String(err)}` };
  }
  if (options.root !== undefined) {
    const root = realpathOr(options.root);
    if (!isInside(real, root))
      return {
        ok: false,
        reason: 'symlink-outside',
        message: `symbolic link leads outside ${options.rootName ?? options.root} (not followed)`,
      };
  }
  let fd: number;
  try {
    fd = openSync(real, OPEN_FLAGS);
  } catch (err) {
    return { ok: false, reason: 'unreadable', message: `cannot read file: ${codeOf(err)}` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile())
      return {
        ok: false,
        reason: 'not-regular',
        message: 'not a regular file (a device, FIFO, socket or folder); not read',
      };
    if (stat.size > options.maxBytes)
      return { ok: false, reason: 'too-large', message: 'file is over the size limit', size: stat.size };
    // Read up to one byte past the cap: a file that grows, or whose stat size is 0 (/proc), stops there.
    const chunk = Buffer.allocUnsafe(Math.min(options.maxBytes + 1, Math.max(stat.size + 1, 64 * 1024)));
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= options.maxBytes) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, options.maxBytes + 1 - total), null);
      if (n === 0) break;
      chunks.push(Buffer.from(chunk.subarray(0, n)));
      total += n;
    }
    if (total > options.maxBytes)
      return { ok: false, reason: 'too-large', message: 'file is over the size limit', size: total };
    return { ok: true, bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total) };
  } catch (err) {
    return { ok: false, reason: 'unreadable', message: `cannot read file: ${codeOf(err)}` };
  } finally {
    closeSync(fd);
  }
}

/** True when `child` is `parent` or below it (both absolute). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** realpath, or the path itself when it cannot be resolved. */
export function realpathOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function codeOf(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? String(err);
}
