/**
 * Container resource requirements as the API server and admission will see them:
 * a missing request defaults to the limit, and a namespace LimitRange in the run
 * can supply defaults for both.
 */
import type { JsonPath } from '../../core/types.js';
import { containersOf, INIT_AND_APP_CONTAINERS, type ContainerRef } from '../containers.js';
import { indexOf } from '../format.js';
import type { ObjectIndex } from '../object-index.js';
import type { RuleContext } from '../types.js';
import { arrayAt, getIn, isObj } from '../../core/values.js';
import { podTemplatesOf } from '../workloads.js';
import { isZeroQuantity } from '../../k8s/quantity.js';

export type ResourceName = 'cpu' | 'memory';
export type Requirement = 'requests' | 'limits';

export interface MissingRequirement {
  ref: ContainerRef;
  /** Where to point: the zero value, or where the missing key would go. */
  path: JsonPath;
  /** 'zero' when the value is present but 0. */
  problem: 'missing' | 'zero';
}

/** Containers (and init containers) whose `requirement` for `resource` is missing or zero after defaulting. */
export function missingRequirements(
  context: RuleContext,
  requirement: Requirement,
  resource: ResourceName,
): MissingRequirement[] {
  const defaults = indexOf(context).derived(limitRangeDefaults);
  const out: MissingRequirement[] = [];
  for (const pod of podTemplatesOf(context.manifests, { openShift: true })) {
    const namespaceDefaults = defaults.get(context.namespaceOf(pod.manifest));
    if (namespaceDefaults?.has(`${requirement}.${resource}`)) continue;
    for (const ref of containersOf(pod, INIT_AND_APP_CONTAINERS)) {
      const own = getIn(ref.container, ['resources', requirement, resource]);
      const ownPath = [...ref.path, 'resources', requirement, resource];
      if (isPresent(own)) {
        if (isZeroQuantity(own)) out.push({ ref, path: ownPath, problem: 'zero' });
        continue;
      }
      // The API server copies a limit into a missing request.
      if (requirement === 'requests' && isPresent(getIn(ref.container, ['resources', 'limits', resource]))) continue;
      out.push({ ref, path: ownPath, problem: 'missing' });
    }
  }
  return out;
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * Per namespace, the container defaults its LimitRanges supply, as "requests.cpu" /
 * "limits.memory" keys. `default` sets limits (and, through them, requests);
 * `defaultRequest` sets requests.
 */
function limitRangeDefaults(index: ObjectIndex): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const manifest of index.manifests) {
    if (manifest.ref.kind !== 'LimitRange') continue;
    const keys = out.get(index.namespaceOf(manifest)) ?? new Set<string>();
    for (const limit of arrayAt(manifest.object, ['spec', 'limits'])) {
      if (!isObj(limit) || (limit.type !== undefined && limit.type !== 'Container')) continue;
      for (const resource of ['cpu', 'memory']) {
        if (isPresent(getIn(limit, ['default', resource]))) keys.add(`limits.${resource}`).add(`requests.${resource}`);
        if (isPresent(getIn(limit, ['defaultRequest', resource]))) keys.add(`requests.${resource}`);
      }
    }
    out.set(index.namespaceOf(manifest), keys);
  }
  return out;
}

/** Reports each missing requirement with `message(label, problem)`. */
export function reportMissing(
  context: RuleContext,
  items: MissingRequirement[],
  message: (item: MissingRequirement) => string,
): void {
  for (const item of items)
    context.report({ manifest: item.ref.template.manifest, path: item.path, message: message(item) });
}
