/**
 * Agreement of the best-practice rules with their peers on the peers' own fixtures:
 * kube-linter's tests/checks/*.yml (objects named dont-fire* must not be reported, the others
 * must) and kube-score's testdata (Critical/Warning grades must be reported, AllOK and skipped
 * ones must not). Every deliberate disagreement is listed in DISAGREEMENTS with its reason
 * (mirrored in test/corpus-notes.md); the test fails when kubeplan disagrees anywhere else, or
 * agrees where a disagreement is documented, so the notes cannot go stale.
 * The corpus is read from ../shared/corpus and the suite is skipped when it is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/types.js';
import { loadText } from '../../src/load/index.js';
import { DEFAULT_RULE_OPTIONS, runRules } from '../../src/rules/engine.js';
import { allRules } from '../../src/rules/registry.js';
import type { Rule } from '../../src/rules/types.js';

const CORPUS = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../shared/corpus');
const KUBE_LINTER = path.join(CORPUS, 'kube-linter-testdata');
const KUBE_SCORE = path.join(CORPUS, 'kube-score-testdata');

/** What kubeplan says about one peer check: the rules whose findings count. */
interface Judge {
  rules: readonly string[];
}

/** Deprecated (warning) and removed (error, the schema-validation rule) API versions together match the peers' single check. */
const API_VERSIONS: Judge = { rules: ['deprecated-api-version', 'removed-api-version'] };

const KUBE_LINTER_CHECKS: Readonly<Record<string, Judge>> = {
  'unset-cpu-requirements': { rules: ['missing-cpu-request'] },
  'unset-memory-requirements': { rules: ['missing-memory-request', 'missing-memory-limit'] },
  'latest-tag': { rules: ['latest-tag'] },
  'no-readiness-probe': { rules: ['missing-readiness-probe'] },
  'no-liveness-probe': { rules: ['missing-liveness-probe'] },
  'privileged-container': { rules: ['privileged-container'] },
  'privilege-escalation-container': { rules: ['allow-privilege-escalation'] },
  'run-as-non-root': { rules: ['run-as-non-root', 'run-as-root'] },
  'no-read-only-root-fs': { rules: ['read-only-root-filesystem'] },
  'host-network': { rules: ['host-network'] },
  'host-pid': { rules: ['host-pid'] },
  'host-ipc': { rules: ['host-ipc'] },
  'sensitive-host-mounts': { rules: ['sensitive-host-mount'] },
  'docker-sock': { rules: ['sensitive-host-mount'] },
  'writable-host-mount': { rules: ['host-path-volume', 'sensitive-host-mount'] },
  'drop-net-raw-capability': { rules: ['dangerous-capabilities', 'drop-all-capabilities'] },
  'env-var-secret': { rules: ['env-var-secret'] },
  'exposed-services': { rules: ['exposed-service'] },
  'no-anti-affinity': { rules: ['replicas-not-spread'] },
  'pdb-min-available': { rules: ['pdb-allows-no-disruption'] },
  'pdb-max-unavailable': { rules: ['pdb-allows-no-disruption'] },
  'no-extensions-v1beta': API_VERSIONS,
  'unsafe-sysctls': { rules: ['unsafe-sysctls'] },
  'ssh-port': { rules: ['ssh-port'] },
  'deprecated-service-account-field': { rules: ['deprecated-service-account-field'] },
  'pdb-unhealthy-pod-eviction-policy': { rules: ['pdb-unhealthy-eviction-policy'] },
  'duplicate-env-var': { rules: ['duplicate-env-var'] },
};

const KUBE_SCORE_CHECKS: Readonly<Record<string, Judge>> = {
  'Container Resources': { rules: ['missing-cpu-request', 'missing-memory-request', 'missing-memory-limit'] },
  'Container Image Tag': { rules: ['latest-tag'] },
  'Container Image Pull Policy': { rules: ['image-pull-policy'] },
  'Pod Probes': { rules: ['missing-readiness-probe'] },
  'Pod Probes Identical': { rules: ['liveness-equals-readiness'] },
  'Container Security Context Privileged': { rules: ['privileged-container'] },
  'Container Security Context ReadOnlyRootFilesystem': { rules: ['read-only-root-filesystem'] },
  'Container Security Context User Group ID': { rules: ['run-as-non-root', 'run-as-root'] },
  'Deployment has host PodAntiAffinity': { rules: ['replicas-not-spread'] },
  'StatefulSet has host PodAntiAffinity': { rules: ['replicas-not-spread'] },
  'Service Type': { rules: ['exposed-service'] },
  'Stable version': API_VERSIONS,
  'Environment Variable Key Duplication': { rules: ['duplicate-env-var'] },
};

/**
 * Case id → why kubeplan deliberately answers differently. Case ids: `kube-linter <check> <file>#<doc> <Kind>/<name>`
 * and `kube-score <check> <file>[ @<config>]`.
 */
const LIMITS_ONLY = 'only limits are set: the API server copies each limit into the missing request, so the scheduler has requests and kubeplan reports nothing';
const DISAGREEMENTS: Readonly<Record<string, string>> = {
  'kube-score Container Resources pod-test-resources-only-limits.yaml': LIMITS_ONLY,
  'kube-score Container Resources deployment-test-resources.yaml': LIMITS_ONLY,
  'kube-score Container Resources statefulset-test-resources.yaml': LIMITS_ONLY,
  'kube-score Container Resources pod-test-resources-limits-and-requests-no-cpu-limit.yaml @IgnoreContainerCpuLimitRequirement: false':
    'kubeplan never requires a CPU limit (limits throttle even on idle nodes); it matches kube-score run with IgnoreContainerCpuLimitRequirement: true',
  'kube-score Container Resources pod-test-resources-no-limits.yaml @IgnoreContainerCpuLimitRequirement: true, IgnoreContainerMemoryLimitRequirement: true':
    'kubeplan always asks for a memory limit (memory is not compressible); kube-score was told to ignore it here',
  'kube-score Container Image Pull Policy pod-image-pullpolicy-undefined.yaml':
    'a version tag (foo/bar:123) with the default IfNotPresent is fine; kubeplan reports IfNotPresent only for mutable references (:latest, untagged) and Never always',
  'kube-score StatefulSet has host PodAntiAffinity statefulset-host-antiaffinity-undefined-replicas.yaml':
    'spec.replicas defaults to 1, and a single replica has nothing to be spread from; kube-score treats the missing count as several',
};

interface Case {
  id: string;
  tool: 'kube-linter' | 'kube-score';
  check: string;
  expected: boolean;
  actual: boolean;
}

const cases: Case[] = [];

function load(file: string): Manifest[] {
  const loaded = loadText(readFileSync(file, 'utf8'), path.basename(file));
  return loaded.manifests;
}

/** Objects of `manifests` that kubeplan flags for `judge` at `kubeVersion`. */
function flagged(manifests: Manifest[], judge: Judge, kubeVersion: string): Set<Manifest> {
  const rules = allRules.filter((r) => judge.rules.includes(r.id));
  expect(rules.map((r) => r.id).sort()).toEqual([...judge.rules].sort());
  const findings = runRules(manifests, { ...DEFAULT_RULE_OPTIONS, kubeVersion, rules });
  expect(findings.filter((f) => f.ruleId.startsWith('internal/'))).toEqual([]);
  const out = new Set<Manifest>();
  for (const f of findings) {
    const owner = manifests.find((m) => m.file === f.file && m.ref === f.object);
    if (owner) out.add(owner);
  }
  return out;
}

interface KubeLinterTest {
  name: string;
  file: string | null;
  include: string[];
  expectedReportCount: number | null;
}

interface KubeScoreGrade {
  file?: string;
  files?: string[];
  check: string;
  grade: string;
  config?: string[];
}

describe.skipIf(!existsSync(KUBE_LINTER))('agreement with kube-linter on its fixtures', () => {
  const expectations = JSON.parse(readFileSync(path.join(KUBE_LINTER, 'EXPECTED-from-bats-tests.json'), 'utf8')) as { tests: KubeLinterTest[] };
  const tests = expectations.tests.filter((t) => t.file !== null && t.include.length === 1 && KUBE_LINTER_CHECKS[t.include[0]!] !== undefined);

  it('covers every mapped check', () => {
    expect(tests.map((t) => t.include[0]).sort()).toEqual(Object.keys(KUBE_LINTER_CHECKS).sort());
  });

  it.each(tests.map((t) => [t.include[0]!, t] as const))('%s', (check, test) => {
    const manifests = load(path.join(KUBE_LINTER, test.file!));
    const hits = flagged(manifests, KUBE_LINTER_CHECKS[check]!, DEFAULT_RULE_OPTIONS.kubeVersion);
    // The expectations derived from object names must add up to kube-linter's own report count.
    if (test.expectedReportCount !== null) expect(manifests.filter((m) => expectedByKubeLinter(check, m)).length).toBe(test.expectedReportCount);
    for (const m of manifests) {
      const expected = expectedByKubeLinter(check, m);
      cases.push({ id: `kube-linter ${check} ${test.file}#${m.docIndex} ${m.ref.kind}/${m.ref.name}`, tool: 'kube-linter', check, expected, actual: hits.has(m) });
    }
  });
});

/**
 * kube-linter's fixtures name negatives dont-fire*. Two fixtures break the convention, as their
 * bats report counts show: drop-net-raw-capability reports all 4 objects (the dont-fire ones do not
 * drop NET_RAW), and pdb-min-available's positives are the PDBs (the Deployments and autoscalers are context).
 */
function expectedByKubeLinter(check: string, m: Manifest): boolean {
  if (check === 'drop-net-raw-capability') return true;
  if (check === 'pdb-min-available' || check === 'pdb-max-unavailable') return m.ref.kind === 'PodDisruptionBudget' && (check === 'pdb-min-available' || m.ref.name === 'foo');
  if (check === 'no-extensions-v1beta') return m.ref.apiVersion?.startsWith('extensions/') ?? false;
  return !(m.ref.name ?? '').startsWith('dont-fire');
}

describe.skipIf(!existsSync(KUBE_SCORE))('agreement with kube-score on its testdata', () => {
  const expectations = JSON.parse(readFileSync(path.join(KUBE_SCORE, 'EXPECTED-from-go-tests.json'), 'utf8')) as { tests: Array<{ expectedGrades: KubeScoreGrade[] }> };
  const grades = expectations.tests.flatMap((t) => t.expectedGrades).filter((g) => KUBE_SCORE_CHECKS[g.check] !== undefined);

  it.each(grades.map((g) => [g.check, g.file ?? g.files?.[0] ?? '?', g] as const))('%s: %s', (check, file, grade) => {
    const config = (grade.config ?? []).join(' ');
    const minor = /KubernetesVersion: config\.Semver\{Major: 1, Minor: (\d+)\}/.exec(config)?.[1];
    // kube-score's tests run against Kubernetes 1.18 unless the config says otherwise.
    const kubeVersion = `1.${minor ?? '18'}`;
    const manifests = load(path.join(KUBE_SCORE, 'score/testdata', file));
    const hits = flagged(manifests, KUBE_SCORE_CHECKS[check]!, kubeVersion);
    const expected = grade.grade === 'GradeCritical' || grade.grade === 'GradeWarning';
    const settings = config.replace(/config\.RunConfiguration\{|\}/g, '').replace(/\s+/g, ' ').trim().replace(/,$/, '');
    const id = `kube-score ${check} ${file}${settings && !/EnabledOptionalTests|UseOptionalChecksAnnotation/.test(settings) ? ` @${settings}` : ''}`;
    cases.push({ id, tool: 'kube-score', check, expected, actual: hits.size > 0 });
  });
});

/** The best-practice rules: every rule this suite compares, plus the two without a peer fixture. */
function bestPracticeRules(): Rule[] {
  const ids = new Set([...Object.values(KUBE_LINTER_CHECKS), ...Object.values(KUBE_SCORE_CHECKS)].flatMap((j) => j.rules));
  ids.delete('removed-api-version');
  ids.add('configmap-credentials');
  return allRules.filter((r) => ids.has(r.id));
}

function corpusFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(ya?ml|json)$/.test(entry.name) && !entry.name.startsWith('EXPECTED')) out.push(path.join(entry.parentPath, entry.name));
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
    console.info(`best-practice findings on the corpus (${objects} objects, one run per file): ${[...counts].sort().map(([id, n]) => `${id} ${n}`).join(', ')}`);
  });
});

describe.skipIf(!existsSync(KUBE_LINTER) && !existsSync(KUBE_SCORE))('documented disagreements', () => {
  it('kubeplan disagrees with the peers exactly where test/corpus-notes.md says it does', () => {
    const actual = cases.filter((c) => c.expected !== c.actual).map((c) => c.id);
    const documented = Object.keys(DISAGREEMENTS).filter((id) => cases.some((c) => c.id === id));
    expect(actual.sort()).toEqual(documented.sort());
  });
});

afterAll(() => {
  if (cases.length === 0) return;
  const rows = new Map<string, { agree: number; total: number }>();
  for (const c of cases) {
    const key = `${c.tool} ${c.check}`;
    const row = rows.get(key) ?? { agree: 0, total: 0 };
    row.total++;
    if (c.expected === c.actual) row.agree++;
    rows.set(key, row);
  }
  const lines = [...rows].map(([key, r]) => `${key.padEnd(64)} ${r.agree}/${r.total}`);
  const agree = cases.filter((c) => c.expected === c.actual).length;
  console.info(`best-practice agreement with peers: ${agree}/${cases.length} cases\n${lines.join('\n')}`);
});
