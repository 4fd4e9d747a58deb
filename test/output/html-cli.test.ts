/** `--format html` through the CLI: plan and check, to stdout and to --output, with and without a rollout. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { attr, byClass, parseHtml } from './html-dom.js';

const ROOT = path.resolve(__dirname, '../..');

describe('kubeplan plan|check --format html', () => {
  it('plan writes the page to --output: 3 node cards, 6 pods, no rollout section', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'kubeplan-html-cli-')), 'plan.html');
    const r = await runCli(['plan', 'examples/shop', '--format', 'html', '--output', out], { cwd: ROOT });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('');
    const dom = parseHtml(readFileSync(out, 'utf8'));
    expect(dom.errors).toEqual([]);
    expect(byClass(dom, 'article', 'node')).toHaveLength(3);
    expect(byClass(dom, 'span', 'pod')).toHaveLength(6); // web 3, api 2, db 1
    expect(dom.elements.some((e) => attr(e, 'id') === 'rollouts')).toBe(false);
  });

  it('check --from prints the page with the rollout of the changed Deployment', async () => {
    const old = mkdtempSync(path.join(tmpdir(), 'kubeplan-html-old-'));
    cpSync(path.join(ROOT, 'examples/shop'), old, { recursive: true });
    const web = path.join(old, 'web.yaml');
    writeFileSync(web, readFileSync(web, 'utf8').replace('shop-web:1.8.2', 'shop-web:1.8.1'));
    const r = await runCli(['check', 'examples/shop', '--from', old, '--format', 'html'], { cwd: ROOT });
    expect(r.code).toBe(0);
    const dom = parseHtml(r.stdout);
    expect(dom.errors).toEqual([]);
    expect(byClass(dom, 'article', 'rollout').map((a) => attr(a, 'data-rollout'))).toEqual(['Deployment/shop/web']);
  });
});
