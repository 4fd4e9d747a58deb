/** What a fixer gets: the finding, its file's text, the node under the finding and the object it is about. */
import type { Finding, Fix, Manifest } from '../../core/types.js';
import type { FixSource, NodeAt } from '../source.js';

export interface FixerContext {
  finding: Finding;
  source: FixSource;
  /** File offset of the finding's start. */
  offset: number;
  /** The node at `offset`, walked strictly from its document's root. */
  at: NodeAt;
  /** The object the finding is about, as the loader read it (absent when it cannot be told). */
  manifest?: Manifest;
}

/** Returns a fix only when it is certain; undefined otherwise. */
export type Fixer = (context: FixerContext) => Fix | undefined;
