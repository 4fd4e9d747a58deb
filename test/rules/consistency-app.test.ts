/**
 * A realistic multi-file app (test/rules/fixtures/shop) with one mistake per consistency rule.
 * Each expected finding is marked in the YAML with `# expect: <rule-id>[, <rule-id>]` on its line
 * (markdownlint's fixture style); the test requires exactly those findings, no more and no fewer.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_OPTIONS, runRules } from '../../src/rules/engine.js';
import { allRules } from '../../src/rules/registry.js';
import { loadAll } from './helpers.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'shop');
const files = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => [`shop/${f}`, readFileSync(path.join(dir, f), 'utf8')]),
);
const consistencyRules = allRules.filter((r) => r.category === 'consistency');

function expectedMarkers(): string[] {
  const out: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    text.split('\n').forEach((line, i) => {
      const match = /#\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/.exec(line);
      for (const id of match ? match[1]!.split(',').map((s) => s.trim()) : []) out.push(`${file}:${i + 1} ${id}`);
    });
  }
  return out.sort();
}

describe('consistency rules on a multi-file app', () => {
  const findings = runRules(loadAll(files), { ...DEFAULT_RULE_OPTIONS, rules: consistencyRules });

  it('fire exactly at the marked lines (too few or too many is a failure)', () => {
    expect(findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort()).toEqual(expectedMarkers());
  });

  it('cover every consistency rule', () => {
    expect(new Set(findings.map((f) => f.ruleId))).toEqual(new Set(consistencyRules.map((r) => r.id)));
  });

  it('say what is wrong at a glance', () => {
    const messages = Object.fromEntries(findings.map((f) => [f.ruleId, f.message]));
    expect(messages).toEqual({
      'duplicate-object': 'ConfigMap web-config: duplicate object, already defined at shop/policies.yaml:52',
      'hpa-target-missing':
        'HorizontalPodAutoscaler worker: scale target Deployment "workers" not found in namespace "shop"',
      'hpa-with-replicas':
        'Deployment web: spec.replicas is set, but HorizontalPodAutoscaler web scales it; every apply resets the scale',
      'ingress-duplicate-path':
        'Ingress shop-legacy: host "shop.example.com" path "/api" is already routed by Ingress shop (shop/ingress.yaml:22)',
      'ingress-missing-service': 'Ingress shop: backend Service "frontend" not found in namespace "shop"',
      'ingress-missing-service-port':
        'Ingress shop: Service "api" has no port 80 (it exposes: http/8080, metrics/9000)',
      'ingress-tls-secret-missing': 'Ingress shop: TLS Secret "shop-tls" not found in namespace "shop"',
      'missing-reference': 'Deployment api: ConfigMap "api-env" not found in namespace "shop"',
      'missing-reference-key':
        'Deployment api: key "pasword" not found in Secret "db-credentials" (did you mean "password"?)',
      'networkpolicy-selects-nothing': 'NetworkPolicy db: podSelector {role: database} matches no pods',
      'overlapping-selectors': 'Deployment api: selector also matches the pods of Deployment api-canary',
      'pdb-selects-nothing':
        'PodDisruptionBudget api: selector {app: apl} matches no pods; closest: Deployment api has {app: api}',
      'service-selects-no-pods':
        'Service web: selector {app: web, tier: front} matches no pods; closest: Deployment web has {app: web, tier: frontend}',
      'service-target-port-name':
        'Service api: targetPort "htp" is not a container port name in Deployment api, Deployment api-canary (declared: http)',
      'service-target-port-number':
        'Service api: port 9000 (the default targetPort) is not a TCP containerPort of the selected pods (declared: 8080/TCP)',
      'statefulset-service-not-headless':
        'StatefulSet db: governing Service "db" is not headless (set clusterIP: None), so pod DNS names will not resolve',
      'volume-mount-undefined': 'Deployment api: container "api" mounts "cache", which is not a volume of the pod',
      'workload-selector-mismatch':
        'Deployment worker: selector {app: worker} does not match template labels {app: wroker} (unmatched: app: worker)',
    });
  });
});
