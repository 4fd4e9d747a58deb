#!/usr/bin/env node
/**
 * Builds the committed, self-contained JavaScript in bundle/ (`npm run bundle`), so that kubeplan installs and runs
 * without a build step and without any dependency: from git, from a tarball, as pre-commit installs it, and as the
 * GitHub Action (which cannot run `npm install`).
 *
 *   bundle/kubeplan.cjs  the CLI's entry (`kubeplan …`, including `kubeplan lsp`): a small launcher that runs
 *                        kubeplan-cli.cjs with its compiled code cached between runs (src/cli/launcher.ts).
 *                        CommonJS: Node starts a CommonJS main without its ES module loader (~5 ms less).
 *   bundle/kubeplan-cli.cjs  the CLI itself, CommonJS so that V8's code cache can hold it (src/cli/code-cache.ts);
 *                        pure ASCII (non-ASCII characters escaped) so the launcher reads it as one-byte text
 *   bundle/load-worker.cjs  a `--jobs` worker thread: reads and parses files (src/load/parallel.ts)
 *   bundle/index.js      the library (package `main`)
 *   bundle/action.js     the GitHub Action entry (when src/action/main.ts exists)
 *   bundle/schemas/…     the precompiled validators (schemas/**.cjs) with their two ajv runtime helpers inlined:
 *                        still one chunk per API group, loaded lazily by kind (packageFile finds bundle/schemas
 *                        before schemas/ because it searches upwards from the bundle). The JSON schema documents
 *                        stay in schemas/ (read as data, never bundled).
 *   bundle/LICENSES.txt  the licences of the bundled packages
 *
 * Deterministic: same sources and lockfile → the same bytes (test/integrations/bundle.test.ts rebuilds into a temp
 * folder and compares). Usage: node scripts/bundle.mjs [--outdir DIR]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argIndex = process.argv.indexOf('--outdir');
const OUT = argIndex > 0 ? path.resolve(process.argv[argIndex + 1]) : path.join(ROOT, 'bundle');

const ENTRIES = [
  { src: 'src/index.ts', out: 'index.js' },
  { src: 'src/action/main.ts', out: 'action.js' },
].filter((entry) => existsSync(path.join(ROOT, entry.src)));

// ESM output has no `require`; bundled CommonJS (ajv) and lazy require() of node: modules need one.
const REQUIRE_SHIM =
  "import { createRequire as __kubeplanCreateRequire } from 'node:module';\n" +
  'const require = __kubeplanCreateRequire(import.meta.url);';

/**
 * Modules that load a dependency lazily through `createRequire(import.meta.url)` (ajv costs ~35 ms, so it is loaded
 * only when a CRD schema is compiled) hide it from the bundler. Where every require() in the file names a package
 * by a string literal, the local `require` is dropped so esbuild bundles the package — still lazily: bundled
 * CommonJS modules run on their first require().
 */
const lazyRequires = {
  name: 'bundle-lazy-requires',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const local = 'const require = createRequire(import.meta.url);';
      if (!text.includes(local)) return undefined;
      const calls = [...text.matchAll(/\brequire\(([^)]*)\)/g)].map((m) => m[1].trim());
      if (!calls.every((arg) => /^'[^']+'$/.test(arg))) return undefined;
      return { contents: text.replace(local, ''), loader: 'ts' };
    });
  },
};

const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none', // the licences are collected in LICENSES.txt
  charset: 'utf8',
  metafile: true,
};

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const inputs = new Set();

// The precompiled validators: CommonJS files required by path at run time; each gets its ajv helpers inlined.
const validatorFiles = readdirSync(path.join(ROOT, 'schemas'), { recursive: true })
  .map((file) => path.join('schemas', String(file)))
  .filter((file) => file.endsWith('.cjs'))
  .sort();
const validators = await esbuild.build({
  ...COMMON,
  entryPoints: validatorFiles.map((file) => path.join(ROOT, file)),
  outdir: path.join(OUT, 'schemas'),
  outbase: path.join(ROOT, 'schemas'),
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  minifyWhitespace: true, // the generated validators are one long line already; keeps the helpers as small
  charset: 'ascii', // read as one-byte text by the CLI's code cache (src/cli/launcher.ts)
});
for (const input of Object.keys(validators.metafile.inputs)) inputs.add(input);

// The CLI: CommonJS (a vm.Script the code cache can hold) behind a launcher that knows the build's hash.
const CLI_OUT = path.join(OUT, 'kubeplan-cli.cjs');
const MODULE_URL = "var __kubeplanModuleUrl = require('node:url').pathToFileURL(__filename).href;";
{
  const result = await esbuild.build({
    ...COMMON,
    entryPoints: [path.join(ROOT, 'src/cli/start.ts')],
    outfile: CLI_OUT,
    format: 'cjs',
    charset: 'ascii',
    define: { 'import.meta.url': '__kubeplanModuleUrl' },
    banner: { js: MODULE_URL },
    plugins: [lazyRequires],
  });
  for (const input of Object.keys(result.metafile.inputs)) inputs.add(input);
  const buildHash = createHash('sha256').update(readFileSync(CLI_OUT));
  for (const file of validatorFiles) buildHash.update(readFileSync(path.join(OUT, file)));
  const launcher = await esbuild.build({
    ...COMMON,
    entryPoints: [path.join(ROOT, 'src/cli/launcher.ts')],
    outfile: path.join(OUT, 'kubeplan.cjs'),
    format: 'cjs',
    define: {
      KUBEPLAN_BUILD_ID: JSON.stringify(buildHash.digest('hex').slice(0, 16)),
      'import.meta.url': '__kubeplanModuleUrl',
    },
    banner: { js: `#!/usr/bin/env node\n${MODULE_URL}` },
  });
  for (const input of Object.keys(launcher.metafile.inputs)) inputs.add(input);
}

// The --jobs worker (src/load/parallel.ts starts it by path): the loader only.
{
  const result = await esbuild.build({
    ...COMMON,
    entryPoints: [path.join(ROOT, 'src/load/load-worker.ts')],
    outfile: path.join(OUT, 'load-worker.cjs'),
    format: 'cjs',
    define: { 'import.meta.url': '__kubeplanModuleUrl' },
    banner: { js: MODULE_URL },
    plugins: [lazyRequires],
  });
  for (const input of Object.keys(result.metafile.inputs)) inputs.add(input);
}

for (const entry of ENTRIES) {
  const result = await esbuild.build({
    ...COMMON,
    entryPoints: [path.join(ROOT, entry.src)],
    outfile: path.join(OUT, entry.out),
    format: 'esm',
    banner: { js: REQUIRE_SHIM },
    plugins: [lazyRequires],
  });
  for (const input of Object.keys(result.metafile.inputs)) inputs.add(input);
}

// Licences of every bundled package, in name order.
const packages = new Map();
for (const input of inputs) {
  const match = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.replaceAll('\\', '/'));
  if (match) packages.set(match[1], path.join(ROOT, 'node_modules', match[1]));
}
let licences = 'Packages bundled into kubeplan (bundle/), with their licences.\n';
for (const name of [...packages.keys()].sort()) {
  const dir = packages.get(name);
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const file = readdirSync(dir)
    .sort()
    .find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  licences += `\n${'='.repeat(78)}\n${name} ${pkg.version} (${pkg.license})\n\n`;
  licences += file ? readFileSync(path.join(dir, file), 'utf8').trim() + '\n' : `license: ${pkg.license}\n`;
}
writeFileSync(path.join(OUT, 'LICENSES.txt'), licences);
