/**
 * The real pre-commit (Debian's package; `.ci/run` installs it) installs kubeplan's hooks from a local checkout and
 * runs them on real commits, with the `.pre-commit-config.yaml` that docs/integrations.md tells users to copy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { git, packageRepo, ROOT } from './package-repo.js';

function preCommitVersion(): string | undefined {
  try {
    return execFileSync('pre-commit', ['--version'], { encoding: 'utf8', stdio: 'pipe' }).trim();
  } catch {
    return undefined;
  }
}
const PRE_COMMIT = preCommitVersion();
if (!PRE_COMMIT)
  console.warn('pre-commit is not installed (apt-get install pre-commit): the pre-commit tests are skipped');

const DOCS = readFileSync(path.join(ROOT, 'docs/integrations.md'), 'utf8');
/** The YAML block between the markers in docs/integrations.md. */
const documentedConfig =
  /<!-- pre-commit-config:start -->\n```yaml\n([\s\S]*?)```\n<!-- pre-commit-config:end -->/.exec(DOCS)![1]!;

const CONFIG_MAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
data:
  MODE: production
`;
// Good apart from warnings; references the ConfigMap in another file (an error when it cannot be found, below).
const deployment = (name: string, replicas: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: ${name}
          image: nginx:1.27
          envFrom:
            - configMapRef: {name: web-config}
`;

let pkg: { dir: string; commit: string };
let home: string;
let project: string;
let shims: string;

/** The environment of a developer's shell: no npm_* variables from the test runner, pre-commit's cache in a temp dir. */
function env(extraPath?: string): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return {
    ...clean,
    PRE_COMMIT_HOME: home,
    NO_COLOR: '1',
    ...(extraPath ? { PATH: `${extraPath}${path.delimiter}${process.env.PATH}` } : {}),
  };
}

/** Seconds each commit took, printed at the end (the issue asks for them; tests never assert on time). */
const timings: string[] = [];

function commit(dir: string, message: string, files: string[], extraPath?: string) {
  git(dir, 'add', ...files);
  const start = performance.now();
  const before = git(dir, 'rev-list', '--all', '--count').trim();
  const result = spawnSync(
    'git',
    ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', 'commit', '-m', message],
    { cwd: dir, encoding: 'utf8', env: env(extraPath) },
  );
  timings.push(`${message}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  const after = git(dir, 'rev-list', '--all', '--count').trim();
  return { status: result.status, output: result.stdout + result.stderr, committed: after !== before };
}

function write(dir: string, file: string, text: string) {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

beforeAll(() => {
  if (!PRE_COMMIT) return;
  pkg = packageRepo();
  home = mkdtempSync(path.join(tmpdir(), 'kubeplan-pre-commit-home-'));
  project = mkdtempSync(path.join(tmpdir(), 'kubeplan-pre-commit-'));
  // A `kubeplan` on PATH for the -system hooks, as `npm install -g kubeplan` would provide.
  shims = mkdtempSync(path.join(tmpdir(), 'kubeplan-bin-'));
  writeFileSync(
    path.join(shims, 'kubeplan'),
    `#!/bin/sh\nexec "${process.execPath}" "${path.join(pkg.dir, 'bundle/kubeplan.cjs')}" "$@"\n`,
    { mode: 0o755 },
  );

  git(project, 'init', '-q', '-b', 'main');
  const config = documentedConfig
    .replace('https://github.com/kubeplan/kubeplan', pkg.dir)
    .replace(/rev: .*/, `rev: ${pkg.commit}`);
  write(project, '.pre-commit-config.yaml', config);
  // A missing ConfigMap is an error with requireRefs: the cross-object check that must see unchanged files.
  write(project, '.kubeplan.yaml', 'requireRefs: true\n');
  execFileSync('pre-commit', ['install'], { cwd: project, env: env(), stdio: 'pipe' });
}, 120_000);

// Removing pre-commit's hook environment (an npm install) outlasts the default 10 s hook timeout on a loaded machine.
afterAll(() => {
  if (timings.length > 0) console.info(`pre-commit commits (the first installs the hook): ${timings.join('; ')}`);
  for (const dir of [project, home, shims, pkg?.dir]) if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe.skipIf(!PRE_COMMIT)(`pre-commit (${PRE_COMMIT ?? 'not installed'})`, () => {
  it('the documented config names hooks that .pre-commit-hooks.yaml defines', () => {
    const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as {
      id: string;
      entry: string;
      language: string;
      files: string;
      require_serial: boolean;
    }[];
    expect(hooks.map((h) => `${h.id} ${h.language}`)).toEqual([
      'kubeplan-check node',
      'kubeplan-lint node',
      'kubeplan-check-system system',
      'kubeplan-lint-system system',
    ]);
    for (const h of hooks) {
      expect(h.require_serial).toBe(true);
      expect(new RegExp(h.files).test('k8s/app.yaml') && new RegExp(h.files).test('a.json')).toBe(true);
      expect(new RegExp(h.files).test('README.md')).toBe(false);
    }
    // The README shows the same block (indented under its list item).
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(documentedConfig.replace(/^(?=.)/gm, '  '));
    const documented = parse(documentedConfig) as { repos: { hooks: { id: string }[] }[] };
    expect(documented.repos[0]!.hooks.map((h) => h.id)).toEqual(['kubeplan-check']);
  });

  it('installs the hook and lets a good commit through (its ConfigMap committed before, in another file)', () => {
    const first = commit(project, 'config', ['.pre-commit-config.yaml', '.kubeplan.yaml']);
    expect(first.output).toMatch(/kubeplan check \(lint \+ plan\)\.*\(no files to check\)Skipped/);
    expect(first.committed).toBe(true);

    write(project, 'k8s/config.yaml', CONFIG_MAP);
    expect(commit(project, 'configmap', ['k8s/config.yaml']).committed).toBe(true);

    // Only k8s/web.yaml is passed to the hook; --context . finds web-config in the unchanged k8s/config.yaml.
    write(project, 'k8s/web.yaml', deployment('web', '2'));
    const good = commit(project, 'web', ['k8s/web.yaml']);
    expect(good.output).toMatch(/kubeplan check \(lint \+ plan\)\.*Passed/);
    expect(good.status).toBe(0);
    expect(good.committed).toBe(true);
  }, 180_000); // the first commit installs the hook environment (npm install of the hook repository)

  it('blocks a broken manifest, naming file:line and the rule', () => {
    write(project, 'k8s/api.yaml', deployment('api', '"two"'));
    const broken = commit(project, 'api', ['k8s/api.yaml']);
    expect(broken.output).toMatch(/kubeplan check \(lint \+ plan\)\.*Failed/);
    expect(broken.output).toContain('k8s/api.yaml:6:13 error');
    expect(broken.output).toContain('schema/type');
    expect(broken.status).not.toBe(0);
    expect(broken.committed).toBe(false);
  });

  it('reports only on the changed files: an error in an untouched file does not block another commit', () => {
    // The broken file goes in with --no-verify (as it might have before the hook existed).
    git(project, 'commit', '-q', '--no-verify', '-m', 'api (unchecked)');
    write(project, 'k8s/web.yaml', deployment('web', '3'));
    const other = commit(project, 'web: 3 replicas', ['k8s/web.yaml']);
    expect(other.output).not.toContain('k8s/api.yaml');
    expect(other.status).toBe(0);
    expect(other.committed).toBe(true);
  });

  it('a missing reference in a changed file is found (the context is not a blanket pass)', () => {
    write(project, 'k8s/worker.yaml', deployment('worker', '1').replace('web-config', 'worker-config'));
    const missing = commit(project, 'worker', ['k8s/worker.yaml']);
    expect(missing.output).toContain('k8s/worker.yaml:17:36 error');
    expect(missing.output).toContain('missing-reference');
    expect(missing.committed).toBe(false);
    git(project, 'reset', '-q', 'HEAD', 'k8s/worker.yaml');
    rmSync(path.join(project, 'k8s/worker.yaml'));
  });

  it('the -system hooks run the kubeplan on PATH', () => {
    const config = `repos:\n  - repo: ${pkg.dir}\n    rev: ${pkg.commit}\n    hooks:\n      - id: kubeplan-lint-system\n`;
    write(project, '.pre-commit-config.yaml', config);
    const run = (file: string) =>
      spawnSync('pre-commit', ['run', '--files', file], { cwd: project, encoding: 'utf8', env: env(shims) });
    const bad = run('k8s/api.yaml');
    expect(bad.stdout).toMatch(/kubeplan lint\.*Failed/);
    expect(bad.stdout).toContain('k8s/api.yaml:6:13 error');
    expect(bad.status).toBe(1);
    const good = run('k8s/web.yaml');
    expect(good.stdout).toMatch(/kubeplan lint\.*Passed/);
    expect(good.status).toBe(0);
  });

  it('a staged file named like a flag is a file: `--exclude=*.yaml` does not turn the hook into a pass', () => {
    // Issue 16 item 14: without the hooks' `--`, this name reached kubeplan as --exclude and nothing was checked.
    const config = `repos:\n  - repo: ${pkg.dir}\n    rev: ${pkg.commit}\n    hooks:\n      - id: kubeplan-lint-system\n`;
    write(project, '.pre-commit-config.yaml', config);
    // With a good file beside it, the flag-named one excluded every file: "✔ no problems (0 files)", Passed.
    write(project, '--exclude=*.yaml', deployment('flag', '"two"'));
    write(project, 'k8s/beside.yaml', deployment('beside', '1'));
    git(project, 'add', '--', '.pre-commit-config.yaml', '--exclude=*.yaml', 'k8s/beside.yaml');
    const forged = commit(project, 'flag-named file', ['.pre-commit-config.yaml'], shims);
    expect(forged.output).toMatch(/kubeplan lint\.*Failed/);
    expect(forged.output).toContain('--exclude=*.yaml:6:13 error');
    expect(forged.committed).toBe(false);
    git(project, 'reset', '-q', 'HEAD', '--', '--exclude=*.yaml', 'k8s/beside.yaml');
    rmSync(path.join(project, '--exclude=*.yaml'));
    rmSync(path.join(project, 'k8s/beside.yaml'));
  });
});
