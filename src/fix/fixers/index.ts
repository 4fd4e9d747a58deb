/** The fixers, by finding id: the checks whose findings can carry a certain fix, and what the fix does (for docs). */
import { migrateApiVersion } from './removed-api-version.js';
import type { Fixer } from './types.js';
import { renameField } from './unknown-field.js';
import { quoteScalar } from './yaml11-scalar.js';

export interface FixerEntry {
  fixer: Fixer;
  /** What `kubeplan lint --fix` does for this check, and when it does not (markdown, for the check's page). */
  description: string;
}

export const FIXERS: Readonly<Record<string, FixerEntry>> = {
  'schema/yaml11-scalar': {
    fixer: quoteScalar,
    description:
      'quotes the value as written (`on` → `"on"`, `0755` → `"0755"`), with the quote character the document ' +
      'already uses most. A value with an anchor (or inside an anchored node) is left alone: its aliases would ' +
      'change too.',
  },
  'schema/unknown-field': {
    fixer: renameField,
    description:
      'renames the field when exactly one field of that mapping in the schema is within the did-you-mean distance ' +
      '(`replica` → `replicas`, `RestartPolicy` → `restartPolicy`) and that field is not already set. Built-in ' +
      'kinds only; fields inside anchors or merge keys are left alone.',
  },
  'removed-api-version': {
    fixer: migrateApiVersion,
    description:
      'migrates the object to the replacement API where the migration is mechanical (the list below); objects ' +
      'with anchors, aliases or merge keys in the changed fields, and APIs without a mechanical replacement ' +
      '(PodSecurityPolicy, apiextensions.k8s.io/v1beta1 CustomResourceDefinition, admission webhooks, …) are left ' +
      'for you.',
  },
};

export const FIXABLE_IDS: readonly string[] = Object.keys(FIXERS).sort();
