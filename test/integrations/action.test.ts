import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FORMATS } from '../../src/cli/args.js';

const action = parse(readFileSync('action.yml', 'utf8')) as {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: { run?: string; env?: Record<string, string>; if?: string }[] };
};
const text = readFileSync('action.yml', 'utf8');

describe('the GitHub Action (action.yml)', () => {
  it('is a composite action whose expressions only name declared inputs', () => {
    expect(action.runs.using).toBe('composite');
    const used = [...text.matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1]!);
    expect(used.filter((name) => !(name in action.inputs))).toEqual([]);
  });

  it('never interpolates inputs into scripts (they pass through env, so a PR cannot inject shell)', () => {
    expect(action.runs.steps.filter((step) => step.run !== undefined).length).toBeGreaterThan(0);
    for (const step of action.runs.steps) expect(step.run ?? '').not.toMatch(/\$\{\{/);
  });

  it('runs the bundled CLI, with formats the CLI has', () => {
    expect(existsSync('scripts/bundle.mjs')).toBe(true);
    expect(text).toContain('$GITHUB_ACTION_PATH/bundle/kubeplan.js');
    const formats = [...text.matchAll(/--format (\w+)/g)].map((m) => m[1]);
    expect(formats.length).toBeGreaterThan(0);
    for (const f of formats) expect(FORMATS).toContain(f);
  });
});
