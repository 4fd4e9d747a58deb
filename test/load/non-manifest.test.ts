import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInputs } from '../../src/load/index.js';
import { lint } from '../../src/lint.js';
import { renderText } from '../../src/output/text.js';
import { runCli } from '../cli/run-cli.js';

/** A repository as people have it: manifests beside other tools' YAML and JSON. */
const FILES: Record<string, string> = {
  'k8s/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {a: "1"}\n',
  // One of the two keys: a Kubernetes object with a mistake, still an error.
  'k8s/half.yaml': 'kind: ConfigMap\nmetadata: {name: half}\n',
  '.github/workflows/ci.yml':
    'name: ci\non: [push]\njobs:\n  test: {runs-on: ubuntu-latest, steps: [{run: npm test}]}\n',
  '.pre-commit-config.yaml': 'repos:\n  - repo: https://github.com/kubeplan/kubeplan\n    rev: v1\n',
  'chart/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 1.0.0\n',
  'chart/values.yaml': 'replicaCount: 2\nimage: {repository: nginx}\n',
  'chart/values-prod.yaml': 'replicaCount: 5\n',
  'overlay/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../k8s]\n',
  'docker-compose.yml': 'services:\n  web: {image: nginx}\n---\nversion: "3"\n',
  'openapi.yaml': 'openapi: 3.0.0\ninfo: {title: api, version: "1"}\npaths: {}\n',
  'package.json': '{"name": "app", "version": "1.0.0"}\n',
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-non-manifest-'));
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('only Kubernetes documents, by default', () => {
  it("a walked folder skips other tools' configuration files and lists the documents that are not objects", () => {
    const r = loadInputs(['.'], { cwd: dir });
    // .github/, .pre-commit-config.yaml, Chart.yaml, values*.yaml and kustomization.yaml are never read in a walk.
    expect(r.files).toEqual(['docker-compose.yml', 'k8s/app.yaml', 'k8s/half.yaml', 'openapi.yaml', 'package.json']);
    expect(r.manifests.map((m) => m.file)).toEqual(['k8s/app.yaml', 'k8s/half.yaml']);
    expect(r.skipped).toEqual([
      { file: 'docker-compose.yml', line: 1, reason: 'neither apiVersion nor kind: not a Kubernetes object' },
      { file: 'docker-compose.yml', line: 4, reason: 'neither apiVersion nor kind: not a Kubernetes object' },
      { file: 'openapi.yaml', line: 1, reason: 'neither apiVersion nor kind: not a Kubernetes object' },
      { file: 'package.json', line: 1, reason: 'neither apiVersion nor kind: not a Kubernetes object' },
    ]);
  });

  it('lint of the folder: no finding on non-Kubernetes YAML; a document with only kind is still an error', () => {
    // No kubectl or helm on PATH: the chart and the kustomization are one info each (src/load/render.ts), not read raw.
    const r = lint(['.'], { cwd: dir, env: { PATH: '' } });
    const errors = r.findings.filter((f) => f.severity === 'error').map((f) => [f.file, f.line, f.ruleId]);
    expect(errors).toEqual([['k8s/half.yaml', 1, 'schema/required']]);
    expect(
      r.findings.filter((f) => !f.file.startsWith('k8s/')).map((f) => `${f.file} ${f.severity} ${f.ruleId}`),
    ).toEqual(['chart/Chart.yaml info input/not-rendered', 'overlay/kustomization.yaml info input/not-rendered']);
    // The summary counts what was not checked.
    expect(renderText(r)).toMatch(/\(5 files, 2 objects, 4 non-Kubernetes documents skipped\)\n$/);
  });

  it('--verbose lists the skipped documents after the summary; JSON always has them (issue 10 §2)', async () => {
    const listing = [
      'skipped:',
      '  docker-compose.yml:1  neither apiVersion nor kind: not a Kubernetes object',
      '  docker-compose.yml:4  neither apiVersion nor kind: not a Kubernetes object',
      '  openapi.yaml:1  neither apiVersion nor kind: not a Kubernetes object',
      '  package.json:1  neither apiVersion nor kind: not a Kubernetes object',
      '',
    ].join('\n');
    const verbose = await runCli(['lint', '.', '--verbose'], { cwd: dir, env: { PATH: '' } });
    expect(verbose.stdout).toMatch(/4 non-Kubernetes documents skipped\)\n/);
    expect(verbose.stdout.endsWith(`\n\n${listing}`)).toBe(true);
    const quiet = await runCli(['lint', '.'], { cwd: dir, env: { PATH: '' } });
    expect(quiet.stdout).not.toContain('skipped:');
    const json = JSON.parse((await runCli(['lint', '.', '-f', 'json'], { cwd: dir, env: { PATH: '' } })).stdout) as {
      findingsSummary: { skipped?: number };
      skipped?: unknown[];
    };
    expect(json.findingsSummary.skipped).toBe(4);
    expect(json.skipped).toEqual([
      { file: 'docker-compose.yml', line: 1, reason: 'neither apiVersion nor kind: not a Kubernetes object' },
      { file: 'docker-compose.yml', line: 4, reason: 'neither apiVersion nor kind: not a Kubernetes object' },
      { file: 'openapi.yaml', line: 1, reason: 'neither apiVersion nor kind: not a Kubernetes object' },
      { file: 'package.json', line: 1, reason: 'neither apiVersion nor kind: not a Kubernetes object' },
    ]);
    // Nothing skipped: no key at all.
    const named = JSON.parse((await runCli(['lint', 'k8s/app.yaml', '-f', 'json'], { cwd: dir })).stdout) as object;
    expect(Object.keys(named)).toEqual(['findings', 'findingsSummary']);
  });

  it('a glob is a walk too', () => {
    const r = loadInputs(['**/*.yml'], { cwd: dir });
    expect(r.files).toEqual(['docker-compose.yml']);
    expect(r.manifests).toEqual([]);
    expect(r.skipped).toHaveLength(2);
  });

  it('files named explicitly are read, and a document that is not an object is a warning, not silence', () => {
    const r = loadInputs(['docker-compose.yml', 'chart/Chart.yaml', '.github/workflows/ci.yml'], { cwd: dir });
    expect(r.skipped).toBeUndefined();
    expect(r.manifests.map((m) => m.file)).toEqual(['chart/Chart.yaml']); // it has an apiVersion: read as an object
    // Files are read in sorted order.
    expect(r.findings.map((f) => [f.file, f.line, f.severity, f.ruleId, f.message])).toEqual([
      [
        '.github/workflows/ci.yml',
        1,
        'warning',
        'input/not-kubernetes',
        'document has neither apiVersion nor kind: not a Kubernetes object; not checked',
      ],
      [
        'docker-compose.yml',
        1,
        'warning',
        'input/not-kubernetes',
        'document has neither apiVersion nor kind: not a Kubernetes object; not checked',
      ],
      [
        'docker-compose.yml',
        4,
        'warning',
        'input/not-kubernetes',
        'document has neither apiVersion nor kind: not a Kubernetes object; not checked',
      ],
    ]);
  });

  it('items of a List are objects whatever they lack', () => {
    writeFileSync(path.join(dir, 'k8s/list.yaml'), 'apiVersion: v1\nkind: List\nitems:\n  - metadata: {name: x}\n');
    try {
      const r = lint(['k8s/list.yaml'], { cwd: dir });
      expect(r.findings.some((f) => f.ruleId === 'schema/required' && f.severity === 'error')).toBe(true);
    } finally {
      rmSync(path.join(dir, 'k8s/list.yaml'));
    }
  });
});
