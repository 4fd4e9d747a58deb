/**
 * Alias expansion inside the count budget (issue 16 item 4): 99 aliases of one anchor on 5,000 containers (199 KB)
 * expanded to 10 MB of objects and took 51 s / 2.8 GB. The expanded content is budgeted (--max-alias-size, default
 * 1 MiB): past it the document is input/alias-limit at the alias that crosses it, and the other documents are read.
 * The CLI runs in a bounded child (10 s, 1 GB heap: test/hostile/child.ts).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/load/index.js';
import { CHILD_GUARD, expectFinished, runBounded } from './child.js';
import { HANG_GUARD, canary, sandwich, tree } from './helpers.js';

/** A List of `deployments` Deployments sharing one anchored list of `containers` containers (the issue's shape). */
function sharedContainers(containers: number, deployments: number): string {
  const list = Array.from({ length: containers }, (_, i) => `{name: c${i}, image: x}`).join(', ');
  const item = (i: number, value: string) =>
    `- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: d${i}}\n  spec:\n    selector: {matchLabels: {a: b}}\n    template:\n      metadata: {labels: {a: b}}\n      spec:\n        containers: ${value}\n`;
  let text = `apiVersion: v1\nkind: List\nitems:\n${item(0, `&cs [${list}]`)}`;
  for (let i = 1; i < deployments; i++) text += item(i, '*cs');
  return text;
}

describe('alias expansion budget', () => {
  it(
    'the issue reproduction: one finding at the crossing alias, the next document still read (bounded child)',
    { timeout: CHILD_GUARD },
    () => {
      const hostile = sharedContainers(5000, 100);
      expect(Buffer.byteLength(hostile)).toBeLessThan(200_000);
      const dir = tree({ 'a.yaml': `${hostile}---\n${canary('after')}` });
      for (const command of ['lint', 'check']) {
        const out = expectFinished(runBounded([command, 'a.yaml', '--format', 'json'], { cwd: dir }));
        const loader = out.findings.filter((f) => /^(input|yaml)\//.test(f.ruleId));
        // Each alias of the ~100 KiB anchor adds ~100 KiB: the 11th (the 12th Deployment, line 102) passes 1 MiB.
        expect(loader.map((f) => [f.ruleId, f.line, f.column])).toEqual([
          ['input/alias-limit', 102, 21],
          ['yaml/duplicate-key', 909, 3],
        ]);
        expect(loader[0]!.message).toMatch(
          /^aliases expand this document by more than 1 MiB \(\*cs here brings it to 1\.04 MiB\); not checked \(raise with --max-alias-size\)$/,
        );
      }
    },
  );

  it('--max-alias-size lowers and raises the budget; the count budget still applies', { timeout: CHILD_GUARD }, () => {
    expect(DEFAULT_LIMITS.maxAliasBytes).toBe(1024 * 1024);
    // 20 aliases of a ~10 KiB anchor: ~200 KiB of expansion
    const dir = tree({ 'a.yaml': sharedContainers(500, 21) });
    const run = (...flags: string[]) =>
      expectFinished(runBounded(['lint', 'a.yaml', '--format', 'json', ...flags], { cwd: dir })).findings.filter(
        (f) => f.ruleId === 'input/alias-limit',
      );
    expect(run()).toEqual([]);
    expect(run('--max-alias-size', '100KiB').map((f) => [f.line, f.column])).toEqual([[102, 21]]);
    expect(run('--max-alias-size', '100KiB', '--max-aliases', '1000').map((f) => [f.line, f.column])).toEqual([
      [102, 21],
    ]);
    expect(run('--max-aliases', '10').map((f) => [f.line, f.column])).toEqual([[1, 1]]);
    const bad = runBounded(['lint', 'a.yaml', '--max-alias-size', 'lots'], { cwd: dir });
    expect([bad.code, bad.stderr.trim()]).toEqual([
      2,
      expect.stringContaining('--max-alias-size expects a size like 1MiB, 512KiB or 1048576 (got "lots")'),
    ]);
  });

  it(
    'nested anchors are measured expanded, in linear time (sizes computed once per node)',
    { timeout: HANG_GUARD },
    () => {
      // 11 levels, each doubling the last: the aliases add 2 + 4 + … + 2048 copies of a 200-character string (~800 KiB) …
      const levels = (n: number) => {
        const lines = [
          'apiVersion: v1',
          'kind: ConfigMap',
          'metadata: {name: nested}',
          'data:',
          `  l0: &l0 "${'x'.repeat(200)}"`,
        ];
        for (let i = 1; i <= n; i++) lines.push(`  l${i}: &l${i} [*l${i - 1}, *l${i - 1}]`);
        return lines.join('\n');
      };
      expect(sandwich(levels(11), { limits: { maxAliasCount: 1_000_000 } }).findings).toEqual([]);
      // … one more level doubles it past 1 MiB: reported at the alias that crosses it (the first *l11)
      expect(sandwich(levels(12), { limits: { maxAliasCount: 1_000_000 } }).findings).toEqual([
        ['input/alias-limit', 17, 14],
      ]);
    },
  );
});
