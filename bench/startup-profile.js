/**
 * Where a short run's time goes: runs `node --cpu-prof` on a command (median of several profiles by total) and
 * sorts the self time of every sampled function into what start-up costs — reading code, compiling or
 * deserialising it, node's own modules — and kubeplan's actual work. Used by bench/run.js.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CATEGORIES = [
  [
    'compiling / deserialising code',
    (f) => f.url === 'node:vm' || /^(wrapSafe|compileFunction|compileSourceTextModule)$/.test(f.functionName),
  ],
  [
    'reading code and input files',
    (f) =>
      /^(read|readFileSync|readFileUtf8|latin1Slice|utf8Slice|open|close|fstat)$/.test(f.functionName) &&
      !f.url.includes('kubeplan'),
  ],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
  ['kubeplan (lint/plan work, module top levels)', (f) => /kubeplan|validators\//.test(f.url)],
  ['node internals (builtin modules, streams, bootstrap)', () => true],
];

/** Rows [category, ms, share] for `args` run under `env`, from the median of `runs` profiles. */
export function startupBreakdown(args, env, runs = 5) {
  // One profile folder for every run: the flags are part of the code cache's key (src/cli/code-cache.ts), so they
  // must not change from run to run; the first run fills that cache and is not counted.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kubeplan-prof-'));
  const profiles = [];
  try {
    for (let i = 0; i <= runs; i++) {
      for (const file of readdirSync(dir)) rmSync(path.join(dir, file));
      spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir, ...args], {
        stdio: 'ignore',
        env,
      });
      const [file] = readdirSync(dir);
      if (i > 0 && file) profiles.push(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const totals = profiles.map((p) => categorize(p));
  totals.sort((a, b) => a.total - b.total);
  const median = totals[Math.floor(totals.length / 2)];
  if (!median) return [];
  return CATEGORIES.map(([name]) => [
    name,
    (median.byCategory.get(name) / 1000).toFixed(1),
    ((100 * median.byCategory.get(name)) / median.total).toFixed(0) + ' %',
  ]);
}

function categorize(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byCategory = new Map(CATEGORIES.map(([name]) => [name, 0]));
  let total = 0;
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id).callFrame;
    const delta = profile.timeDeltas[i] ?? 0;
    if (frame.functionName === '(idle)') return;
    const [name] = CATEGORIES.find(([, test]) => test(frame));
    byCategory.set(name, byCategory.get(name) + delta);
    total += delta;
  });
  return { total, byCategory };
}
