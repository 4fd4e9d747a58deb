/**
 * A container's resources the API server would reject (ValidateResourceRequirements, validateContainerResourceName,
 * ValidateResourceQuantityValue in pkg/apis/core/validation/validation.go): unknown resource names, negative or
 * fractional quantities where whole units are required, a request above its limit, and extended resources or
 * hugepages whose request differs from their limit. Malformed quantity strings are left to schema validation.
 */
import { containersOf, INIT_AND_APP_CONTAINERS } from '../src/rules/containers.js';
import { compareQuantities, parseQuantity, type Quantity } from '../src/k8s/quantity.js';
import { fieldError, jsonPath, NEGATIVE_MSG, type FieldEmit, type FieldSegment } from '../src/k8s/field-errors.js';
import { qualifiedName } from '../src/k8s/names.js';
import {
  isExtendedResourceName,
  isHugePageResourceName,
  isIntegerResourceName,
  isNativeResource,
  isOvercommitAllowed,
  isStandardContainerResourceName,
} from '../src/k8s/resource-names.js';
import type { Rule } from '../src/rules/types.js';
import { isObj, type Obj } from '../src/core/values.js';
import { podTemplatesOf } from '../src/rules/workloads.js';

const rule: Rule = {
  id: 'invalid-resources',
  severity: 'error',
  category: 'validation',
  description: 'Container resource requests or limits the API server would reject',
  rationale: [
    'The API server rejects a pod (and a workload whose template holds one) when a container:',
    '',
    '- requests more than its limit (`requests.cpu: 2` with `limits.cpu: 1`);',
    '- requests an extended resource (`nvidia.com/gpu`) or hugepages other than its limit, or requests one without',
    '  a limit: these cannot be overcommitted, so the request must equal the limit;',
    '- asks for a fraction of an extended resource (`nvidia.com/gpu: 500m`), or a negative quantity;',
    '- names a resource that does not exist for containers (`gpu`, `storage`: only `cpu`, `memory`,',
    '  `ephemeral-storage`, `hugepages-<size>` or a domain-qualified extended resource);',
    '- asks for hugepages without any cpu or memory.',
    '',
    "Each finding quotes the API server's message. For workloads the error surfaces when the controller creates pods",
    '(a Deployment then never gets any), so the finding is an error there too.',
  ].join('\n'),
  references: [
    'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
    'https://kubernetes.io/docs/tasks/manage-gpus/scheduling-gpus/',
  ],
  howToFix:
    'Keep each request at or below its limit; give extended resources and hugepages equal request and limit (or only a limit: the request defaults to it); use whole numbers for extended resources.',
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '      resources:',
      '        requests: {cpu: "2", memory: 256Mi}',
      '        limits: {cpu: "1", memory: 256Mi}',
      '',
    ].join('\n'),
    good: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '      resources:',
      '        requests: {cpu: "1", memory: 256Mi}',
      '        limits: {cpu: "2", memory: 256Mi}',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const template of podTemplatesOf(context.manifests)) {
      for (const c of containersOf(template, INIT_AND_APP_CONTAINERS)) {
        if (!isObj(c.container.resources)) continue;
        const emit: FieldEmit = (path, message, target = 'value') =>
          context.report({ manifest: template.manifest, path: jsonPath(path), message, target });
        checkRequirements(c.container.resources, [...c.path, 'resources'], emit);
      }
    }
  },
};

/** ValidateResourceRequirements. */
function checkRequirements(resources: Obj, base: FieldSegment[], emit: FieldEmit) {
  const limits = isObj(resources.limits) ? resources.limits : {};
  const requests = isObj(resources.requests) ? resources.requests : {};
  const limPath = [...base, 'limits'];
  const reqPath = [...base, 'requests'];
  let cpuOrMemory = false;
  let hugePages = false;

  const parsedLimits = new Map<string, Quantity>();
  for (const [name, raw] of Object.entries(limits)) {
    const q = quantity(name, raw, [...limPath, { key: name }], emit);
    if (q) parsedLimits.set(name, q);
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
  }
  for (const [name, raw] of Object.entries(requests)) {
    const path = [...reqPath, { key: name }];
    const q = quantity(name, raw, path, emit);
    if (isHugePageResourceName(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
    if (!q) continue;
    const limit = parsedLimits.get(name);
    const limitRaw = limits[name];
    if (limit) {
      const cmp = compareQuantities(q, limit);
      if (cmp !== 0 && !isOvercommitAllowed(name))
        emit(path, fieldError.invalid(reqPath, String(raw), `must be equal to ${name} limit of ${String(limitRaw)}`));
      else if (cmp > 0)
        emit(
          path,
          fieldError.invalid(
            reqPath,
            String(raw),
            `must be less than or equal to ${name} limit of ${String(limitRaw)}`,
          ),
        );
    } else if (limitRaw === undefined && !isOvercommitAllowed(name)) {
      emit(path, fieldError.required(limPath, 'Limit must be set for non overcommitable resources'));
    }
  }
  if (hugePages && !cpuOrMemory) emit(base, fieldError.forbidden(base, 'HugePages require cpu or memory'), 'key');
}

/** validateContainerResourceName + ValidateResourceQuantityValue; the parsed quantity when it is one. */
function quantity(name: string, raw: unknown, path: FieldSegment[], emit: FieldEmit): Quantity | null {
  const nameErrs = qualifiedName(name);
  if (nameErrs.length > 0) {
    for (const e of nameErrs) emit(path, fieldError.invalid(path, name, e), 'key');
  } else if (!name.includes('/')) {
    if (!isStandardContainerResourceName(name))
      emit(path, fieldError.invalid(path, name, 'must be a standard resource for containers'), 'key');
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    emit(path, fieldError.invalid(path, name, "doesn't follow extended resource name standard"), 'key');
  }
  const q = parseQuantity(raw);
  if (!q) return null; // not a quantity: schema validation reports the format
  if (q.nano < 0n) emit(path, fieldError.invalid(path, String(raw), NEGATIVE_MSG));
  if (isIntegerResourceName(name) && q.nano % 1_000_000_000n !== 0n)
    emit(path, fieldError.invalid(path, String(raw), 'must be an integer'));
  return q;
}

export default rule;
