/**
 * A temporary git repository holding kubeplan as a fresh clone would: every file git knows (tracked or new, not
 * ignored) plus bundle/ freshly built from the sources, committed. The install and pre-commit tests install from it,
 * so they test this checkout's package layout whether or not its bundle is committed yet (bundle.test.ts keeps the
 * committed bundle equal to a fresh build).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function git(cwd: string, ...args: string[]): string {
  return execFileSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args],
    {
      cwd,
      stdio: 'pipe',
    },
  )
    .toString()
    .trim();
}

/** Makes the repository under a new temporary folder; returns its path and HEAD commit. */
export function packageRepo(): { dir: string; commit: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-pkg-'));
  const files = git(ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard')
    .split('\0')
    .filter((file) => file !== '' && !file.startsWith('bundle/'));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    try {
      copyFileSync(path.join(ROOT, file), path.join(dir, file));
    } catch {
      // deleted in the working tree, not yet committed
    }
  }
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/bundle.mjs'), '--outdir', path.join(dir, 'bundle')], {
    stdio: 'pipe',
  });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'kubeplan');
  return { dir, commit: git(dir, 'rev-parse', 'HEAD') };
}
