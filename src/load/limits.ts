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
  /**
   * Most content aliases may add to a document, in bytes of the expanded text (scalars' characters, plus one per
   * node): the count budget above bounds nested "billion laughs", this one a few aliases of one huge anchor.
   */
  maxAliasBytes: number;
}

export const DEFAULT_LIMITS: LoadLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  maxDocuments: 20_000,
  maxAliasCount: 100,
  maxDepth: 200,
  // 1 MiB of expanded content costs about as much to check as a 1 MiB manifest (~5 s, ~300 MB in 2026).
  maxAliasBytes: 1024 * 1024,
};
