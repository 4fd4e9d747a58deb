/**
 * HorizontalPodAutoscaler specs the API server rejects at create time: validateHorizontalPodAutoscalerSpec and the
 * metric / behavior validators beside it (kubernetes pkg/apis/autoscaling/validation/validation.go, 1.3x line),
 * run on the object as SetDefaults_HorizontalPodAutoscaler leaves it (minReplicas 1; v2 behavior rules filled in).
 */
import type { JsonPath, Manifest } from '../src/core/types.js';
import { featureEnabled } from '../src/k8s/feature-gates.js';
import { fieldError } from '../src/k8s/field-errors.js';
import { groupOf } from '../src/k8s/kinds.js';
import { dns1123Label, pathSegmentName } from '../src/k8s/names.js';
import { parseQuantity } from '../src/k8s/quantity.js';
import type { Report, Rule } from '../src/rules/types.js';
import { isObj, type Obj } from '../src/core/values.js';

/** MaxPeriodSeconds and MaxStabilizationWindowSeconds of the upstream package. */
const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const METRIC_SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
/** MetricSpec type → its source field, in the order validateMetricSpec looks at them. */
const SOURCE_FIELDS = ['object', 'external', 'pods', 'resource', 'containerResource'] as const;
const FIELD_OF_TYPE: Record<string, (typeof SOURCE_FIELDS)[number]> = {
  Object: 'object',
  External: 'external',
  Pods: 'pods',
  Resource: 'resource',
  ContainerResource: 'containerResource',
};

type Emit = (path: JsonPath, message: string, upstream: string, target?: Report['target']) => void;

const rule: Rule = {
  id: 'invalid-hpa-spec',
  severity: 'error',
  category: 'validation',
  description: 'HorizontalPodAutoscaler spec the API server would reject',
  rationale: [
    'The API server rejects a HorizontalPodAutoscaler whose `maxReplicas` is below 1 or below `minReplicas`',
    '(which defaults to 1), whose `minReplicas` is 0 while the HPAScaleToZero feature gate is off (the default),',
    'whose scale target has no kind or name, whose metrics name a source type other than the one they fill in,',
    'set both or neither of a target value and utilization, or target a value that is not positive, and whose',
    '`behavior` has no policy, a policy value or period that is not positive, a period above 1800 s or a',
    'stabilization window outside 0–3600 s. `kubectl apply` fails and the workload is not autoscaled.',
  ].join('\n'),
  howToFix:
    'Set `maxReplicas` ≥ `minReplicas` ≥ 1, and give each metric exactly the source its `type` names with one positive target.',
  references: [
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/',
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/horizontal-pod-autoscaler-v2/',
  ],
  examples: {
    bad: [
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata:',
      '  name: api',
      'spec:',
      '  scaleTargetRef:',
      '    apiVersion: apps/v1',
      '    kind: Deployment',
      '    name: api',
      '  minReplicas: 5',
      '  maxReplicas: 3',
      '',
    ].join('\n'),
    good: [
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata:',
      '  name: api',
      'spec:',
      '  scaleTargetRef:',
      '    apiVersion: apps/v1',
      '    kind: Deployment',
      '    name: api',
      '  minReplicas: 3',
      '  maxReplicas: 5',
      '',
    ].join('\n'),
  },
  check(context) {
    const lowerBound = featureEnabled('HPAScaleToZero', context.options.kubeVersion) ? 0 : 1;
    for (const m of context.manifests) {
      if (m.ref.kind !== 'HorizontalPodAutoscaler' || groupOf(m.ref.apiVersion) !== 'autoscaling') continue;
      const spec = m.object.spec;
      if (!isObj(spec)) continue;
      const emit: Emit = (path, message, upstream, target) =>
        context.report({ manifest: m, path, message: `${message} (${upstream})`, ...(target ? { target } : {}) });
      checkSpec(m, spec, lowerBound, emit);
    }
  },
};

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function checkSpec(m: Manifest, spec: Obj, lowerBound: number, emit: Emit): void {
  const SPEC = 'validateHorizontalPodAutoscalerSpec';
  // SetDefaults_HorizontalPodAutoscaler: minReplicas 1 when unset.
  const min = isSet(spec.minReplicas) ? spec.minReplicas : 1;
  if (typeof spec.minReplicas === 'number' && spec.minReplicas < lowerBound)
    emit(
      ['spec', 'minReplicas'],
      fieldError.invalid(['spec', 'minReplicas'], spec.minReplicas, `must be greater than or equal to ${lowerBound}`),
      SPEC,
    );
  if (typeof spec.maxReplicas === 'number') {
    if (spec.maxReplicas < 1)
      emit(
        ['spec', 'maxReplicas'],
        fieldError.invalid(['spec', 'maxReplicas'], spec.maxReplicas, 'must be greater than 0'),
        SPEC,
      );
    if (typeof min === 'number' && spec.maxReplicas < min)
      emit(
        ['spec', 'maxReplicas'],
        fieldError.invalid(['spec', 'maxReplicas'], spec.maxReplicas, 'must be greater than or equal to `minReplicas`'),
        SPEC,
      );
  }
  if (isObj(spec.scaleTargetRef)) crossVersionRef(spec.scaleTargetRef, ['spec', 'scaleTargetRef'], emit);

  const v1 = m.ref.apiVersion === 'autoscaling/v1';
  const metricTypes: unknown[] = [];
  if (v1) {
    // The v1 → internal conversion turns targetCPUUtilizationPercentage into a Resource metric's averageUtilization.
    const target = spec.targetCPUUtilizationPercentage;
    if (typeof target === 'number' && target < 1)
      emit(
        ['spec', 'targetCPUUtilizationPercentage'],
        fieldError.invalid(['spec', 'targetCPUUtilizationPercentage'], target, 'must be greater than 0'),
        'validateMetricTarget',
      );
    metricTypes.push('Resource');
  } else if (Array.isArray(spec.metrics) && spec.metrics.length > 0) {
    spec.metrics.forEach((metric, i) => {
      if (!isObj(metric)) return;
      metricTypes.push(metric.type);
      metricSpec(metric, ['spec', 'metrics', i], emit);
    });
  } else {
    metricTypes.push('Resource'); // SetDefaults_HorizontalPodAutoscaler: CPU at 80% when no metric is given
  }
  // Upstream also says this when the gate is off; then "must be greater than or equal to 1" already covers it.
  if (lowerBound === 0 && min === 0 && !metricTypes.some((t) => t === 'Object' || t === 'External'))
    emit(
      Array.isArray(spec.metrics) ? ['spec', 'metrics'] : ['spec', 'minReplicas'],
      fieldError.forbidden(
        ['spec', 'metrics'],
        'must specify at least one Object or External metric to support scaling to zero replicas',
      ),
      'validateMetrics',
    );
  if (!v1 && isObj(spec.behavior)) {
    for (const direction of ['scaleUp', 'scaleDown'] as const) {
      const rules = spec.behavior[direction];
      if (isObj(rules)) scalingRules(rules, ['spec', 'behavior', direction], emit);
    }
  }
}

function crossVersionRef(ref: Obj, path: JsonPath, emit: Emit): void {
  for (const key of ['kind', 'name'] as const) {
    const value = ref[key];
    if (typeof value !== 'string') continue; // missing: the schema reports the required field
    if (value === '') emit([...path, key], fieldError.required([...path, key]), 'ValidateCrossVersionObjectReference');
    else
      for (const msg of pathSegmentName(value))
        emit([...path, key], fieldError.invalid([...path, key], value, msg), 'ValidateCrossVersionObjectReference');
  }
}

function metricSpec(metric: Obj, path: JsonPath, emit: Emit): void {
  const FN = 'validateMetricSpec';
  const type = metric.type;
  if (type === '')
    emit([...path, 'type'], fieldError.required([...path, 'type'], 'must specify a metric source type'), FN);
  else if (typeof type === 'string' && !METRIC_SOURCE_TYPES.includes(type))
    emit([...path, 'type'], fieldError.notSupported([...path, 'type'], type, METRIC_SOURCE_TYPES), FN);
  // Only the first source present is validated (typesPresent.Len() == 1 upstream); any other is forbidden.
  const present = SOURCE_FIELDS.filter((f) => isSet(metric[f]));
  const first = present[0];
  if (first && isObj(metric[first])) metricSource(first, metric[first], [...path, first], emit);
  const expected = typeof type === 'string' ? FIELD_OF_TYPE[type] : undefined;
  if (expected && !isSet(metric[expected]))
    emit(path, fieldError.required([...path, expected], 'must populate information for the given metric source'), FN);
  if (present.length !== 1)
    for (const f of present)
      if (f !== expected)
        emit([...path, f], fieldError.forbidden([...path, f], 'must populate the given metric source only'), FN, 'key');
}

function metricSource(kind: (typeof SOURCE_FIELDS)[number], src: Obj, path: JsonPath, emit: Emit): void {
  const target = isObj(src.target) ? src.target : undefined;
  const tPath = [...path, 'target'];
  const has = (key: string) => target !== undefined && isSet(target[key]);
  if (kind === 'object' || kind === 'external' || kind === 'pods') {
    if (isObj(src.metric)) metricIdentifier(src.metric, [...path, 'metric'], emit);
  }
  if (kind === 'object' && isObj(src.describedObject))
    crossVersionRef(src.describedObject, [...path, 'describedObject'], emit);
  if (kind === 'resource' || kind === 'containerResource') {
    const fn = kind === 'resource' ? 'validateResourceSource' : 'validateContainerResourceSource';
    if (src.name === '')
      emit([...path, 'name'], fieldError.required([...path, 'name'], 'must specify a resource name'), fn);
    if (kind === 'containerResource' && typeof src.container === 'string') {
      if (src.container === '')
        emit([...path, 'container'], fieldError.required([...path, 'container'], 'must specify a container'), fn);
      else
        for (const msg of dns1123Label(src.container))
          emit([...path, 'container'], fieldError.invalid([...path, 'container'], src.container, msg), fn);
    }
  }
  if (!target) return; // missing target: the schema reports the required field
  metricTarget(target, tPath, emit);
  switch (kind) {
    case 'object':
      if (!has('value') && !has('averageValue'))
        emit(
          tPath,
          fieldError.required([...tPath, 'averageValue'], 'must set either a target value or averageValue'),
          'validateObjectSource',
        );
      break;
    case 'external':
      if (!has('value') && !has('averageValue'))
        emit(
          tPath,
          fieldError.required(
            [...tPath, 'averageValue'],
            'must set either a target value for metric or a per-pod target',
          ),
          'validateExternalSource',
        );
      if (has('value') && has('averageValue'))
        emit(
          [...tPath, 'value'],
          fieldError.forbidden([...tPath, 'value'], 'may not set both a target value for metric and a per-pod target'),
          'validateExternalSource',
          'key',
        );
      break;
    case 'pods':
      if (!has('averageValue'))
        emit(
          tPath,
          fieldError.required([...tPath, 'averageValue'], 'must specify a positive target averageValue'),
          'validatePodsSource',
        );
      break;
    default: {
      const fn = kind === 'resource' ? 'validateResourceSource' : 'validateContainerResourceSource';
      if (!has('averageUtilization') && !has('averageValue'))
        emit(
          tPath,
          fieldError.required(
            [...tPath, 'averageUtilization'],
            'must set either a target raw value or a target utilization',
          ),
          fn,
        );
      if (has('averageUtilization') && has('averageValue'))
        emit(
          [...tPath, 'averageValue'],
          fieldError.forbidden(
            [...tPath, 'averageValue'],
            'may not set both a target raw value and a target utilization',
          ),
          fn,
          'key',
        );
    }
  }
}

function metricTarget(target: Obj, path: JsonPath, emit: Emit): void {
  const FN = 'validateMetricTarget';
  const type = target.type;
  if (type === '')
    emit([...path, 'type'], fieldError.required([...path, 'type'], 'must specify a metric target type'), FN);
  if (typeof type === 'string' && !['Utilization', 'Value', 'AverageValue'].includes(type))
    emit(
      [...path, 'type'],
      fieldError.invalid([...path, 'type'], type, 'must be either Utilization, Value, or AverageValue'),
      FN,
    );
  for (const key of ['value', 'averageValue']) {
    const q = parseQuantity(target[key]);
    if (q && q.nano <= 0n)
      emit([...path, key], fieldError.invalid([...path, key], target[key], 'must be positive'), FN);
  }
  const util = target.averageUtilization;
  if (typeof util === 'number' && util < 1)
    emit(
      [...path, 'averageUtilization'],
      fieldError.invalid([...path, 'averageUtilization'], util, 'must be greater than 0'),
      FN,
    );
}

function metricIdentifier(id: Obj, path: JsonPath, emit: Emit): void {
  const name = id.name;
  if (typeof name !== 'string') return;
  if (name === '')
    emit(
      [...path, 'name'],
      fieldError.required([...path, 'name'], 'must specify a metric name'),
      'validateMetricIdentifier',
    );
  else
    for (const msg of pathSegmentName(name))
      emit([...path, 'name'], fieldError.invalid([...path, 'name'], name, msg), 'validateMetricIdentifier');
}

function scalingRules(rules: Obj, path: JsonPath, emit: Emit): void {
  const FN = 'validateScalingRules';
  const window = rules.stabilizationWindowSeconds;
  if (typeof window === 'number') {
    const wPath = [...path, 'stabilizationWindowSeconds'];
    if (window < 0) emit(wPath, fieldError.invalid(wPath, window, 'must be greater than or equal to zero'), FN);
    if (window > MAX_STABILIZATION_WINDOW_SECONDS)
      emit(
        wPath,
        fieldError.invalid(wPath, window, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`),
        FN,
      );
  }
  const select = rules.selectPolicy;
  if (typeof select === 'string' && !['Disabled', 'Max', 'Min'].includes(select))
    emit(
      [...path, 'selectPolicy'],
      fieldError.notSupported([...path, 'selectPolicy'], select, ['Disabled', 'Max', 'Min']),
      FN,
    );
  // copyHPAScalingRules keeps a given list, so `policies: []` stays empty; a missing one gets the defaults.
  const policies = rules.policies;
  if (Array.isArray(policies) && policies.length === 0)
    emit([...path, 'policies'], fieldError.required([...path, 'policies'], 'must specify at least one Policy'), FN);
  if (!Array.isArray(policies)) return;
  policies.forEach((policy, i) => {
    if (!isObj(policy)) return;
    const p = [...path, 'policies', i];
    const P = 'validateScalingPolicy';
    if (typeof policy.type === 'string' && policy.type !== 'Pods' && policy.type !== 'Percent')
      emit([...p, 'type'], fieldError.notSupported([...p, 'type'], policy.type, ['Percent', 'Pods']), P);
    if (typeof policy.value === 'number' && policy.value <= 0)
      emit([...p, 'value'], fieldError.invalid([...p, 'value'], policy.value, 'must be greater than zero'), P);
    const period = policy.periodSeconds;
    if (typeof period === 'number') {
      if (period <= 0)
        emit(
          [...p, 'periodSeconds'],
          fieldError.invalid([...p, 'periodSeconds'], period, 'must be greater than zero'),
          P,
        );
      if (period > MAX_PERIOD_SECONDS)
        emit(
          [...p, 'periodSeconds'],
          fieldError.invalid([...p, 'periodSeconds'], period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`),
          P,
        );
    }
  });
}

export default rule;
