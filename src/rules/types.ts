/** The contract between the rule engine and the rule files under rules/. */
import type { JsonPath, LocateTarget, Manifest, Severity } from '../core/types.js';
import type { ObjectIndex } from './object-index.js';

export type RuleCategory = 'consistency' | 'reliability' | 'security' | 'efficiency' | 'deprecation' | 'validation';

export interface RuleMeta {
  /** Kebab-case id, equal to the file name under rules/ (without .ts). */
  id: string;
  /** Default severity; users override it in .kubeplan.yaml or with --rule id=severity. */
  severity: Severity;
  category: RuleCategory;
  /** One line, shown in the rules table. */
  description: string;
  /** Why it matters and how to fix it (markdown). */
  rationale: string;
  /** Counterpart checks in peer tools, for the README table and the corpus agreement report. */
  kubeLinter?: string;
  kubeScore?: string;
  /** The Polaris check id of the same concern, for the rule's page. */
  polaris?: string;
  /** Kubernetes documentation the rationale rests on (URLs), listed on the rule's page. */
  references?: readonly string[];
  /** How to fix a finding (markdown), when the rationale has no "Fix:" paragraph to show. */
  howToFix?: string;
  /**
   * A minimal failing and passing manifest (YAML text) for the rule's page (docs/rules/<id>.md). Every rule has them:
   * test/rules/meta.test.ts lints both, and `bad` must fire this rule while `good` must not.
   */
  examples?: RuleExamples;
}

export interface RuleExamples {
  bad: string;
  good: string;
}

export interface RuleOptions {
  /** Target Kubernetes minor, e.g. "1.34". */
  kubeVersion: string;
  /** Namespace for objects without metadata.namespace. */
  defaultNamespace: string;
  /** Missing ConfigMaps/Secrets/PVCs/ServiceAccounts are errors instead of warnings. */
  requireRefs: boolean;
}

export interface Report {
  manifest: Manifest;
  /** Path inside the object (not including a List's items[i] prefix). */
  path: JsonPath;
  /** Point at the key or the value at `path` (default 'value'). */
  target?: LocateTarget;
  message: string;
  /** Overrides the rule's default severity for this one report (e.g. --require-refs). */
  severity?: Severity;
}

export interface RuleContext {
  /** Every object of the run, across all files, in input order. */
  manifests: readonly Manifest[];
  options: RuleOptions;
  /** Namespace an object lives in (metadata.namespace, else the default). */
  namespaceOf(manifest: Manifest): string;
  report(report: Report): void;
  /** The run's objects indexed by kind/namespace/name (built once by the engine; see `indexOf`). */
  index?: ObjectIndex;
}

export interface Rule extends RuleMeta {
  check(context: RuleContext): void;
}
