/**
 * Issue 16, reads outside the repository and unbounded work from paths (items 5, 6, 8, 9 and the non-UTF-8 file
 * name). Each reproduction runs the built CLI in a child process within the default bounds (1 GB heap, killed at 10 s):
 * before the fixes these hung (/dev/zero, a FIFO), grew to 8 GB, echoed /etc/passwd, or ran for minutes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandInputs } from '../../src/load/inputs.js';
import { runBounded, type BoundedRun } from './child.js';
import { tree } from './helpers.js';

/** The guard of each case: the child's own kill guard plus tsx's start-up on a loaded machine. */
const CASE_GUARD = 30_000;

const widget = (kind: string) => `apiVersion: example.com/v1\nkind: ${kind}\nmetadata:\n  name: w\nspec: {}\n`;
const brokenDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "two"
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: nginx:1.27}]
`;

function gitInit(dir: string) {
  execFileSync('git', ['init', '-q', dir], { stdio: 'pipe' });
}
function mkfifo(file: string) {
  execFileSync('mkfifo', [file]);
}
/** The run ended by itself (no kill, no abort) within the bounds. */
function finished(run: BoundedRun): BoundedRun {
  expect(run.signal, `killed or aborted: ${run.stderr.slice(0, 500)}`).toBeNull();
  expect(run.stderr).not.toMatch(/heap out of memory|internal error/);
  return run;
}
const json = (run: BoundedRun) =>
  (JSON.parse(run.stdout) as { findings: { ruleId: string; file: string; message: string; severity: string }[] })
    .findings;

describe('item 5: symlinks, special files and sizes outside the repository', () => {
  it(
    'schemaDirs of a committed config: schema files linked to /dev/zero or /etc/passwd, or a FIFO, are not read',
    { timeout: CASE_GUARD },
    () => {
      const repo = tree({
        '.kubeplan.yaml': 'schemaDirs: [schemas]\n',
        'k8s/widget.yaml': widget('Widget'),
        'k8s/gadget.yaml': widget('Gadget'),
        'k8s/gizmo.yaml': widget('Gizmo'),
        'schemas/README': 'schemas\n',
      });
      gitInit(repo);
      symlinkSync('/dev/zero', path.join(repo, 'schemas/widget-example-v1.json'));
      symlinkSync('/etc/passwd', path.join(repo, 'schemas/gizmo-example-v1.json'));
      mkfifo(path.join(repo, 'schemas/gadget-example-v1.json'));
      const run = finished(runBounded(['lint', '--format', 'json', 'k8s'], { cwd: repo }));
      const about = (file: string) =>
        json(run)
          .filter((f) => f.file === file && /schema/.test(f.ruleId))
          .map((f) => f.message)
          .join('\n');
      expect(about('k8s/widget.yaml')).toMatch(
        /widget-example-v1\.json: symbolic link leads outside .*\(not followed\)/,
      );
      expect(about('k8s/gizmo.yaml')).toMatch(/gizmo-example-v1\.json: symbolic link leads outside .*\(not followed\)/);
      expect(about('k8s/gadget.yaml')).toMatch(/gadget-example-v1\.json: not a regular file/);
      expect(run.stdout).not.toContain('root:');
    },
  );

  it(
    'schemaDirs leading outside the repository (a path or a symlink) make the config invalid: exit 2, not applied',
    { timeout: CASE_GUARD },
    () => {
      for (const schemaDirs of ['[/etc]', '[../../../../../../../../etc]', '[linked]']) {
        const repo = tree({ '.kubeplan.yaml': `schemaDirs: ${schemaDirs}\n`, 'k8s/widget.yaml': widget('Widget') });
        gitInit(repo);
        symlinkSync('/etc', path.join(repo, 'linked'));
        const run = finished(runBounded(['lint', 'k8s'], { cwd: repo }));
        expect(run.code).toBe(2);
        expect(run.stderr).toContain('config file .kubeplan.yaml is invalid and was not applied');
        expect(run.stderr).toMatch(/schemaDirs\[0\] leads outside the repository/);
        expect(run.stdout).toBe('');
      }
    },
  );

  it(
    'a .kubeplan.yaml linked to /dev/zero or /etc/passwd, or a FIFO, is not read: exit 2 naming why',
    { timeout: CASE_GUARD },
    () => {
      const cases: Array<[string, (file: string) => void, RegExp]> = [
        ['/dev/zero', (f) => symlinkSync('/dev/zero', f), /symbolic link leads outside the repository/],
        ['/etc/passwd', (f) => symlinkSync('/etc/passwd', f), /symbolic link leads outside the repository/],
        ['a FIFO', mkfifo, /not a regular file/],
      ];
      for (const [, make, why] of cases) {
        const repo = tree({ 'k8s/web.yaml': brokenDeployment });
        gitInit(repo);
        make(path.join(repo, '.kubeplan.yaml'));
        const run = finished(runBounded(['lint', 'k8s'], { cwd: repo }));
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(why);
        expect(run.stderr).not.toContain('root:');
      }
    },
  );

  it(
    'input folders, glob bases and named files linked out of the working directory are reported, not followed',
    { timeout: CASE_GUARD },
    () => {
      const repo = tree({ 'k8s/web.yaml': brokenDeployment });
      gitInit(repo);
      symlinkSync('/', path.join(repo, 'root'));
      symlinkSync('/etc', path.join(repo, 'etc'));
      symlinkSync('/etc/passwd', path.join(repo, 'passwd.yaml'));
      mkfifo(path.join(repo, 'fifo.yaml'));
      const run = finished(
        runBounded(['lint', '--format', 'json', 'root', 'etc/*.yaml', 'passwd.yaml', 'fifo.yaml', 'k8s'], {
          cwd: repo,
        }),
      );
      const findings = json(run).filter((f) => f.ruleId.startsWith('input/'));
      expect(findings.map((f) => [f.file, f.ruleId, f.severity])).toEqual(
        expect.arrayContaining([
          ['root', 'input/symlink-outside', 'warning'],
          ['etc', 'input/symlink-outside', 'warning'],
          ['passwd.yaml', 'input/symlink-outside', 'warning'],
          ['fifo.yaml', 'input/unreadable', 'error'],
        ]),
      );
      expect(findings.find((f) => f.file === 'fifo.yaml')!.message).toMatch(/not a regular file/);
      // The real manifest beside them is still checked.
      expect(json(run).some((f) => f.file === 'k8s/web.yaml' && f.ruleId === 'schema/type')).toBe(true);
      expect(run.stdout).not.toContain('root:x');
    },
  );
});

describe('item 6: the config search stops at the repository root, and the report names the config used', () => {
  it('a .kubeplan.yaml above the repository (exclude: ["**"]) does not apply', { timeout: CASE_GUARD }, () => {
    const parent = tree({ '.kubeplan.yaml': 'exclude: ["**"]\n', 'repo/k8s/web.yaml': brokenDeployment });
    gitInit(path.join(parent, 'repo'));
    const run = finished(runBounded(['lint', 'k8s'], { cwd: path.join(parent, 'repo') }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('k8s/web.yaml:6:13 error');
    expect(run.stdout).not.toMatch(/^config: /);
  });

  it(
    'the config inside the repository applies, and is the first line of the text report',
    { timeout: CASE_GUARD },
    () => {
      const repo = tree({ '.kubeplan.yaml': 'rules:\n  schema/type: off\n', 'k8s/web.yaml': brokenDeployment });
      gitInit(repo);
      const fromRoot = finished(runBounded(['lint', 'k8s'], { cwd: repo }));
      expect(fromRoot.stdout.split('\n')[0]).toBe('config: .kubeplan.yaml');
      expect(fromRoot.stdout).not.toContain('schema/type');
      const fromBelow = finished(runBounded(['lint', '.'], { cwd: path.join(repo, 'k8s') }));
      expect(fromBelow.stdout.split('\n')[0]).toBe(`config: ${path.join(repo, '.kubeplan.yaml')}`);
    },
  );
});

describe('item 8: one glob gate for every path, --base included', () => {
  it('a brace-heavy glob with --base is refused as input/bad-glob, as without it', { timeout: CASE_GUARD }, () => {
    const repo = tree({ 'k8s/web.yaml': brokenDeployment.replace('"two"', '2') });
    gitInit(repo);
    execFileSync('git', ['add', '-A'], { cwd: repo });
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-qm', 'base'], { cwd: repo });
    const glob = `k8s/${'{a,b}'.repeat(16)}*.yaml`;
    const run = finished(runBounded(['check', '--format', 'json', 'k8s', glob, '--base', 'HEAD'], { cwd: repo }));
    const refused = json(run).filter((f) => f.ruleId === 'input/bad-glob');
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0]!.message).toMatch(/braces expand to more than 256 patterns/);
  });
});

describe('item 9: an invalid config is not applied; globs are bounded in total', () => {
  it('2,000 exclude patterns: exit 2 at once, nothing matched against them', { timeout: CASE_GUARD }, () => {
    const patterns = Array.from({ length: 2000 }, (_, i) => `"**/x${i}/{a,b}{c,d}/**/*.yaml"`).join(', ');
    const repo = tree({ '.kubeplan.yaml': `exclude: [${patterns}]\n`, 'k8s/web.yaml': brokenDeployment });
    gitInit(repo);
    const run = finished(runBounded(['lint', 'k8s'], { cwd: repo }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('config file .kubeplan.yaml is invalid and was not applied');
    expect(run.stderr).toMatch(/exclude must NOT have more than 256 items/);
  });

  it(
    '256 patterns within each limit but 4,096 alternatives together: over the total, exit 2',
    { timeout: CASE_GUARD },
    () => {
      const patterns = Array.from({ length: 256 }, (_, i) => `"**/${'x'.repeat(900)}${i}/{a,b}{c,d}/*.yaml"`);
      const repo = tree({ '.kubeplan.yaml': `include: [${patterns.join(', ')}]\n`, 'k8s/web.yaml': brokenDeployment });
      gitInit(repo);
      const run = finished(runBounded(['lint', 'k8s'], { cwd: repo }));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/include and exclude together are over 64 KiB or 1024 patterns after brace expansion/);
    },
  );

  it(
    'a config with one unknown key applies nothing (its valid exclude included): exit 2',
    { timeout: CASE_GUARD },
    () => {
      const repo = tree({ '.kubeplan.yaml': 'exclude: ["**"]\nexlude: [x]\n', 'k8s/web.yaml': brokenDeployment });
      gitInit(repo);
      const run = finished(runBounded(['lint', 'k8s'], { cwd: repo }));
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        '.kubeplan.yaml:2:1 unknown key "exlude" (did you mean "exclude"?) (config/invalid)',
      );
    },
  );
});

describe('a file name that is not UTF-8', () => {
  const bad = Buffer.concat([Buffer.from('bad'), Buffer.from([0xff, 0xfe]), Buffer.from('.yaml')]);

  it('found by a walk: reported with its bytes escaped, never "no such file"', { timeout: CASE_GUARD }, () => {
    const dir = tree({ 'k8s/web.yaml': brokenDeployment });
    writeFileSync(Buffer.concat([Buffer.from(path.join(dir, 'k8s') + '/'), bad]), brokenDeployment);
    const run = finished(runBounded(['lint', '--format', 'json', 'k8s'], { cwd: dir }));
    const unreadable = json(run).filter((f) => f.ruleId === 'input/unreadable');
    expect(unreadable.map((f) => [f.file, f.severity])).toEqual([['k8s/bad\\xff\\xfe.yaml', 'error']]);
    expect(unreadable[0]!.message).toContain('file name is not valid UTF-8');
    expect(run.stdout).not.toContain('ENOENT');
  });

  it('named on the command line (Node decodes it with U+FFFD): the same finding', () => {
    const dir = tree({});
    mkdirSync(path.join(dir, 'k8s'));
    writeFileSync(Buffer.concat([Buffer.from(path.join(dir, 'k8s') + '/'), bad]), brokenDeployment);
    const expanded = expandInputs([`k8s/${bad.toString('utf8')}`], { cwd: dir });
    expect(expanded.findings.map((f) => [f.file, f.ruleId])).toEqual([['k8s/bad\\xff\\xfe.yaml', 'input/unreadable']]);
  });
});
