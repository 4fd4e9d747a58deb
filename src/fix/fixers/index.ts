/** The fixers, by finding id: the checks whose findings can carry a certain fix. */
import { migrateApiVersion } from './removed-api-version.js';
import type { Fixer } from './types.js';
import { renameField } from './unknown-field.js';
import { quoteScalar } from './yaml11-scalar.js';

export const FIXERS: Readonly<Record<string, Fixer>> = {
  'schema/yaml11-scalar': quoteScalar,
  'schema/unknown-field': renameField,
  'removed-api-version': migrateApiVersion,
};

export const FIXABLE_IDS: readonly string[] = Object.keys(FIXERS).sort();
