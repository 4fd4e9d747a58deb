/**
 * The shared real-world corpus (../shared/corpus, see its README): ~970 manifests nobody here wrote.
 * Every unit is linted (and planned/checked through the CLI once those commands exist) without a crash, and kubeplan
 * agrees with kubeconform's own expectations for its fixtures. Skipped when the corpus is absent.
 * `npm run corpus` prints the full tables; test/corpus-notes.md explains the findings on the docs examples.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain-node script without type declarations
import { analyzeCorpus, checkKubeconform, corpusRoot, unitsOf } from '../scripts/corpus.mjs';
import { run } from '../src/cli/main.js';
import { lint } from '../src/lint.js';

const root: string = corpusRoot();
const present = existsSync(root);

interface Row {
  name: string;
  files: number;
  objects: number;
  crashes: Array<{ unit: string; command: string; message: string }>;
  byRule: Map<string, number>;
}

describe.skipIf(!present)('the real-world corpus', () => {
  it('every folder is read and no unit crashes lint, plan or check', { timeout: 150_000 }, async () => {
    const report = (await analyzeCorpus({ lint, run }, root)) as { folders: Row[] };
    const crashes = report.folders.flatMap((f) => f.crashes.map((c) => `${c.command} ${c.unit}: ${c.message}`));
    expect(crashes).toEqual([]);
    const files = report.folders.reduce((n, f) => n + f.files, 0);
    const objects = report.folders.reduce((n, f) => n + f.objects, 0);
    expect(files).toBeGreaterThan(900);
    expect(objects).toBeGreaterThan(1400);
    // nothing in the corpus is deep, huge or an alias bomb: no limit may fire on real manifests
    for (const f of report.folders) {
      for (const limit of ['input/too-deep', 'input/too-large', 'input/too-many-documents', 'input/alias-limit', 'input/parse']) {
        expect(f.byRule.get(limit) ?? 0, `${f.name}: ${limit}`).toBe(0);
      }
    }
  });

  it("agrees with kubeconform's expectations for its fixtures (EXPECTED.md)", { timeout: 60_000 }, () => {
    const rows = checkKubeconform({ lint, run }, root) as Array<{ files: string[]; kubeconform: string; ok: boolean; reason?: string }>;
    expect(rows.length).toBeGreaterThanOrEqual(37);
    expect(rows.filter((r) => !r.ok).map((r) => `${r.files.join(' + ')}: ${r.kubeconform} — ${r.reason}`)).toEqual([]);
  });

  it('units: fixture folders file by file, applications folder by folder', () => {
    const demo = unitsOf(root, 'microservices-demo') as Array<{ name: string; files: string[] }>;
    expect(demo.find((u) => u.name === 'microservices-demo/kubernetes-manifests/')!.files.length).toBeGreaterThanOrEqual(12);
    const docs = unitsOf(root, 'k8s-website-examples') as Array<{ files: string[] }>;
    expect(docs.every((u) => u.files.length === 1)).toBe(true);
  });
});
