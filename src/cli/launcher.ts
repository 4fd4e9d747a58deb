/**
 * The entry of the published CLI (bundle/kubeplan.cjs): starts the CLI bundle (bundle/kubeplan-cli.cjs) with its
 * compiled code cached between runs, because compiling the code is most of a short run's time. Node ≥ 22.1 does that
 * itself (`module.enableCompileCache()`); older Node gets src/cli/code-cache.ts. Kept tiny: it is compiled on
 * every run.
 */
import module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheRoot, openCodeCache } from './code-cache.js';

/** The CLI bundle's content hash (with the validator chunks), set by scripts/bundle.mjs. */
declare const KUBEPLAN_BUILD_ID: string;

interface CliBundle {
  start(argv: string[]): Promise<void>;
  setChunkLoader(load: (file: string) => unknown): void;
}

/** Commands compile different code: each gets its own cache entry. */
const COMMANDS = new Set(['lint', 'plan', 'check', 'lsp', 'rules', 'version', 'help']);

const here = path.dirname(fileURLToPath(import.meta.url));
const cliFile = path.join(here, 'kubeplan-cli.cjs');
const argv = process.argv.slice(2);
const enableCompileCache = (module as { enableCompileCache?: () => unknown }).enableCompileCache;
const cache = enableCompileCache ? undefined : openCodeCache(cacheRoot(process.env), KUBEPLAN_BUILD_ID);

let cli: CliBundle;
if (cache) {
  const command = COMMANDS.has(argv[0] ?? '') ? argv[0] : 'other';
  cli = cache.load(cliFile, `cli-${command}`, true) as CliBundle;
  cli.setChunkLoader((file) => cache.load(file, `chunk-${path.basename(file)}`, true));
  process.once('exit', () => cache.save());
} else {
  enableCompileCache?.();
  cli = createRequire(import.meta.url)(cliFile) as CliBundle;
}
cli.start(argv).catch((error: unknown) => {
  // run() turns its own failures into exit 3 with a message; this is only for a failure around it.
  process.stderr.write(`kubeplan: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 3;
});
