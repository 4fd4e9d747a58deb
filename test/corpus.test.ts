/**
 * The shared real-world corpus (../shared/corpus, see its README): ~970 manifests nobody here wrote.
 * Every unit is linted, planned and checked (through the CLI) without a crash, and kubeplan
 * agrees with kubeconform's own expectations for its fixtures. Skipped when the corpus is absent.
 * `npm run corpus` prints the full tables; test/corpus-notes.md explains the findings on the docs examples.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeCorpus, checkKubeconform, corpusRoot, realWorldInstalls, unitsOf } from '../scripts/corpus.mjs';
import { run } from '../src/cli/main.js';
import type { Finding } from '../src/core/types.js';
import { lint } from '../src/lint.js';
import { loadInputs } from '../src/load/index.js';
import * as planner from '../src/plan/index.js';
import { allRules } from '../src/rules/registry.js';

const root: string = corpusRoot();
const present = existsSync(root);
const installsPresent = existsSync(`${root}/real-world`);

/**
 * Error-level findings on the documentation examples and microservices-demo: [file, rule, count].
 * Each one is explained in test/corpus-notes.md ("Corpus"); a change here is a new false positive or a fixed one.
 */
const PINNED_ERRORS: Array<[string, string, number]> = [
  ['k8s-website-examples/admin/konnectivity/konnectivity-server.yaml', 'sensitive-host-mount', 3],
  ['k8s-website-examples/application/job/job-tmpl.yaml', 'invalid-name', 1],
  ['k8s-website-examples/controllers/fluentd-daemonset-update.yaml', 'sensitive-host-mount', 1],
  ['k8s-website-examples/controllers/fluentd-daemonset.yaml', 'sensitive-host-mount', 1],
  ['k8s-website-examples/debug/fluentd-gcp-ds.yaml', 'sensitive-host-mount', 1],
  ['k8s-website-examples/debug/node-problem-detector-configmap.yaml', 'privileged-container', 1],
  ['k8s-website-examples/debug/node-problem-detector.yaml', 'privileged-container', 1],
  ['k8s-website-examples/pods/security/security-context-4.yaml', 'dangerous-capabilities', 2],
  ['k8s-website-examples/pods/share-process-namespace.yaml', 'dangerous-capabilities', 1],
  ['k8s-website-examples/policy/baseline-psp.yaml', 'removed-api-version', 1],
  ['k8s-website-examples/policy/example-psp.yaml', 'removed-api-version', 1],
  ['k8s-website-examples/policy/privileged-psp.yaml', 'removed-api-version', 1],
  ['k8s-website-examples/policy/restricted-psp.yaml', 'removed-api-version', 1],
  ['k8s-website-examples/service/networking/dual-stack-ipv6-svc.yaml', 'schema/unknown-field', 1],
  ['k8s-website-examples/service/networking/example-ingress.yaml', 'ingress-missing-service', 1],
  ['k8s-website-examples/service/networking/ingress-wildcard-host.yaml', 'ingress-missing-service', 2],
  ['k8s-website-examples/service/networking/minimal-ingress.yaml', 'ingress-missing-service', 1],
  [
    'k8s-website-examples/service/networking/name-virtual-host-ingress-no-third-host.yaml',
    'ingress-missing-service',
    3,
  ],
  ['k8s-website-examples/service/networking/name-virtual-host-ingress.yaml', 'ingress-missing-service', 2],
  ['k8s-website-examples/service/networking/simple-fanout-example.yaml', 'ingress-missing-service', 2],
  ['k8s-website-examples/service/networking/test-ingress.yaml', 'ingress-missing-service', 1],
  ['k8s-website-examples/service/networking/tls-example-ingress.yaml', 'ingress-missing-service', 1],
  [
    'microservices-demo/kustomize/components/without-loadgenerator/delete-loadgenerator.patch.yaml',
    'schema/unknown-field',
    1,
  ],
];

interface Row {
  name: string;
  units: number;
  files: number;
  objects: number;
  crashes: Array<{ unit: string; command: string; message: string }>;
  byRule: Map<string, number>;
}

describe.skipIf(!present)('the real-world corpus', () => {
  it('every folder is read and no unit crashes lint, plan or check', { timeout: 150_000 }, async () => {
    const report = (await analyzeCorpus({ lint, run }, root)) as { folders: Row[]; commands: string[] };
    expect(report.commands).toEqual(['plan', 'check']);
    const crashes = report.folders.flatMap((f) => f.crashes.map((c) => `${c.command} ${c.unit}: ${c.message}`));
    expect(crashes).toEqual([]);
    const files = report.folders.reduce((n, f) => n + f.files, 0);
    const objects = report.folders.reduce((n, f) => n + f.objects, 0);
    expect(files).toBeGreaterThan(900);
    expect(objects).toBeGreaterThan(1400);
    // nothing in the corpus is deep, huge or an alias bomb: no limit may fire on real manifests
    for (const f of report.folders) {
      for (const limit of [
        'input/too-deep',
        'input/too-large',
        'input/too-many-documents',
        'input/alias-limit',
        'input/parse',
      ]) {
        expect(f.byRule.get(limit) ?? 0, `${f.name}: ${limit}`).toBe(0);
      }
    }
    const findings = (report as unknown as { findings: Map<string, Finding[]> }).findings;
    const errors = new Map<string, number>();
    for (const folder of ['k8s-website-examples', 'microservices-demo']) {
      for (const f of findings.get(folder) ?? []) {
        if (f.severity !== 'error') continue;
        const key = `${f.file} ${f.ruleId}`;
        errors.set(key, (errors.get(key) ?? 0) + 1);
      }
    }
    const actual = [...errors]
      .map(([key, n]) => [...key.split(' '), n])
      .sort((a, b) => (String(a[0]) + a[1] < String(b[0]) + b[1] ? -1 : 1));
    expect(
      actual,
      'error-level findings on the docs examples and microservices-demo: explain each in test/corpus-notes.md, then update PINNED_ERRORS',
    ).toEqual(PINNED_ERRORS);
  });

  it('microservices-demo plans with every pod placed (release bundle, per-service manifests, kustomize base)', () => {
    for (const unit of [
      'microservices-demo/release/kubernetes-manifests.yaml',
      // Globs, not the folders: a folder with a kustomization is read rendered (only what it lists, and only where
      // kubectl is installed); these units are the raw per-service files.
      'microservices-demo/kubernetes-manifests/*.yaml',
      'microservices-demo/kustomize/base/*.yaml',
    ]) {
      const loaded = loadInputs([unit], { cwd: root });
      const result = planner.plan(loaded.manifests);
      expect(result.summary, unit).toEqual({ pods: 12, scheduled: 12, unschedulable: 0 });
      expect(
        result.findings.filter((f) => f.severity === 'error'),
        unit,
      ).toEqual([]);
    }
  });

  it("agrees with kubeconform's expectations for its fixtures (EXPECTED.md)", { timeout: 60_000 }, () => {
    const rows = checkKubeconform({ lint, run }, root) as Array<{
      files: string[];
      kubeconform: string;
      ok: boolean;
      reason?: string;
    }>;
    expect(rows.length).toBeGreaterThanOrEqual(37);
    expect(rows.filter((r) => !r.ok).map((r) => `${r.files.join(' + ')}: ${r.kubeconform} — ${r.reason}`)).toEqual([]);
  });

  it('units: fixture folders file by file, applications folder by folder', () => {
    const demo = unitsOf(root, 'microservices-demo') as Array<{ name: string; files: string[] }>;
    expect(
      demo.find((u) => u.name === 'microservices-demo/kubernetes-manifests/')!.files.length,
    ).toBeGreaterThanOrEqual(12);
    const docs = unitsOf(root, 'k8s-website-examples') as Array<{ files: string[] }>;
    expect(docs.every((u) => u.files.length === 1)).toBe(true);
  });
});

/**
 * real-world/ (see its SOURCE.md): three installs people apply as they are. An error-level finding outside the security
 * category there is one the API server would not raise: none may be left (test/corpus-notes.md, "real-world").
 */
describe.skipIf(!installsPresent)('the real-world installs', () => {
  it(
    'no error-level finding outside the security category on argo-cd, ingress-nginx, kube-prometheus',
    { timeout: 60_000 },
    () => {
      const installs = realWorldInstalls({ lint, run }, root, allRules) as Array<{
        name: string;
        objects: number;
        falseErrors: Finding[];
      }>;
      expect(installs.map((i) => i.name)).toEqual([
        'real-world/argo-cd/',
        'real-world/ingress-nginx/',
        'real-world/kube-prometheus/',
      ]);
      for (const i of installs) {
        expect(i.objects, i.name).toBeGreaterThan(10);
        expect(
          i.falseErrors.map((f) => `${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.message}`),
          i.name,
        ).toEqual([]);
      }
    },
  );
});
