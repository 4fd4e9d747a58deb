/** Resource limits for reading untrusted input. Every limit can be raised by the user. */
export interface LoadLimits {
  /** Largest file read, in bytes. */
  maxFileBytes: number;
  /** Most YAML documents read from one file. */
  maxDocuments: number;
  /** yaml's alias-expansion budget (see eemeli/yaml `maxAliasCount`). */
  maxAliasCount: number;
  /** Deepest nesting of mappings/sequences accepted in a document. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: LoadLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxDocuments: 20_000,
  maxAliasCount: 100,
  maxDepth: 200,
};
