/**
 * Issue 16 item 15: output built from pull-request content cannot forge lines, close a Markdown fence, or reach the
 * terminal as an escape sequence — file names in the --from/--base diff header, values in the job summary, and
 * arguments quoted on stderr.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HANG_GUARD, runCli, tree } from './helpers.js';

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "${image}"}]
`;
const FORGED = '::error title=Forged::forged';

describe('item 15: escaping per output format, on every field', () => {
  it(
    'a file name with a newline does not forge a line of the --from diff header',
    { timeout: HANG_GUARD },
    async () => {
      const name = `web\n${FORGED}.yaml`;
      const dir = tree({ [`old/${name}`]: deployment('nginx:1.26'), [`new/${name}`]: deployment('nginx:1.27') });
      const run = await runCli(['plan', 'new', '--from', 'old'], { cwd: dir });
      expect(run.stdout).toContain('+++ ');
      expect(run.stdout).toContain(`web\\u000a${FORGED}.yaml`);
      expect(run.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([]);
    },
  );

  it('--base with an escape sequence: stderr shows it escaped, never raw', { timeout: HANG_GUARD }, async () => {
    const dir = tree({ 'k8s/web.yaml': deployment('nginx:1.27') });
    execFileSync('git', ['init', '-q', dir]);
    const run = await runCli(['check', 'k8s', '--base', '\u001b]0;x\u0007'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\\u001b\]0;x\\u0007/);
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it('backticks and workflow commands in names and values stay text in the Markdown summary', async () => {
    const dir = tree({ '```\n## Forged.yaml': deployment('```\\n<img src=x>\\n::error::x') });
    const run = await runCli(['check', '--format', 'markdown', '.'], { cwd: dir });
    expect(run.stdout).toContain('Forged');
    // No fence, heading or HTML opened by the pull request's text: every backtick run and `<` arrives escaped.
    for (const line of run.stdout.split('\n')) {
      expect(line).not.toMatch(/(^|[^\\])```/);
      expect(line).not.toMatch(/^#+ Forged/);
      expect(line).not.toContain('<img');
    }
  });
});
