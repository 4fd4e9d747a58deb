/**
 * Agreement of kubeplan's best-practice rules with their peers on the peers' own fixtures, per peer check:
 * kube-linter's tests/checks/*.yml (objects named dont-fire* must not be reported, the others must; the count of
 * positives must match the bats report count) and kube-score's testdata (Critical/Warning grades must be reported,
 * AllOK and skipped ones must not, at the Kubernetes version the Go test uses, 1.18 by default).
 *
 * Every deliberate disagreement is listed in DISAGREEMENTS with its reason (mirrored in test/corpus-notes.md).
 * Anything else that differs is `undocumented`, and a documented disagreement where kubeplan now agrees is `stale`:
 * test/rules/best-practice-corpus.test.ts fails on either, and `npm run corpus` (scripts/corpus.mjs) prints the table
 * and exits 1. Both run this module: the test over src/, the script over dist/.
 *
 * `api` is what the rules need, from src/ or dist/:
 *   { loadText (load/index), runRules, DEFAULT_RULE_OPTIONS (rules/engine), allRules (rules/registry) }
 * Plain JavaScript on purpose: the script runs on plain node.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const KUBE_LINTER_DIR = 'kube-linter-testdata';
export const KUBE_SCORE_DIR = 'kube-score-testdata';

/** Deprecated (warning) and removed (error, the schema-validation rule) API versions together match the peers' single check. */
const API_VERSIONS = { rules: ['deprecated-api-version', 'removed-api-version'] };

/** kube-linter check → the kubeplan rules whose findings count. */
export const KUBE_LINTER_CHECKS = {
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

/** kube-score check → the kubeplan rules whose findings count. */
export const KUBE_SCORE_CHECKS = {
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

const CHECKS = { 'kube-linter': KUBE_LINTER_CHECKS, 'kube-score': KUBE_SCORE_CHECKS };

/**
 * Case id → why kubeplan deliberately answers differently. Case ids: `kube-linter <check> <file>#<doc> <Kind>/<name>`
 * and `kube-score <check> <file>[ @<config>]`.
 */
const LIMITS_ONLY =
  'only limits are set: the API server copies each limit into the missing request, so the scheduler has requests and kubeplan reports nothing';
export const DISAGREEMENTS = {
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

/**
 * @typedef {{ name: string, file: string | null, include: string[], expectedReportCount: number | null }} KubeLinterTest
 * @typedef {{ file?: string, files?: string[], check: string, grade: string, config?: string[] }} KubeScoreGrade
 * @typedef {{ id: string, peer: string, check: string, expected: boolean, actual: boolean, peerSays: string, kubeplanSays: string }} Case
 * @typedef {{ cases: Case[], problems: string[] }} Judged
 */

const message = (err) => (err instanceof Error ? err.message : String(err));

function load(api, file) {
  return api.loadText(readFileSync(file, 'utf8'), path.basename(file)).manifests;
}

/**
 * Runs `judge`'s rules over `manifests` at `kubeVersion`.
 * Returns the objects kubeplan flags (object → the rule ids that fired on it) and problems (missing rules, crashes).
 */
function flagged(api, manifests, judge, kubeVersion) {
  const rules = api.allRules.filter((r) => judge.rules.includes(r.id));
  const problems = [];
  const missing = judge.rules.filter((id) => !rules.some((r) => r.id === id));
  if (missing.length > 0) problems.push(`no such rule: ${missing.join(', ')}`);
  const findings = api.runRules(manifests, { ...api.DEFAULT_RULE_OPTIONS, kubeVersion, rules });
  for (const f of findings) if (f.ruleId.startsWith('internal/')) problems.push(`crash: ${f.ruleId}: ${f.message}`);
  const hits = new Map();
  for (const f of findings) {
    const owner = manifests.find((m) => m.file === f.file && m.ref === f.object);
    if (owner) hits.set(owner, [...new Set([...(hits.get(owner) ?? []), f.ruleId])]);
  }
  return { hits, problems };
}

/**
 * kube-linter's bats tests of the mapped checks (a single check, a fixture file); [] without the corpus.
 * @returns {Array<{ check: string, test: KubeLinterTest }>}
 */
export function kubeLinterTests(root) {
  const file = path.join(root, KUBE_LINTER_DIR, 'EXPECTED-from-bats-tests.json');
  if (!existsSync(file)) return [];
  const { tests } = JSON.parse(readFileSync(file, 'utf8'));
  return tests
    .filter((t) => t.file !== null && t.include.length === 1 && KUBE_LINTER_CHECKS[t.include[0]] !== undefined)
    .map((test) => ({ check: test.include[0], test }));
}

/** Problems with kube-linter's coverage: every mapped check must have exactly one bats test. */
export function kubeLinterCoverage(entries) {
  const tested = entries.map((e) => e.check).sort();
  const mapped = Object.keys(KUBE_LINTER_CHECKS).sort();
  return JSON.stringify(tested) === JSON.stringify(mapped)
    ? []
    : [`kube-linter: the mapped checks (${mapped.join(', ')}) are not tested once each (${tested.join(', ')})`];
}

/**
 * kube-linter's fixtures name negatives dont-fire*. Two fixtures break the convention, as their
 * bats report counts show: drop-net-raw-capability reports all 4 objects (the dont-fire ones do not
 * drop NET_RAW), and pdb-min-available's positives are the PDBs (the Deployments and autoscalers are context).
 */
function expectedByKubeLinter(check, m) {
  if (check === 'drop-net-raw-capability') return true;
  if (check === 'pdb-min-available' || check === 'pdb-max-unavailable')
    return m.ref.kind === 'PodDisruptionBudget' && (check === 'pdb-min-available' || m.ref.name === 'foo');
  if (check === 'no-extensions-v1beta') return m.ref.apiVersion?.startsWith('extensions/') ?? false;
  return !(m.ref.name ?? '').startsWith('dont-fire');
}

/**
 * One kube-linter test → a case per object of its fixture, and problems.
 * @returns {Judged}
 */
export function judgeKubeLinter(api, root, { check, test }) {
  const cases = [];
  const problems = [];
  try {
    const manifests = load(api, path.join(root, KUBE_LINTER_DIR, test.file));
    const result = flagged(api, manifests, KUBE_LINTER_CHECKS[check], api.DEFAULT_RULE_OPTIONS.kubeVersion);
    problems.push(...result.problems.map((p) => `kube-linter ${check} ${test.file}: ${p}`));
    // The expectations derived from object names must add up to kube-linter's own report count.
    const positives = manifests.filter((m) => expectedByKubeLinter(check, m)).length;
    if (test.expectedReportCount !== null && positives !== test.expectedReportCount) {
      problems.push(
        `kube-linter ${check} ${test.file}: ${positives} objects expected to be reported, the bats test counts ${test.expectedReportCount}`,
      );
    }
    for (const m of manifests) {
      const expected = expectedByKubeLinter(check, m);
      const fired = result.hits.get(m) ?? [];
      cases.push({
        id: `kube-linter ${check} ${test.file}#${m.docIndex} ${m.ref.kind}/${m.ref.name}`,
        peer: 'kube-linter',
        check,
        expected,
        actual: fired.length > 0,
        peerSays: expected ? 'reported' : 'not reported',
        kubeplanSays: fired.length > 0 ? fired.join(', ') : 'nothing',
      });
    }
  } catch (err) {
    problems.push(`kube-linter ${check} ${test.file}: crash: ${message(err)}`);
  }
  return { cases, problems };
}

/**
 * kube-score's expected grades of the mapped checks; [] without the corpus.
 * @returns {Array<{ check: string, file: string, grade: KubeScoreGrade }>}
 */
export function kubeScoreGrades(root) {
  const file = path.join(root, KUBE_SCORE_DIR, 'EXPECTED-from-go-tests.json');
  if (!existsSync(file)) return [];
  const { tests } = JSON.parse(readFileSync(file, 'utf8'));
  return tests
    .flatMap((t) => t.expectedGrades)
    .filter((g) => KUBE_SCORE_CHECKS[g.check] !== undefined)
    .map((grade) => ({ check: grade.check, file: grade.file ?? grade.files?.[0] ?? '?', grade }));
}

/**
 * One kube-score grade → one case for its file, and problems.
 * @returns {Judged}
 */
export function judgeKubeScore(api, root, { check, file, grade }) {
  const config = (grade.config ?? []).join(' ');
  const minor = /KubernetesVersion: config\.Semver\{Major: 1, Minor: (\d+)\}/.exec(config)?.[1];
  // kube-score's tests run against Kubernetes 1.18 unless the config says otherwise.
  const kubeVersion = `1.${minor ?? '18'}`;
  const settings = config
    .replace(/config\.RunConfiguration\{|\}/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/,$/, '');
  const id = `kube-score ${check} ${file}${settings && !/EnabledOptionalTests|UseOptionalChecksAnnotation/.test(settings) ? ` @${settings}` : ''}`;
  try {
    const manifests = load(api, path.join(root, KUBE_SCORE_DIR, 'score/testdata', file));
    const result = flagged(api, manifests, KUBE_SCORE_CHECKS[check], kubeVersion);
    const fired = [...new Set([...result.hits.values()].flat())];
    const expected = grade.grade === 'GradeCritical' || grade.grade === 'GradeWarning';
    const c = {
      id,
      peer: 'kube-score',
      check,
      expected,
      actual: result.hits.size > 0,
      peerSays: grade.grade.replace(/^Grade/, ''),
      kubeplanSays: fired.length > 0 ? fired.join(', ') : 'nothing',
    };
    return { cases: [c], problems: result.problems.map((p) => `${id}: ${p}`) };
  } catch (err) {
    return { cases: [], problems: [`${id}: crash: ${message(err)}`] };
  }
}

/**
 * Per-check agreement of `cases`: rows { peer, check, rules, agree, total, disagreements: [{ case, why, documented }] }
 * in the order of the check tables, the totals, and what the test and the script fail on:
 * `undocumented` disagreements, `stale` documented ones (kubeplan agrees now) and `problems` (a case id twice).
 * @param {Case[]} cases
 */
export function summarize(cases) {
  const rows = [];
  for (const [peer, checks] of Object.entries(CHECKS)) {
    for (const [check, judge] of Object.entries(checks)) {
      const mine = cases.filter((c) => c.peer === peer && c.check === check);
      if (mine.length === 0) continue;
      const disagreements = mine
        .filter((c) => c.expected !== c.actual)
        .map((c) => {
          const documented = DISAGREEMENTS[c.id] !== undefined;
          const why = documented
            ? DISAGREEMENTS[c.id]
            : `not documented: ${peer} says ${c.peerSays}, kubeplan ${c.kubeplanSays}`;
          return { case: c.id, why, documented };
        });
      rows.push({
        peer,
        check,
        rules: [...judge.rules],
        agree: mine.length - disagreements.length,
        total: mine.length,
        disagreements,
      });
    }
  }
  const undocumented = rows.flatMap((r) =>
    r.disagreements.filter((d) => !d.documented).map(({ case: id, why }) => ({ case: id, why })),
  );
  const stale = cases
    .filter((c) => c.expected === c.actual && DISAGREEMENTS[c.id] !== undefined)
    .map((c) => ({
      case: c.id,
      why: `documented as a disagreement, but kubeplan agrees now (${c.peerSays}): remove it from DISAGREEMENTS and test/corpus-notes.md`,
    }));
  const seen = new Set();
  const problems = [];
  for (const c of cases) {
    if (seen.has(c.id)) problems.push(`case id twice: ${c.id}`);
    seen.add(c.id);
  }
  const agree = rows.reduce((n, r) => n + r.agree, 0);
  return { rows, agree, total: cases.length, undocumented, stale, problems };
}

/**
 * The whole comparison over the corpus at `root`: summarize()'s result plus `peers` (those whose fixtures are present;
 * none when the corpus is absent) and every problem (coverage, report counts, missing rules, crashes).
 */
export function peerAgreement(api, root) {
  const cases = [];
  const problems = [];
  const peers = [];
  if (existsSync(path.join(root, KUBE_LINTER_DIR))) {
    peers.push('kube-linter');
    const linter = kubeLinterTests(root);
    problems.push(...kubeLinterCoverage(linter));
    for (const entry of linter) {
      const r = judgeKubeLinter(api, root, entry);
      cases.push(...r.cases);
      problems.push(...r.problems);
    }
  }
  if (existsSync(path.join(root, KUBE_SCORE_DIR))) {
    peers.push('kube-score');
    for (const entry of kubeScoreGrades(root)) {
      const r = judgeKubeScore(api, root, entry);
      cases.push(...r.cases);
      problems.push(...r.problems);
    }
  }
  const summary = summarize(cases);
  return { peers, ...summary, problems: [...problems, ...summary.problems] };
}
