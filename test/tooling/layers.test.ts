/** The layering written down in eslint.config.js: an import from a higher layer is an error, a lower one is fine. */
import { readdirSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../eslint.config.js';

const eslint = new ESLint();

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'import-x/no-restricted-paths').map((m) => m.message);
}

describe('eslint.config.js layers', () => {
  it('rejects the planner importing a renderer (rules/plan below output)', async () => {
    const errors = await layerErrors(
      'src/plan/layer-probe.ts',
      "import { renderText } from '../output/text.js';\nexport const r = renderText;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('layer "rules/plan" may not import from the higher layer "output"');
  });

  it('rejects core importing Kubernetes primitives, and rules importing the planner (siblings)', async () => {
    expect(
      await layerErrors(
        'src/core/layer-probe.ts',
        "import { dns1123Label } from '../k8s/names.js';\nexport const f = dns1123Label;\n",
      ),
    ).toHaveLength(1);
    const sibling = await layerErrors(
      'src/rules/layer-probe.ts',
      "import { plan } from '../plan/index.js';\nexport const p = plan;\n",
    );
    expect(sibling).toEqual([
      expect.stringContaining('does not import from the other parts of its layer "rules/plan"'),
    ]);
  });

  it('accepts imports downward, and the package barrel src/api/index.ts re-exporting renderers', async () => {
    expect(
      await layerErrors(
        'src/plan/layer-probe.ts',
        "import { escapeControl } from '../core/escape.js';\nexport const e = escapeControl;\n",
      ),
    ).toEqual([]);
    expect(await layerErrors('src/api/index.ts', "export { RENDERERS } from '../output/index.js';\n")).toEqual([]);
    // …but any other file of the api layer may not.
    expect(
      await layerErrors('src/api/layer-probe.ts', "export { RENDERERS } from '../output/index.js';\n"),
    ).toHaveLength(1);
  });

  it('places every directory and top-level module of src/ in a layer', () => {
    const placed = new Set((LAYERS as { paths: string[] }[]).flatMap((layer) => layer.paths));
    const entries = readdirSync('src', { withFileTypes: true })
      .filter((e) => e.isDirectory() || e.name.endsWith('.ts'))
      .map((e) => `src/${e.name}`);
    expect(entries.filter((e) => !placed.has(e))).toEqual([]);
  });
});
