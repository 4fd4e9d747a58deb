/**
 * Every `--format json` shape has a published JSON Schema (schemas/output/, shipped in the package); real CLI output
 * must validate against it, and the schemas are strict enough to reject an undocumented or misnamed key.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';

const schema = (name: string) => JSON.parse(readFileSync(`schemas/output/${name}.schema.json`, 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validators = {
  lint: ajv.compile(schema('lint')),
  plan: ajv.compile(schema('plan')),
  rules: ajv.compile(schema('rules')),
};

function expectValid(which: keyof typeof validators, json: unknown): void {
  const validate = validators[which];
  expect(validate(json), ajv.errorsText(validate.errors)).toBe(true);
}

/** The examples, plus an old copy with another image and a CronJob, so changes, rollouts and cronJobs are not empty. */
function scenario(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-json-'));
  cpSync('examples', path.join(dir, 'new'), { recursive: true });
  cpSync('examples', path.join(dir, 'old'), { recursive: true });
  writeFileSync(
    path.join(dir, 'new', 'cron.yaml'),
    'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: backup}\nspec:\n  schedule: "30 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - {name: b, image: "busybox:1.36"}\n',
  );
  writeFileSync(
    path.join(dir, 'bad.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: 1, a: 2}\n',
  );
  return dir;
}

describe('JSON output validates against schemas/output/*.schema.json', () => {
  const dir = scenario();

  it('lint: clean and with findings (with and without an object)', async () => {
    const clean = JSON.parse((await runCli(['lint', 'examples/', '--format', 'json'])).stdout);
    expectValid('lint', clean);
    const bad = JSON.parse(
      (await runCli(['lint', 'bad.yaml', 'missing.yaml', '--format', 'json'], { cwd: dir })).stdout,
    );
    expect(bad.findings.length).toBeGreaterThan(1);
    expectValid('lint', bad);
  });

  it('plan and check, with --explain and with --from (changes and rollouts)', async () => {
    const planned = JSON.parse((await runCli(['plan', 'new', '--format', 'json'], { cwd: dir })).stdout);
    expect(planned.cronJobs.length).toBe(1);
    expectValid('plan', planned);
    const pod = planned.pods[0].name;
    const explained = JSON.parse(
      (await runCli(['plan', 'new', '--explain', pod, '--format', 'json'], { cwd: dir })).stdout,
    );
    expect(explained.explain.found).toBe(true);
    expectValid('plan', explained);
    const checked = JSON.parse(
      (await runCli(['check', 'new', 'bad.yaml', '--from', 'old', '--format', 'json'], { cwd: dir })).stdout,
    );
    expect(checked.changes.length).toBeGreaterThan(0);
    expectValid('plan', checked);
  });

  it('plan with what-if answers (--drain, --fail-zone, --headroom)', async () => {
    const planned = JSON.parse(
      (
        await runCli(
          [
            'plan',
            'new',
            '--drain',
            'worker-1',
            '--fail-zone',
            'zone-b',
            '--headroom',
            'shop/deploy/web',
            '--format',
            'json',
          ],
          { cwd: dir },
        )
      ).stdout,
    );
    expect(planned.whatIf.drains[0].node).toBe('worker-1');
    expect(planned.whatIf.failedZones[0].nodes).toEqual(['worker-2']);
    expect(typeof planned.whatIf.headroom.fits).toBe('number');
    expectValid('plan', planned);
  });

  it('rules', async () => {
    expectValid('rules', JSON.parse((await runCli(['rules', '--format', 'json'])).stdout));
  });

  it('names the two summaries apart: findingsSummary counts findings, podsSummary counts pods', async () => {
    const lint = JSON.parse((await runCli(['lint', 'bad.yaml', '--format', 'json'], { cwd: dir })).stdout);
    const plan = JSON.parse((await runCli(['plan', 'new', '--format', 'json'], { cwd: dir })).stdout);
    expect(Object.keys(lint)).toEqual(['findings', 'findingsSummary']);
    expect(plan).not.toHaveProperty('summary');
    expect(Object.keys(plan.podsSummary)).toEqual(['pods', 'scheduled', 'unschedulable']);
    // The schemas are strict: the old shared name, or a key nobody documented, is rejected.
    expect(validators.lint({ findings: [], summary: lint.findingsSummary })).toBe(false);
    expect(validators.plan({ ...plan, summary: plan.podsSummary })).toBe(false);
    expect(validators.lint({ ...lint, findings: [{ ...lint.findings[0], severity: 'fatal' }] })).toBe(false);
  });
});
