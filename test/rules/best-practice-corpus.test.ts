/**
 * Agreement of the best-practice rules with their peers on the peers' own fixtures:
 * kube-linter's tests/checks/*.yml (objects named dont-fire* must not be reported, the others
 * must) and kube-score's testdata (Critical/Warning grades must be reported, AllOK and skipped
 * ones must not). The comparison lives in scripts/peer-agreement.mjs, shared with `npm run corpus`;
 * every deliberate disagreement is listed there in DISAGREEMENTS with its reason (mirrored in
 * test/corpus-notes.md). The test fails when kubeplan disagrees anywhere else, or agrees where a
 * disagreement is documented, so the notes cannot go stale.
 * The corpus is read from ../shared/corpus and the suite is skipped when it is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// Plain-node scripts: `npm run corpus` runs the same comparison over dist/ (types are inferred from the JavaScript).
import { formatPeerAgreement } from '../../scripts/corpus.mjs';
import {
  KUBE_LINTER_CHECKS,
  KUBE_LINTER_DIR,
  KUBE_SCORE_CHECKS,
  KUBE_SCORE_DIR,
  judgeKubeLinter,
  judgeKubeScore,
  kubeLinterCoverage,
  kubeLinterTests,
  kubeScoreGrades,
  summarize,
} from '../../scripts/peer-agreement.mjs';
import { loadText } from '../../src/load/index.js';
import { DEFAULT_RULE_OPTIONS, runRules } from '../../src/rules/engine.js';
import { allRules } from '../../src/rules/registry.js';
import type { Rule } from '../../src/rules/types.js';

const CORPUS = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/corpus');
const KUBE_LINTER = path.join(CORPUS, KUBE_LINTER_DIR);
const KUBE_SCORE = path.join(CORPUS, KUBE_SCORE_DIR);
/** What scripts/peer-agreement.mjs needs to run the rules: here the sources, in `npm run corpus` dist/. */
const api = { loadText, runRules, DEFAULT_RULE_OPTIONS, allRules };

/** Every compared object (kube-linter) or file (kube-score), filled by the tests below in order. */
const cases: ReturnType<typeof judgeKubeLinter>['cases'] = [];

describe.skipIf(!existsSync(KUBE_LINTER))('agreement with kube-linter on its fixtures', () => {
  const tests = kubeLinterTests(CORPUS);

  it('covers every mapped check', () => {
    expect(kubeLinterCoverage(tests)).toEqual([]);
  });

  it.each(tests.map((t) => [t.check, t] as const))('%s', (_check, test) => {
    const judged = judgeKubeLinter(api, CORPUS, test);
    // Problems: a missing rule, a crash, or expectations derived from object names that do not add up to kube-linter's report count.
    expect(judged.problems).toEqual([]);
    cases.push(...judged.cases);
  });
});

describe.skipIf(!existsSync(KUBE_SCORE))('agreement with kube-score on its testdata', () => {
  const grades = kubeScoreGrades(CORPUS);

  it.each(grades.map((g) => [g.check, g.file, g] as const))('%s: %s', (_check, _file, grade) => {
    const judged = judgeKubeScore(api, CORPUS, grade);
    expect(judged.problems).toEqual([]);
    cases.push(...judged.cases);
  });
});

/** The best-practice rules: every rule this suite compares, plus the two without a peer fixture. */
function bestPracticeRules(): Rule[] {
  const ids = new Set(
    [...Object.values(KUBE_LINTER_CHECKS), ...Object.values(KUBE_SCORE_CHECKS)].flatMap((j) => j.rules),
  );
  ids.delete('removed-api-version');
  ids.add('configmap-credentials');
  return allRules.filter((r) => ids.has(r.id));
}

function corpusFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(ya?ml|json)$/.test(entry.name) && !entry.name.startsWith('EXPECTED'))
      out.push(path.join(entry.parentPath, entry.name));
  }
  return out.sort();
}

describe.skipIf(!existsSync(CORPUS))('the whole corpus', () => {
  it('never crashes a best-practice rule on real manifests written by others (each file is one run)', () => {
    const rules = bestPracticeRules();
    const counts = new Map<string, number>();
    let objects = 0;
    for (const file of corpusFiles(CORPUS)) {
      const { manifests } = loadText(readFileSync(file, 'utf8'), path.relative(CORPUS, file));
      objects += manifests.length;
      const findings = runRules(manifests, { ...DEFAULT_RULE_OPTIONS, rules });
      expect(findings.filter((f) => f.ruleId.startsWith('internal/')).map((f) => f.message)).toEqual([]);
      for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    }
    expect(objects).toBeGreaterThan(500);
    console.info(
      `best-practice findings on the corpus (${objects} objects, one run per file): ${[...counts]
        .sort()
        .map(([id, n]) => `${id} ${n}`)
        .join(', ')}`,
    );
  });
});

describe.skipIf(!existsSync(KUBE_LINTER) && !existsSync(KUBE_SCORE))('documented disagreements', () => {
  it('kubeplan disagrees with the peers exactly where test/corpus-notes.md says it does', () => {
    expect(cases.length, 'the peer suites above compared some objects').toBeGreaterThan(0);
    const summary = summarize(cases);
    expect(
      summary.undocumented,
      'undocumented disagreements: fix the rule, or document the reason in DISAGREEMENTS and test/corpus-notes.md',
    ).toEqual([]);
    expect(summary.stale, 'documented disagreements where kubeplan agrees now').toEqual([]);
    expect(summary.problems).toEqual([]);
  });
});

afterAll(() => {
  if (cases.length === 0) return;
  console.info(formatPeerAgreement(summarize(cases)));
});
