/**
 * kubeplan installs without building and without the network: the package has no runtime dependency (everything
 * is bundled into bundle/) and no install-time script, so `npm pack` prints only the tarball name (pre-commit 3.x
 * reads it from stdout) and `npm install -g git+file://…` (pre-commit 4.x) needs no devDependency.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRepo, ROOT } from './package-repo.js';

const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
let repo: { dir: string; commit: string };
let work: string;

/** The environment without npm's own npm_* variables (the test may run under `npm test`; an install never does). */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

/** npm, offline, with a cache of its own: an install that needed the registry fails here. */
function npm(args: string[], cwd: string): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(
    'npm',
    [...args, '--offline', '--no-audit', '--no-fund', '--cache', path.join(work, 'cache')],
    {
      cwd,
      encoding: 'utf8',
      env: { ...cleanEnv(), npm_config_loglevel: 'warn' },
    },
  );
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

const BROKEN = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: "two"
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "web:1"}]}
`;

/** Runs the installed command: --version, and a lint that needs the lazily loaded validator chunks. */
function runInstalled(prefix: string): void {
  const bin = path.join(prefix, 'bin', 'kubeplan');
  expect(execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim()).toBe(`kubeplan ${version}`);
  const manifest = path.join(work, 'broken.yaml');
  writeFileSync(manifest, BROKEN);
  const lint = spawnSync(bin, ['lint', manifest, '--no-color'], { encoding: 'utf8', cwd: work });
  expect(lint.stderr).toBe('');
  expect(lint.status).toBe(1);
  expect(lint.stdout).toContain('broken.yaml:5:13 error');
  expect(lint.stdout).toContain('schema/type');
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'kubeplan-install-'));
  repo = packageRepo();
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(repo.dir, { recursive: true, force: true });
});

describe('installing kubeplan', () => {
  it('declares no runtime dependency and no install-time script', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg.dependencies ?? {}).toEqual({});
    const scripts = Object.keys(pkg.scripts as object);
    // npm "prepares" a git dependency (npm install with devDependencies in a temporary clone, then links to that
    // clone for -g) when it has any of these scripts (pacote's GitFetcher); `build` is one of them.
    for (const hook of ['build', 'prepare', 'prepack', 'postpack', 'preinstall', 'install', 'postinstall']) {
      expect(scripts).not.toContain(hook);
    }
    expect(pkg.bin).toEqual({ kubeplan: 'bundle/kubeplan.cjs' });
  });

  it('npm pack prints only the tarball name; installing the tarball works offline', () => {
    const pack = npm(['pack', '--pack-destination', work], repo.dir);
    expect(pack.status).toBe(0);
    expect(pack.stdout).toBe(`kubeplan-${version}.tgz\n`);
    const prefix = path.join(work, 'from-tarball');
    const install = npm(['install', '-g', '--prefix', prefix, path.join(work, `kubeplan-${version}.tgz`)], work);
    expect(install.stderr).not.toMatch(/ERR!/);
    expect(install.status).toBe(0);
    runInstalled(prefix);
  });

  it('npm install -g git+file://… (as pre-commit 4 does) works offline with no devDependency', () => {
    const prefix = path.join(work, 'from-git');
    const install = npm(['install', '-g', '--prefix', prefix, `git+file://${repo.dir}`], work);
    expect(install.stderr).not.toMatch(/ERR!/);
    expect(install.status).toBe(0);
    runInstalled(prefix);
  });
});
