/**
 * The code cache of the bundled CLI (src/cli/code-cache.ts): where it lives, which folders it refuses, that a cached
 * run behaves exactly like an uncached one, and that a damaged entry is refused by V8 and rewritten.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheRoot, openCodeCache } from '../../src/cli/code-cache.js';

const work = mkdtempSync(path.join(tmpdir(), 'kubeplan-code-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const BUILD = '0123456789abcdef';
let n = 0;
const fresh = () => path.join(work, `case-${n++}`);

/** A CommonJS module with a few functions, like a chunk. */
function moduleFile(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'mod.cjs');
  writeFileSync(
    file,
    "'use strict';\nconst path = require('node:path');\n" +
      'exports.twice = (x) => x * 2;\nexports.base = (p) => path.basename(p);\nexports.file = __filename;\n',
  );
  return file;
}

describe('cacheRoot', () => {
  it('follows KUBEPLAN_CACHE_DIR, then XDG_CACHE_HOME, then HOME; off when asked or without a home', () => {
    expect(cacheRoot({ KUBEPLAN_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe('/c');
    expect(cacheRoot({ XDG_CACHE_HOME: '/x', HOME: '/h' })).toBe(path.join('/x', 'kubeplan'));
    expect(cacheRoot({ HOME: '/h' })).toBe(path.join('/h', '.cache', 'kubeplan'));
    expect(cacheRoot({ KUBEPLAN_CACHE_DIR: '', HOME: '/h' })).toBeUndefined();
    expect(cacheRoot({ NODE_DISABLE_COMPILE_CACHE: '1', HOME: '/h' })).toBeUndefined();
    expect(cacheRoot({})).toBeUndefined();
  });
});

describe('openCodeCache', () => {
  it('creates a private folder per build and Node version, and loads modules as require() would', () => {
    const root = fresh();
    const cache = openCodeCache(root, BUILD)!;
    expect(path.basename(cache.dir)).toBe(`${BUILD}-node${process.versions.node}-${process.arch}`);
    expect(statSync(cache.dir).mode & 0o777).toBe(0o700);
    const file = moduleFile(fresh());
    const mod = cache.load(file, 'mod') as { twice(x: number): number; base(p: string): string; file: string };
    expect(mod.twice(21)).toBe(42);
    expect(mod.base('/a/b.yaml')).toBe('b.yaml');
    expect(mod.file).toBe(file);
    expect(cache.loads).toEqual([{ key: 'mod', result: 'miss' }]);
    cache.save();
    const entry = cache.entryFile('mod');
    expect(statSync(entry).mode & 0o777).toBe(0o600);

    const again = openCodeCache(root, BUILD)!;
    expect((again.load(file, 'mod') as { twice(x: number): number }).twice(4)).toBe(8);
    expect(again.loads).toEqual([{ key: 'mod', result: 'hit' }]);
  });

  it('a damaged entry is refused by V8, the module still loads, and the entry is rewritten', () => {
    // A source this process has never compiled: V8's in-memory compilation cache would otherwise answer first.
    const dir = fresh();
    mkdirSync(dir);
    const file = path.join(dir, 'damaged.cjs');
    writeFileSync(file, `exports.id = ${JSON.stringify(dir)};\nexports.twice = (x) => x * 2;\n`);
    const cache = openCodeCache(fresh(), BUILD)!;
    const stat = statSync(file);
    const header = Buffer.alloc(16);
    header.writeDoubleLE(stat.size, 0);
    header.writeDoubleLE(stat.mtimeMs, 8);
    writeFileSync(cache.entryFile('damaged'), Buffer.concat([header, Buffer.alloc(4096, 7)]));
    expect((cache.load(file, 'damaged') as { twice(x: number): number }).twice(5)).toBe(10);
    expect(cache.loads).toEqual([{ key: 'damaged', result: 'rejected' }]);
    cache.save();
    const repaired = openCodeCache(path.dirname(cache.dir), BUILD)!;
    repaired.load(file, 'damaged');
    expect(repaired.loads).toEqual([{ key: 'damaged', result: 'hit' }]);
  });

  it('an entry made from another version of the file is not used (V8 compares only the length)', () => {
    const dir = fresh();
    mkdirSync(dir);
    const file = path.join(dir, 'edited.cjs');
    writeFileSync(file, 'exports.value = 1;\n');
    const root = fresh();
    const first = openCodeCache(root, BUILD)!;
    expect((first.load(file, 'edited') as { value: number }).value).toBe(1);
    first.save();
    writeFileSync(file, 'exports.value = 2;\n'); // same length, new content and mtime
    const later = new Date(Date.now() + 5000);
    utimesSync(file, later, later);
    const second = openCodeCache(root, BUILD)!;
    expect((second.load(file, 'edited') as { value: number }).value).toBe(2);
    expect(second.loads).toEqual([{ key: 'edited', result: 'miss' }]);
  });

  it('a new build removes the folders of older builds, and nothing else', () => {
    const root = fresh();
    openCodeCache(root, 'aaaaaaaaaaaaaaaa');
    mkdirSync(path.join(root, 'unrelated'));
    const cache = openCodeCache(root, BUILD)!;
    expect(readdirSync(root).sort()).toEqual([path.basename(cache.dir), 'unrelated'].sort());
  });

  it('refuses a folder others can write, a symlinked folder, and a malformed build id', () => {
    const open = fresh();
    mkdirSync(open, { mode: 0o777 });
    chmodSync(open, 0o777);
    expect(openCodeCache(open, BUILD)).toBeUndefined();

    const real = fresh();
    mkdirSync(path.join(real, `${BUILD}-node${process.versions.node}-${process.arch}`), { recursive: true });
    const linked = fresh();
    mkdirSync(linked);
    symlinkSync(
      path.join(real, `${BUILD}-node${process.versions.node}-${process.arch}`),
      path.join(linked, `${BUILD}-node${process.versions.node}-${process.arch}`),
    );
    expect(openCodeCache(linked, BUILD)).toBeUndefined();

    expect(openCodeCache(fresh(), '../../etc')).toBeUndefined();
    expect(openCodeCache(undefined, BUILD)).toBeUndefined();
  });
});

describe('the bundled CLI with its code cache', () => {
  const CLI = path.resolve('bundle/kubeplan.cjs');
  const manifest = path.join(work, 'web.yaml');
  writeFileSync(
    manifest,
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n' +
      '  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: other}}\n' +
      '    spec: {containers: [{name: web, image: "nginx:1.27"}]}\n',
  );
  const run = (cacheDir: string, ...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      env: { ...process.env, KUBEPLAN_CACHE_DIR: cacheDir, NODE_DISABLE_COMPILE_CACHE: '', NODE_OPTIONS: '' },
    });

  it('prints the same bytes and exit code uncached, on a cache miss and on a cache hit', () => {
    const dir = fresh();
    // lint: the selector does not match the template's labels, an error (exit 1); plan: the plan itself (exit 0).
    for (const [args, status] of [
      [['lint', manifest], 1],
      [['plan', manifest], 0],
      [['lint', '--format', 'json', manifest], 1],
    ] as const) {
      const off = run('', ...args);
      const miss = run(dir, ...args);
      const hit = run(dir, ...args);
      expect(off.status).toBe(status);
      expect([miss.status, hit.status]).toEqual([status, status]);
      expect(off.stdout.length).toBeGreaterThan(100);
      expect(miss.stdout).toBe(off.stdout);
      expect(hit.stdout).toBe(off.stdout);
      expect(hit.stderr).toBe(off.stderr);
    }
    const [build] = readdirSync(dir);
    expect(readdirSync(path.join(dir, build!)).sort()).toEqual(
      expect.arrayContaining(['cli-lint.v8', 'cli-plan.v8', 'chunk-workloads.cjs.v8']),
    );
  });

  it('runs under other V8 flags keep entries of their own (V8 would refuse the others)', () => {
    const dir = fresh();
    const plain = run(dir, 'lint', manifest);
    const flagged = spawnSync(process.execPath, ['--stack-size=900', CLI, 'lint', manifest], {
      encoding: 'utf8',
      env: { ...process.env, KUBEPLAN_CACHE_DIR: dir, NODE_DISABLE_COMPILE_CACHE: '', NODE_OPTIONS: '' },
    });
    expect(flagged.stdout).toBe(plain.stdout);
    const [build] = readdirSync(dir);
    const lintEntries = readdirSync(path.join(dir, build!)).filter((f) => f.startsWith('cli-lint'));
    expect(lintEntries).toHaveLength(2);
    expect(lintEntries.every((f) => /^cli-lint(-[0-9a-f]{8})?\.v8$/.test(f))).toBe(true);
  });

  it('writes nothing when caching is off', () => {
    const dir = fresh();
    mkdirSync(dir);
    expect(run('', 'lint', manifest).status).toBe(1);
    expect(existsSync(dir) && readdirSync(dir)).toEqual([]);
  });
});
