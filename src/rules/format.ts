/** Small, consistent pieces of rule messages: `Deployment web`, `base/web.yaml:12`. */
import type { JsonPath, Manifest } from '../core/types.js';
import { indexFor, type ObjectIndex } from './object-index.js';
import type { RuleContext } from './types.js';

/** `Deployment web` (or `Deployment (unnamed)`): how messages name an object. */
export function objectLabel(manifest: Manifest): string {
  return `${manifest.ref.kind ?? 'object'} ${manifest.ref.name ?? '(unnamed)'}`;
}

/** `file:line` of `path` in `manifest`, for messages that point at another object. */
export function sourceOf(manifest: Manifest, path: JsonPath = ['metadata', 'name']): string {
  return `${manifest.file}:${manifest.locate(path).line}`;
}

/** The run's object index: the engine's, or one built (and cached) for this manifest list. */
export function indexOf(context: RuleContext): ObjectIndex {
  return context.index ?? indexFor(context.manifests, context.options.defaultNamespace);
}
