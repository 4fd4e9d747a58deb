/** removed-api-version: the apiVersion and, where the API changed shape, the fields (one module per kind). */
import { isMap, type YAMLMap } from 'yaml';
import { ingress } from '../migrations/ingress.js';
import { horizontalPodAutoscaler } from '../migrations/hpa.js';
import { cronJob, ingressClass, podDisruptionBudget, sameFields } from '../migrations/renames.js';
import type { Migration } from '../migrations/types.js';
import { workloads } from '../migrations/workloads.js';
import { anchored, hasMergeKey, span } from '../source.js';
import { replaceScalar } from '../yaml-edits.js';
import type { Fixer } from './types.js';

export const MIGRATIONS: readonly Migration[] = [
  ingress,
  ingressClass,
  workloads,
  podDisruptionBudget,
  cronJob,
  horizontalPodAutoscaler,
  ...sameFields,
];

export function migrationFor(apiVersion: string, kind: string): Migration | undefined {
  return MIGRATIONS.find((m) => m.from.includes(apiVersion) && m.kinds.includes(kind));
}

export const migrateApiVersion: Fixer = ({ source, offset, at, manifest }) => {
  if (at.onKey || !manifest || anchored(at.steps)) return undefined;
  const { apiVersion, kind } = manifest.ref;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const migration = migrationFor(apiVersion, kind);
  const last = at.steps[at.steps.length - 1]!;
  // The finding is on the object's own `apiVersion` value (a List item's object sits at items[i]).
  const object = at.steps[manifest.basePath.length]?.node;
  if (
    !migration ||
    last.segment !== 'apiVersion' ||
    last.parent !== object ||
    at.steps.length !== manifest.basePath.length + 2
  )
    return undefined;
  if (!isMap(object) || hasMergeKey(object as YAMLMap) || span(last.node, at.base)?.[0] !== offset) return undefined;
  const rename = replaceScalar(source, last.node, at.base, migration.to);
  const rest = migration.edits({ source, base: at.base, object: object as YAMLMap, manifest });
  if (!rename || !rest) return undefined;
  return { title: `migrate ${kind} from ${apiVersion} to ${migration.to}`, edits: [rename, ...rest] };
};
