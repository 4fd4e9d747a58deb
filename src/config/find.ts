/** Finding the configuration file: `--config FILE`, else the nearest .kubeplan.yaml / .kubeplan.yml upwards from cwd. */
import { statSync } from 'node:fs';
import path from 'node:path';

export const CONFIG_NAMES = ['.kubeplan.yaml', '.kubeplan.yml'] as const;

/** Absolute path of the nearest config file in `cwd` or a parent folder, or undefined. */
export function findConfigFile(cwd: string): string | undefined {
  let dir = path.resolve(cwd);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = path.join(dir, name);
      if (isFile(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
