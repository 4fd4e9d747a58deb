/** A mechanical apiVersion migration for one removed API (the Kubernetes Deprecated API Migration Guide's). */
import type { YAMLMap } from 'yaml';
import type { Manifest, TextEdit } from '../../core/types.js';
import type { FixSource } from '../source.js';

export interface MigrationContext {
  source: FixSource;
  /** Offset of the document's chunk: node ranges + base = file offsets. */
  base: number;
  /** The object's mapping node. */
  object: YAMLMap;
  manifest: Manifest;
}

export interface Migration {
  from: readonly string[];
  kinds: readonly string[];
  to: string;
  /** What changes besides apiVersion, or when no fix is offered (markdown, one line, for the rule's page). */
  summary: string;
  /**
   * The edits besides the apiVersion itself (none for a pure rename), or undefined when this object cannot be
   * migrated with certainty (an anchor or alias in the way, a field with no mechanical replacement).
   */
  edits(context: MigrationContext): TextEdit[] | undefined;
}
