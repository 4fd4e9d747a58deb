/**
 * How the CommonJS chunks shipped with kubeplan (the precompiled schema validators) are loaded. By default with
 * Node's require; the bundled CLI's launcher swaps in a loader backed by V8's code cache, so a short run does not
 * compile a 600 KB validator chunk from source every time (src/cli/code-cache.ts).
 */
import { createRequire } from 'node:module';

export type ChunkLoader = (file: string) => unknown;

const nodeRequire = createRequire(import.meta.url);
let loader: ChunkLoader = (file) => nodeRequire(file);

/** Loads the CommonJS file at the absolute path `file` and returns its exports. */
export function loadChunk(file: string): unknown {
  return loader(file);
}

/** Replaces how chunks are loaded (the launcher of bundle/kubeplan.cjs; tests). */
export function setChunkLoader(next: ChunkLoader): void {
  loader = next;
}
