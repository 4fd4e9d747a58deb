/**
 * Rendered input: kustomizations through kubectl (or kustomize), Helm charts through helm, `helm template` streams
 * on stdin mapped to their templates; without the tools, one info finding and nothing linted raw.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../src/api/index.js';
import { findTool } from '../../src/load/render.js';

let dir: string;
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};
const NO_TOOLS = { PATH: '' };
const summary = (findings: { file: string; line: number; ruleId: string; severity: string }[], severity = 'error') =>
  findings.filter((f) => f.severity === severity).map((f) => `${f.file}:${f.line} ${f.ruleId}`);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-render-'));
  write('base/kustomization.yaml', 'resources:\n  - deployment.yaml\n  - service.yaml\n');
  write(
    'base/deployment.yaml',
    `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`,
  );
  write(
    'base/service.yaml',
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n',
  );
  // The overlay sets replicas to a string: an error the API server would give for the applied object.
  write(
    'overlays/prod/kustomization.yaml',
    'namePrefix: prod-\nnamespace: prod\nresources:\n  - ../../base\npatches:\n  - path: replicas.yaml\nconfigMapGenerator:\n  - name: settings\n    literals: [MODE=prod]\n',
  );
  write(
    'overlays/prod/replicas.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: "3"\n',
  );
  // A chart whose templates are not YAML until rendered.
  write('chart/Chart.yaml', 'apiVersion: v2\nname: shop\nversion: 0.1.0\n');
  write('chart/values.yaml', 'replicas: 2\n');
  write(
    'chart/templates/deployment.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}-web\nspec:\n  replicas: {{ .Values.replicas }}\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Looked up as the loader does (the tree argument only excludes programs inside the linted folder).
const KUBECTL = findTool('kubectl', process.env, path.join(tmpdir(), 'kubeplan-no-tree'));
if (!KUBECTL) console.warn('kubectl is not on PATH: the kustomize rendering tests are skipped (the no-tool tests run)');

describe.skipIf(!KUBECTL)('kustomize through kubectl', () => {
  it('an overlay is linted as rendered: objects point to the base file that defines them', () => {
    const result = lint(['overlays/prod'], { cwd: dir, env: process.env });
    expect(summary(result.findings)).toEqual(['base/deployment.yaml:7 schema/type']);
    const files = new Set(result.manifests.map((m) => m.file));
    expect(files).toEqual(new Set(['base/deployment.yaml', 'base/service.yaml', 'overlays/prod/kustomization.yaml']));
    // Rendered: prefix and namespace applied; the generated ConfigMap is the kustomization's.
    const names = result.manifests.map((m) => `${m.ref.kind} ${m.ref.namespace}/${m.ref.name}`).sort();
    expect(names).toEqual([
      expect.stringMatching(/^ConfigMap prod\/prod-settings-[a-z0-9]+$/),
      'Deployment prod/prod-web',
      'Service prod/prod-web',
    ]);
  });

  it('walking the repository renders the overlay once, not the base it includes: no duplicate objects', () => {
    const result = lint(['base', 'overlays'], { cwd: dir, env: process.env });
    expect(result.findings.filter((f) => f.ruleId === 'duplicate-object')).toEqual([]);
    expect(result.manifests.filter((m) => m.ref.kind === 'Deployment')).toHaveLength(1);
  });

  it('in context mode, the rendered files of an input folder are reported', () => {
    const result = lint(['overlays/prod'], { cwd: dir, env: process.env, context: ['.'] });
    expect(summary(result.findings)).toContain('base/deployment.yaml:7 schema/type');
  });
});

describe('without kubectl, kustomize or helm on PATH', () => {
  it('a kustomization is one info finding with the command, and its files are not linted raw', () => {
    const result = lint(['overlays', 'base'], { cwd: dir, env: NO_TOOLS });
    expect(result.findings.map((f) => `${f.file} ${f.severity} ${f.ruleId}`)).toEqual([
      'overlays/prod/kustomization.yaml info input/not-rendered',
    ]);
    expect(result.findings[0]!.message).toContain('kubectl kustomize overlays/prod | kubeplan check -');
    expect(result.manifests).toEqual([]);
  });

  it('a chart is one info finding with the helm command; its templates are never read raw', () => {
    const result = lint(['chart'], { cwd: dir, env: NO_TOOLS });
    expect(result.findings.map((f) => `${f.file} ${f.severity} ${f.ruleId}`)).toEqual([
      'chart/Chart.yaml info input/not-rendered',
    ]);
    expect(result.findings[0]!.message).toContain('helm template chart | kubeplan check -');
  });

  it('programs inside the linted tree are never run, even when PATH names them', () => {
    const marker = path.join(dir, 'ran');
    write('tools/kubectl', `#!/bin/sh\ntouch "${marker}"\n`);
    chmodSync(path.join(dir, 'tools/kubectl'), 0o755);
    expect(findTool('kubectl', { PATH: path.join(dir, 'tools') }, dir)).toBeUndefined();
    const result = lint(['overlays'], { cwd: dir, env: { PATH: path.join(dir, 'tools') } });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['input/not-rendered']);
    expect(existsSync(marker)).toBe(false);
    rmSync(path.join(dir, 'tools'), { recursive: true });
  });
});

describe('helm template … | kubeplan check -', () => {
  const stream = `---
# Source: shop/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: rel-web
spec:
  ports: [{port: 80}]
  selector: {app: web}
---
# Source: shop/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: rel-web
spec:
  replicas: "2"
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "nginx:1.27"}]}
`;

  it('maps each finding to the template in the # Source: comment, line within the rendered document', () => {
    const result = lint(['-'], { cwd: dir, stdin: stream });
    // replicas is line 7 of the deployment's rendered document (the # Source: line is its line 2).
    expect(summary(result.findings)).toEqual(['shop/templates/deployment.yaml:7 schema/type']);
    expect(result.files).toEqual(['shop/templates/service.yaml', 'shop/templates/deployment.yaml']);
    // Objects from different templates still see each other (the Service selects the Deployment's pods).
    expect(result.findings.filter((f) => f.ruleId === 'service-selects-no-pods')).toEqual([]);
  });

  it('as bytes too; a stream without # Source: comments stays one stdin file', () => {
    const result = lint(['-'], { cwd: dir, stdin: new TextEncoder().encode(stream) });
    expect(summary(result.findings)).toEqual(['shop/templates/deployment.yaml:7 schema/type']);
    const plain = lint(['-'], { cwd: dir, stdin: stream.replace(/# Source: .*\n/g, ''), stdinFilename: 'all.yaml' });
    expect(summary(plain.findings)).toEqual(['all.yaml:15 schema/type']);
  });
});
