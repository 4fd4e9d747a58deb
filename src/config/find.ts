/**
 * Finding the configuration file: `--config FILE`, else the nearest .kubeplan.yaml / .kubeplan.yml upwards from cwd —
 * up to the repository root and no further (as ESLint's flat config and Prettier stop): a config file in a folder
 * above the checkout (a shared CI workspace, a home folder) is not the repository's and must not apply silently.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';

export const CONFIG_NAMES = ['.kubeplan.yaml', '.kubeplan.yml'] as const;

/** Absolute path of the nearest config file in `cwd` or a parent folder up to the repository root, or undefined. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(dir, name);
      // Present at all (lstat): a symlink or special file there is refused when read, not skipped for one further up.
      if (exists(candidate)) return candidate;
    }
    if (isRepositoryRoot(dir)) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The root of the git repository holding `dir` (the nearest folder upwards with a `.git` folder or file — a worktree
 * or submodule has a file), or undefined outside any repository. Found on disk, without running git.
 */
export function findRepositoryRoot(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (isRepositoryRoot(current)) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

function isRepositoryRoot(dir: string): boolean {
  try {
    lstatSync(path.join(dir, '.git'));
    return true;
  } catch {
    return false;
  }
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
