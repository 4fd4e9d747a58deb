#!/usr/bin/env node
/**
 * Lint throughput on many real documents (issue 14 §2), one case per process so peak RSS is the case's own:
 *
 *   node bench/throughput.js replicate SRC DEST N   copy the folder SRC N times into DEST/c1 … DEST/cN
 *   node bench/throughput.js parse DIR               a bare `yaml` parseAllDocuments of every YAML/JSON file
 *   node bench/throughput.js lint DIR JOBS           lintParallel(DIR, {jobs: JOBS}) (the CLI's lint)
 *
 * parse and lint print one JSON line: ms, documents or objects, peak RSS in MiB.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(HERE, '../dist/src');
const [mode, dir, arg, extra] = process.argv.slice(2);
const peakMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

if (mode === 'replicate') {
  for (let i = 1; i <= Number(extra); i++) {
    mkdirSync(path.join(arg, `c${i}`), { recursive: true });
    cpSync(dir, path.join(arg, `c${i}`), { recursive: true });
  }
} else if (mode === 'parse') {
  const { parseAllDocuments } = await import('yaml');
  const files = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
  const t0 = performance.now();
  let documents = 0;
  for (const file of files) {
    const docs = parseAllDocuments(readFileSync(path.join(dir, file), 'utf8'), { version: '1.1', merge: true });
    documents += Array.isArray(docs) ? docs.length : 0;
  }
  console.log(
    JSON.stringify({ ms: Math.round(performance.now() - t0), files: files.length, documents, peakMiB: peakMiB() }),
  );
} else if (mode === 'lint') {
  const api = await import(pathToFileURL(path.join(DIST, 'index.js')).href);
  const t0 = performance.now();
  const result = await api.lintParallel(['.'], { cwd: dir, jobs: Number(arg) });
  console.log(
    JSON.stringify({
      ms: Math.round(performance.now() - t0),
      files: result.files.length,
      objects: result.manifests.length,
      findings: result.findings.length,
      peakMiB: peakMiB(),
    }),
  );
} else {
  process.stderr.write('usage: throughput.js replicate SRC DEST N | parse DIR | lint DIR JOBS\n');
  process.exit(2);
}
