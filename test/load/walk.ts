/** Shared by the loader's equivalence tests: the paths to compare on an object, and the corpus files to compare on. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { JsonPath } from '../../src/core/types.js';

/** Every path of `value` (capped), and beside each a missing field, a missing index and a numeric key. */
export function pathsOf(value: unknown, limit = 4000): JsonPath[] {
  const out: JsonPath[] = [[], ['nope'], [0]];
  const stack: Array<[unknown, Array<string | number>]> = [[value, []]];
  while (stack.length > 0 && out.length < limit) {
    const [v, p] = stack.pop()!;
    if (Array.isArray(v)) {
      out.push([...p, v.length], [...p, 'x']);
      v.forEach((item, i) => {
        out.push([...p, i], [...p, i, 'below']);
        stack.push([item, [...p, i]]);
      });
    } else if (typeof v === 'object' && v !== null) {
      out.push([...p, 'missing-field'], [...p, 0, 'deeper']);
      for (const [k, item] of Object.entries(v)) {
        out.push([...p, k], [...p, k, 'below']);
        stack.push([item, [...p, k]]);
      }
    }
  }
  return out;
}

/** The YAML and JSON files below `root`, in name order. */
export function yamlFilesUnder(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/.test(name)) files.push(full);
    }
  };
  walk(root);
  return files;
}
