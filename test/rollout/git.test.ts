/** `--base <rev>`: the old side read from a real git repository, no checkout. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRevisionInputs, readRevisionInputs } from '../../src/git/index.js';
import { loadInputs } from '../../src/load/index.js';
import { planChanges } from '../../src/rollout/index.js';

let dir: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    stdio: 'pipe',
  })
    .toString()
    .trim();
const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};
const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 4
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: api, image: "${image}"}]
`;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-git-'));
  git('init', '-q', '-b', 'main');
  write('k8s/api.yaml', deployment('api:1'));
  write('k8s/svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: api}\nspec: {ports: [{port: 80}]}\n');
  write('k8s/notes.md', '# not a manifest\n');
  write('k8s/sub dir/cm ü.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {a: "1"}\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'one');
  git('tag', 'v1');
  // The working tree moves on: image bumped, Service deleted, a new file added.
  write('k8s/api.yaml', deployment('api:2'));
  unlinkSync(path.join(dir, 'k8s/svc.yaml'));
  write('k8s/extra.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readRevisionInputs', () => {
  it('reads the manifest files under a folder as they were at the revision', () => {
    const r = readRevisionInputs(['k8s'], 'v1', dir);
    expect(r.findings).toEqual([]);
    expect(r.texts.map((t) => t.file)).toEqual(['v1:k8s/api.yaml', 'v1:k8s/sub dir/cm ü.yaml', 'v1:k8s/svc.yaml']);
    expect(r.texts[0]!.text).toContain('api:1');
  });

  it('plans the change from the revision to the working tree', () => {
    const old = loadRevisionInputs(['k8s'], 'main', dir);
    const cur = loadInputs(['k8s'], { cwd: dir });
    const plan = planChanges(old.manifests, cur.manifests);
    expect(plan.changes.map((c) => `${c.change} ${c.kind}/${c.name}`)).toEqual([
      'added ConfigMap/extra',
      'changed Deployment/api',
      'removed Service/api',
    ]);
    expect(plan.changes[1]!.diff).toContain('--- main:k8s/api.yaml\n+++ k8s/api.yaml\n');
    expect(plan.changes[1]!.diff).toContain('-        - image: api:1\n+        - image: api:2\n');
    expect(plan.rollouts.map((r) => r.events.length)).toEqual([6]); // the README example: new→1 old→3 new→2 ~ old→1 new→4 ~ old→0
  });

  it('treats paths that did not exist at the revision as absent', () => {
    expect(readRevisionInputs(['k8s/extra.yaml', 'nope'], 'v1', dir)).toEqual({ texts: [], findings: [] });
  });

  it('takes single files (any extension), globs and a cwd inside the repository', () => {
    expect(readRevisionInputs(['k8s/notes.md'], 'v1', dir).texts.map((t) => t.file)).toEqual(['v1:k8s/notes.md']);
    expect(readRevisionInputs(['k8s/*.yaml'], 'v1', dir).texts.map((t) => t.file)).toEqual([
      'v1:k8s/api.yaml',
      'v1:k8s/svc.yaml',
    ]);
    expect(readRevisionInputs(['.'], 'v1', path.join(dir, 'k8s')).texts.map((t) => t.file)).toEqual([
      'v1:api.yaml',
      'v1:sub dir/cm ü.yaml',
      'v1:svc.yaml',
    ]);
    expect(
      readRevisionInputs(
        ['../api.yaml', path.join(dir, 'k8s/svc.yaml')],
        'v1',
        path.join(dir, 'k8s/sub dir'),
      ).texts.map((t) => t.file),
    ).toEqual(['v1:../api.yaml', 'v1:../svc.yaml']);
  });

  it('reads a revision other than the working tree, by branch, tag or commit id', () => {
    const id = git('rev-parse', 'v1');
    expect(readRevisionInputs(['k8s/api.yaml'], id, dir).texts[0]!.text).toContain('api:1');
    expect(readRevisionInputs(['k8s/api.yaml'], 'main~0', dir).texts[0]!.file).toBe('main~0:k8s/api.yaml');
  });

  it('reports unknown or option-like revisions and paths outside the repository', () => {
    expect(readRevisionInputs(['k8s'], 'no-such-branch', dir).findings.map((f) => f.ruleId)).toEqual([
      'git/bad-revision',
    ]);
    expect(readRevisionInputs(['k8s'], '--output=/tmp/x', dir).findings.map((f) => f.ruleId)).toEqual([
      'git/bad-revision',
    ]);
    expect(readRevisionInputs(['../elsewhere'], 'v1', dir).findings.map((f) => f.ruleId)).toEqual([
      'git/outside-repository',
    ]);
  });

  it('reports a folder that is not a git repository', () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'kubeplan-nogit-'));
    try {
      const r = readRevisionInputs(['.'], 'HEAD', plain);
      expect(r.findings.map((f) => f.ruleId)).toEqual(['git/not-a-repository']);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
