/**
 * Process entry point of the compiled sources (dist/src/cli/bin.js). The published CLI, bundle/kubeplan.cjs, starts
 * through src/cli/launcher.ts instead, which adds a code cache.
 */
import module from 'node:module';
import { start } from './start.js';

// Node ≥ 22.1 caches compiled code on disk between runs: from here on, so the schema validator chunks loaded per
// kind (the largest code a short lint compiles) come from the cache. Node 20 has no such API: a no-op there.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

await start(process.argv.slice(2));
