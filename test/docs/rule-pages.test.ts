/**
 * docs/rules/ is generated from the rules' and built-in checks' metadata (src/docs/rule-pages.ts); this keeps the
 * committed pages equal to what the generator writes, and checks what every page must say.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CHECKS } from '../../src/core/builtin-checks.js';
import { ruleDocPath, ruleDocUrl, rulePages, rulePageText } from '../../src/docs/rule-pages.js';
import { allRules } from '../../src/rules/registry.js';
import { existingPages } from '../../scripts/gen-rule-docs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pages = rulePages();

describe('docs/rules', () => {
  it('has exactly the generated pages, unchanged (run `npm run docs:rules` after changing rule metadata)', () => {
    expect(existingPages()).toEqual([...pages.keys()].sort());
    for (const [page, text] of pages) expect(readFileSync(path.join(root, page), 'utf8'), page).toBe(text);
  });

  it('has a page for every rule and built-in check, and an index linking each', () => {
    const ids = [...allRules.map((r) => r.id), ...BUILTIN_CHECKS.map((c) => c.id)];
    expect(ids.length).toBeGreaterThan(90);
    const index = pages.get('docs/rules/README.md')!;
    for (const id of ids) {
      expect(pages.has(ruleDocPath(id)), id).toBe(true);
      expect(index).toContain(`[${id}](${id}.md)`);
    }
    expect(ruleDocPath('schema/unknown-field')).toBe('docs/rules/schema/unknown-field.md');
    expect(ruleDocUrl('latest-tag')).toBe('https://github.com/kubeplan/kubeplan/blob/main/docs/rules/latest-tag.md');
  });

  it("shows a rule's examples, its fix, its peers and how to configure it", () => {
    const page = pages.get('docs/rules/latest-tag.md')!;
    const rule = allRules.find((r) => r.id === 'latest-tag')!;
    expect(page).toContain(`Reported:\n\n\`\`\`yaml\n${rule.examples!.bad}\`\`\``);
    expect(page).toContain(`Not reported:\n\n\`\`\`yaml\n${rule.examples!.good}\`\`\``);
    expect(page).toContain('## How to fix\n\nUse an immutable version tag');
    expect(page).toContain('| kube-score | `container-image-tag` |');
    expect(page).toContain('| Polaris | `tagNotSpecified` |');
    expect(page).toContain('  latest-tag: error   # error, warning, info or off');
    expect(page).toContain('`# kubeplan-disable-next-line latest-tag -- reason`');
    // The "Fix:" paragraph of the rationale moves to "How to fix": it is not repeated under "Why".
    expect(page.split('Use an immutable version tag').length).toBe(2);
  });

  it('lists the migrations on removed-api-version and marks fixable checks', () => {
    expect(pages.get('docs/rules/removed-api-version.md')).toContain(
      '| `batch/v1beta1` | CronJob | `batch/v1` | no field changes |',
    );
    expect(pages.get('docs/rules/schema/yaml11-scalar.md')).toContain('| Fixed by `--fix` | yes |');
    expect(pages.get('docs/rules/latest-tag.md')).toContain('| Fixed by `--fix` | no |');
    expect(pages.get('docs/rules/schema/yaml11-scalar.md')).toContain(
      '[`src/core/builtin-checks.ts`](../../../src/core/builtin-checks.ts)',
    );
  });

  it('prints a page for the terminal without the generated-file comment', () => {
    expect(rulePageText('latest-tag')).toBe(pages.get('docs/rules/latest-tag.md')!.split('\n').slice(2).join('\n'));
    expect(rulePageText('yaml/duplicate-key')!.startsWith('# yaml/duplicate-key\n')).toBe(true);
    expect(rulePageText('no-such-rule')).toBeUndefined();
  });
});
