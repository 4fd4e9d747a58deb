/** Files shipped beside the code (schemas/): found from src/ (tests) and from dist/src/ (the package) alike. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Absolute path of `relative` under the package root (the first ancestor of this module that has it). */
export function packageFile(relative: string): string {
  let dir = HERE;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`kubeplan: cannot find ${relative} (is the package installed completely?)`);
}
