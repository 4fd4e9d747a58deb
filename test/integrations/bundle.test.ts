/**
 * The committed bundle/ (what `npm install`, pre-commit and the GitHub Action run) is exactly what
 * `npm run bundle` builds from these sources: rebuilt here into a temporary folder and compared byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './package-repo.js';

const committed = path.join(ROOT, 'bundle');
const fresh = mkdtempSync(path.join(tmpdir(), 'kubeplan-bundle-'));
afterAll(() => rmSync(fresh, { recursive: true, force: true }));

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('bundle/', () => {
  it('builds deterministically: two builds are byte-identical', () => {
    const again = mkdtempSync(path.join(tmpdir(), 'kubeplan-bundle-'));
    try {
      execFileSync(process.execPath, ['scripts/bundle.mjs', '--outdir', fresh], { cwd: ROOT, stdio: 'pipe' });
      execFileSync(process.execPath, ['scripts/bundle.mjs', '--outdir', again], { cwd: ROOT, stdio: 'pipe' });
      expect(files(fresh)).toContain('kubeplan.cjs');
      expect(files(again)).toEqual(files(fresh));
      for (const file of files(fresh))
        expect(readFileSync(path.join(again, file)).equals(readFileSync(path.join(fresh, file)))).toBe(true);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('is committed up to date (run `npm run bundle` after changing src/)', () => {
    expect(existsSync(path.join(committed, 'kubeplan.cjs'))).toBe(true);
    if (!existsSync(path.join(fresh, 'kubeplan.cjs'))) {
      execFileSync(process.execPath, ['scripts/bundle.mjs', '--outdir', fresh], { cwd: ROOT, stdio: 'pipe' });
    }
    expect(files(committed)).toEqual(files(fresh));
    const stale = files(fresh).filter(
      (file) => !readFileSync(path.join(committed, file)).equals(readFileSync(path.join(fresh, file))),
    );
    expect(stale, 'stale files in bundle/: run `npm run bundle` and commit').toEqual([]);
  });
});
