/**
 * The GitHub Action run as the runner runs it: `node <runs.main>` from a checkout of kubeplan (here a temporary git
 * repository of this checkout with a fresh bundle), in a pull request's workspace — a git repository with a base
 * and a head commit — with INPUT_* (action.yml's defaults, as the runner passes them), GITHUB_WORKSPACE,
 * GITHUB_EVENT_PATH, GITHUB_STEP_SUMMARY and GITHUB_OUTPUT. The workflow in docs/integrations.md is what this runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULTS } from '../../src/action/inputs.js';
import { git, packageRepo, ROOT } from './package-repo.js';

interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
}
const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as ActionYml;
const DOCS = readFileSync(path.join(ROOT, 'docs/integrations.md'), 'utf8');
const workflow = /<!-- workflow:start -->\n```yaml\n([\s\S]*?)```\n<!-- workflow:end -->/.exec(DOCS)![1]!;

let pkg: { dir: string; commit: string };
let workspace: string;
let baseSha: string;
let headSha: string;

const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
  writeFileSync(path.join(workspace, file), text);
};
const deployment = (name: string, image: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 3
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: ${name}
          image: ${image}
          resources: {requests: {cpu: 100m, memory: 64Mi}, limits: {memory: 128Mi}}
${extra}`;
/** 12 Deployments with one schema error each (replicas: "x") and several warnings: more than GitHub shows. */
const manyBroken = Array.from({ length: 12 }, (_, i) =>
  deployment(`broken-${String(i).padStart(2, '0')}`, 'nginx:latest').replace('replicas: 3', 'replicas: "x"'),
).join('---\n');

/** Runs the entry; `inputs` override action.yml's defaults. */
function runAction(inputs: Record<string, string>, event = true) {
  const run = mkdtempSync(path.join(tmpdir(), 'kubeplan-action-run-'));
  const eventPath = path.join(run, 'event.json');
  writeFileSync(
    eventPath,
    JSON.stringify({
      action: 'synchronize',
      pull_request: { base: { sha: baseSha, ref: 'main' }, head: { sha: headSha } },
    }),
  );
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: headSha,
    GITHUB_EVENT_NAME: event ? 'pull_request' : 'push',
    ...(event ? { GITHUB_EVENT_PATH: eventPath } : {}),
    GITHUB_STEP_SUMMARY: path.join(run, 'summary.md'),
    GITHUB_OUTPUT: path.join(run, 'output.txt'),
  };
  // The runner passes every input, defaults included, as INPUT_<NAME>.
  for (const [name, spec] of Object.entries(action.inputs))
    env[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? spec.default ?? '';
  writeFileSync(env.GITHUB_STEP_SUMMARY!, '');
  writeFileSync(env.GITHUB_OUTPUT!, '');
  const result = spawnSync(process.execPath, [path.join(pkg.dir, action.runs.main)], {
    cwd: workspace,
    env,
    encoding: 'utf8',
  });
  const outputs = Object.fromEntries(
    readFileSync(env.GITHUB_OUTPUT!, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const summary = readFileSync(env.GITHUB_STEP_SUMMARY!, 'utf8');
  rmSync(run, { recursive: true, force: true });
  const annotations = result.stdout.split('\n').filter((l) => /^::(error|warning|notice) /.test(l));
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, outputs, summary, annotations };
}

beforeAll(() => {
  pkg = packageRepo();
  workspace = mkdtempSync(path.join(tmpdir(), 'kubeplan-action-ws-'));
  git(workspace, 'init', '-q', '-b', 'main');
  write('k8s/web.yaml', deployment('web', 'shop/web:1.0'));
  // An old problem in a file the pull request does not touch: 1 error.
  write('k8s/old.yaml', deployment('old', 'shop/old:1.0').replace('replicas: 3', 'replicas: "three"'));
  git(workspace, 'add', '-A');
  git(workspace, 'commit', '-q', '-m', 'base');
  baseSha = git(workspace, 'rev-parse', 'HEAD');
  git(workspace, 'checkout', '-q', '-b', 'feature');
  write('k8s/web.yaml', deployment('web', 'shop/web:2.0'));
  write('k8s/broken.yaml', manyBroken);
  git(workspace, 'add', '-A');
  git(workspace, 'commit', '-q', '-m', 'head');
  headSha = git(workspace, 'rev-parse', 'HEAD');
}, 60_000);

afterAll(() => {
  for (const dir of [workspace, pkg?.dir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('action.yml', () => {
  it('is a node24 action whose entry is the committed bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'bundle/action.js' });
  });

  it('declares the inputs and outputs, with the defaults the entry uses when run by hand', () => {
    expect(Object.keys(action.inputs)).toEqual(Object.keys(DEFAULTS));
    for (const [name, value] of Object.entries(DEFAULTS)) expect(action.inputs[name]!.default ?? '').toBe(value);
    expect(Object.keys(action.outputs)).toEqual(['errors', 'warnings', 'unschedulable', 'sarif-file']);
  });

  it('the documented workflow uses the action with history for the base, and uploads the SARIF file', () => {
    const steps = (parse(workflow) as { jobs: Record<string, { steps: Record<string, any>[] }> }).jobs.kubeplan!.steps;
    expect(steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(steps[1]).toMatchObject({ uses: 'kubeplan/kubeplan@v0', id: 'kubeplan' });
    for (const name of Object.keys(steps[1]!.with ?? {})) expect(Object.keys(action.inputs)).toContain(name);
    expect(steps[2]).toMatchObject({
      uses: 'github/codeql-action/upload-sarif@v3',
      with: { sarif_file: '${{ steps.kubeplan.outputs.sarif-file }}' },
    });
    expect(DOCS).toContain('security-events: write');
    // The README's short version is these same steps.
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const snippet = /- \*\*GitHub Action\*\*[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    expect(parse(snippet.replace(/^ {2}/gm, ''))).toEqual(steps);
  });
});

describe('the Action on a pull request (node bundle/action.js)', () => {
  let run: ReturnType<typeof runAction>;
  beforeAll(() => {
    // The documented workflow's inputs.
    const steps = (parse(workflow) as { jobs: Record<string, { steps: Record<string, any>[] }> }).jobs.kubeplan!.steps;
    run = runAction(steps[1]!.with as Record<string, string>);
  }, 60_000);

  it('fails the step on errors (fail-on: error) and sets the outputs', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.outputs.errors).toBe('13'); // 12 in k8s/broken.yaml, 1 in k8s/old.yaml
    expect(Number(run.outputs.warnings)).toBeGreaterThan(10);
    expect(run.outputs.unschedulable).toBe('0');
    expect(run.outputs['sarif-file']).toBe('kubeplan.sarif');
  });

  it('annotates at most what GitHub shows: 10 errors, 10 warnings, errors in changed files first', () => {
    const errors = run.annotations.filter((a) => a.startsWith('::error '));
    const warnings = run.annotations.filter((a) => a.startsWith('::warning '));
    expect(errors).toHaveLength(10);
    expect(warnings).toHaveLength(10);
    expect(run.annotations.filter((a) => a.startsWith('::notice '))).toEqual([]);
    // k8s/broken.yaml is changed, k8s/old.yaml is not: its error is the one left out.
    expect(errors.every((a) => a.includes('file=k8s/broken.yaml'))).toBe(true);
    expect(errors[0]).toMatch(
      /^::error file=k8s\/broken\.yaml,line=6,endLine=6,col=13,endColumn=16,title=kubeplan schema\/type::/,
    );
  });

  it('says exactly how many findings are not annotated, in the log and the summary', () => {
    const total =
      Number(run.outputs.errors) + Number(run.outputs.warnings) + Number(/(\d+) info/.exec(run.summary)![1]);
    const note = `${total - 20} of ${total} findings are not shown as annotations`;
    expect(run.stdout).toContain(note);
    expect(run.summary).toContain(note);
  });

  it('writes a job summary that starts with the verdict and counts, links findings, and folds the plan', () => {
    const lines = run.summary.split('\n');
    expect(lines[0]).toBe('## kubeplan check');
    expect(lines[2]).toBe('❌ **13 errors** in 2 files');
    expect(run.summary).toContain(
      '| ❌ | [schema/type](https://github.com/kubeplan/kubeplan/blob/main/docs/rules/schema/type.md) | 13 | 2 |',
    );
    expect(run.summary).toContain(
      `[k8s/broken.yaml:6](https://github.com/acme/shop/blob/${headSha}/k8s/broken.yaml#L6)`,
    );
    expect(run.summary).toMatch(/### Top 20 of \d+ findings/);
    expect(run.summary).toContain('<details><summary>Plan: ');
    expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024);
  });

  it('plans the rollout against the pull request base (web: 1.0 → 2.0)', () => {
    expect(run.summary).toMatch(/<details><summary>Changes: \d+ objects?, 1 rollout<\/summary>/);
    expect(run.summary).toContain('#### Deployment default/web: RollingUpdate');
  });

  it('writes the SARIF file to the workspace', () => {
    const sarif = JSON.parse(readFileSync(path.join(workspace, 'kubeplan.sarif'), 'utf8'));
    expect(sarif.runs[0].results.filter((r: { level: string }) => r.level === 'error')).toHaveLength(13);
  });
});

describe('the Action, other inputs', () => {
  it('only-changed: no annotation outside the files the pull request changes', () => {
    const run = runAction({ paths: 'k8s/', 'only-changed': 'true', 'sarif-file': 'false', summary: 'false' });
    expect(run.annotations.length).toBeGreaterThan(0);
    expect(run.annotations.filter((a) => a.includes('file=k8s/old.yaml'))).toEqual([]);
    expect(run.outputs['sarif-file']).toBe('');
    expect(run.summary).toBe('');
  });

  it('fail-on: never passes with errors; warning fails on warnings alone', () => {
    expect(runAction({ paths: 'k8s/', 'fail-on': 'never' }).status).toBe(0);
    expect(runAction({ paths: 'k8s/web.yaml', 'fail-on': 'error' }).status).toBe(0);
    expect(runAction({ paths: 'k8s/web.yaml', 'fail-on': 'warning' }).status).toBe(1);
  });

  it('a bad input is one error annotation and exit 2, not a stack trace', () => {
    const run = runAction({ command: 'deploy' });
    expect(run.status).toBe(2);
    expect(run.annotations).toEqual([
      '::error title=kubeplan::input command must be one of check, lint, plan (got "deploy")',
    ]);
  });

  it('lint: outputs without a plan; outside a pull request no rollout and nothing fails for the missing base', () => {
    const run = runAction({ paths: 'k8s/web.yaml', command: 'lint' }, false);
    expect(run.status).toBe(0);
    expect(run.outputs.unschedulable).toBe('0');
    expect(run.summary).not.toContain('Plan:');
    expect(run.summary.split('\n')[2]).toBe('✅ **No errors**');
  });
});

/**
 * What the runner does with the log: workflow commands are lines starting with `::`, and v1 commands `##[…]` anywhere
 * in a line; after `::stop-commands::<token>` nothing is a command until `::<token>::`.
 */
function commandsSeenByRunner(stdout: string): string[] {
  const seen: string[] = [];
  let stopToken: string | undefined;
  for (const line of stdout.split('\n')) {
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) stopToken = stop[1];
    else if (line.startsWith('::') || line.includes('##[')) seen.push(line);
  }
  return seen;
}

describe('the Action, hostile pull request content (issue 16 items 12, 13)', () => {
  const FORGED = 'title=Forged::forged by the pull request';
  beforeAll(() => {
    // Each vector reaches the text report: a file name, a namespace (quoted in its finding), a code-frame source line.
    write(`forged/::error ${FORGED}.yaml`, deployment('by-name', 'nginx:1.27').replace('replicas: 3', 'replicas: "x"'));
    write(
      'forged/namespace.yaml',
      deployment('by-namespace', 'nginx:1.27').replace(
        '  name: by-namespace',
        `  name: by-namespace\n  namespace: "::error ${FORGED}"`,
      ),
    );
    write(
      'forged/frame.yaml',
      deployment('by-frame', 'nginx:1.27').replace(
        'replicas: 3',
        `replicas: "x" # ::warning ${FORGED} ##[error]v1 ${FORGED}`,
      ),
    );
  });

  it('the report is in the log, but nothing from the pull request is a workflow command', () => {
    const run = runAction({ paths: 'forged/', command: 'lint', 'sarif-file': 'false', summary: 'false' }, false);
    expect(run.status).toBe(1);
    // The report names all three vectors (so they were in the log)…
    expect(run.stdout).toContain(`forged/::error ${FORGED}.yaml`);
    expect(run.stdout).toContain(`::error ${FORGED}`);
    expect(run.stdout).toContain(`# ::warning ${FORGED} ##[error]v1`);
    // …and what the runner reads as commands is kubeplan's own: annotations with escaped data, group markers.
    const commands = commandsSeenByRunner(run.stdout);
    expect(commands.filter((c) => !/^::(group::|endgroup::$|(error|warning) file=)/.test(c))).toEqual([]);
    // Annotations' properties are kubeplan's (the file name's `::` and `,` escaped inside its value).
    for (const c of commands.filter((c) => /^::(error|warning) /.test(c))) {
      const props = /^::\w+ ([^:]*)::/.exec(c)![1]!.split(',');
      expect(props.map((p) => p.slice(0, p.indexOf('=')))).toEqual(
        expect.arrayContaining(['file', 'line', 'endLine', 'title']),
      );
      expect(props.every((p) => /^(file|line|endLine|col|endColumn|title)=/.test(p))).toBe(true);
      expect(props.find((p) => p.startsWith('title='))).toMatch(/^title=kubeplan /);
    }
    expect(commands.filter((c) => c.includes('##['))).toEqual([]);
    // A token the pull request cannot know: a new one each run.
    const token = (out: string) => /^::stop-commands::(.+)$/m.exec(out)![1];
    const again = runAction({ paths: 'forged/', command: 'lint', 'sarif-file': 'false', summary: 'false' }, false);
    expect(token(again.stdout)).toMatch(/^[0-9a-f]{32}$/);
    expect(token(again.stdout)).not.toBe(token(run.stdout));
  });

  it('paths are data: a path that looks like a flag is a path, and paths outside the workspace are refused', () => {
    // Word-split by a shell, `k8s/web.yaml --cluster /etc/passwd` would read /etc/passwd as the cluster.
    const flag = runAction({ paths: 'k8s/web.yaml\n--cluster /etc/passwd', command: 'lint', summary: 'false' }, false);
    expect(flag.stdout).toContain('--cluster /etc/passwd');
    expect(flag.stdout).toMatch(/no such file or directory: --cluster \/etc\/passwd/);
    expect(flag.status).toBe(1);
    for (const [inputs, shown] of [
      [{ paths: '/etc/passwd' }, 'input paths: "/etc/passwd"'],
      [{ paths: 'k8s/\n../../*' }, 'input paths: "../../*"'],
      [{ paths: '/*' }, 'input paths: "/*"'],
      [{ cluster: '../nodes.yaml' }, 'input cluster: "../nodes.yaml"'],
      [{ 'sarif-file': '/tmp/x.sarif' }, 'input sarif-file: "/tmp/x.sarif"'],
    ] as const) {
      const run = runAction({ command: 'lint', summary: 'false', ...inputs }, false);
      expect(run.status).toBe(2);
      expect(run.annotations).toEqual([
        `::error title=kubeplan::${shown} is outside the workspace; only paths inside it are read or written`,
      ]);
    }
  });
});
