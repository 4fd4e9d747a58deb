/**
 * The create-time validation of apps/v1 Deployments, ReplicaSets, StatefulSets and DaemonSets
 * (pkg/apis/apps/validation/validation.go: ValidateDeploymentSpec, ValidateDeploymentStrategy,
 * ValidateRollingUpdateDeployment, ValidateReplicaSetSpec, ValidatePodTemplateSpecForReplicaSet,
 * ValidateStatefulSetSpec, validateRollingUpdateStatefulSet, ValidateDaemonSetSpec, ValidateDaemonSetUpdateStrategy,
 * ValidateRollingUpdateDaemonSet), run on the object as the API server defaults it (SetDefaults_* in
 * src/k8s/defaults.ts), each finding worded as the API server words it. The selector checks live in
 * workload-selector-mismatch; enum values (strategy types, podManagementPolicy) are left to schema validation.
 */
import { defaultDaemonSet, defaultDeployment, defaultReplicaSet, defaultStatefulSet } from '../src/k8s/defaults.js';
import { featureEnabled } from '../src/k8s/feature-gates.js';
import {
  fieldError,
  intOrPercentValue,
  isValidPercent,
  jsonPath,
  NEGATIVE_MSG,
  PERCENT_MSG,
  type FieldSegment,
} from '../src/k8s/field-errors.js';
import type { Manifest } from '../src/core/types.js';
import type { Rule } from '../src/rules/types.js';
import { getIn, isObj, type Obj } from '../src/core/values.js';

/** Reports `message` at `path`; a Forbidden field is pointed at by its key, anything else by its value. */
type Emit = (path: FieldSegment[], message: string) => void;

const rule: Rule = {
  id: 'invalid-workload-spec',
  severity: 'error',
  category: 'validation',
  description: 'Deployment, ReplicaSet, StatefulSet or DaemonSet spec the API server would reject',
  rationale: [
    'The API server validates an apps/v1 workload after filling in its defaults, and rejects it when:',
    '',
    '- a Deployment rolling update could make no progress (`maxSurge` and `maxUnavailable` both 0), a percentage is',
    '  malformed (`"%"`, `"-5%"`, `"5"`) or negative, or `maxUnavailable` is over 100%;',
    '- `rollingUpdate` is given with `type: Recreate` (Deployment) or `type: OnDelete` (StatefulSet);',
    '- `progressDeadlineSeconds` is not greater than `minReadySeconds` (mind the default of 600 seconds);',
    '- the pod template asks for a `restartPolicy` other than `Always`, or sets `activeDeadlineSeconds`: these',
    '  controllers replace their pods forever and cannot run them to completion;',
    '- a DaemonSet rolling update sets both or neither of `maxSurge` and `maxUnavailable` (the default',
    '  `maxUnavailable` is 1, so `maxSurge` alone needs `maxUnavailable: 0`), or either is over 100%;',
    '- a StatefulSet `maxUnavailable` is 0 or over 100% (validated only where the MaxUnavailableStatefulSet feature',
    '  is on: beta and on from 1.35, see `--kube-version`), or its PVC retention policy is not `Retain`/`Delete`;',
    '- a count (`replicas`, `minReadySeconds`, `revisionHistoryLimit`, `partition`, `ordinals.start`) is negative.',
    '',
    "Each finding quotes the API server's own message, so it reads like the `kubectl apply` error it predicts.",
    'Only apps/v1 is checked: the removed beta versions had other defaults.',
  ].join('\n'),
  references: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#writing-a-deployment-spec',
    'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#update-strategies',
    'https://kubernetes.io/docs/tasks/manage-daemon/update-daemon-set/',
  ],
  howToFix:
    'Fix the field the finding names: give a rolling update room to move (`maxSurge: 1` or `maxUnavailable: 1`), write percentages as digits and `%` (`"25%"`), drop `rollingUpdate` under `Recreate`/`OnDelete`, keep `restartPolicy: Always` (use a Job for run-to-completion pods), and make `progressDeadlineSeconds` larger than `minReadySeconds`.',
  examples: {
    bad: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  selector:',
      '    matchLabels: {app: api}',
      '  strategy:',
      '    rollingUpdate:',
      '      maxSurge: 0',
      '      maxUnavailable: 0',
      '  template:',
      '    metadata:',
      '      labels: {app: api}',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
    good: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  selector:',
      '    matchLabels: {app: api}',
      '  strategy:',
      '    rollingUpdate:',
      '      maxSurge: 1',
      '      maxUnavailable: 0',
      '  template:',
      '    metadata:',
      '      labels: {app: api}',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const m of context.manifests) {
      if (m.ref.apiVersion !== 'apps/v1' || !isObj(m.object.spec)) continue;
      const emit: Emit = (path, message) =>
        context.report({
          manifest: m,
          path: jsonPath(path),
          message,
          target: message.includes(': Forbidden: ') ? 'key' : 'value',
        });
      switch (m.ref.kind) {
        case 'Deployment':
          checkDeployment(m, emit);
          break;
        case 'ReplicaSet':
          checkReplicaSet(m, emit);
          break;
        case 'StatefulSet':
          checkStatefulSet(m, emit, context.options.kubeVersion);
          break;
        case 'DaemonSet':
          checkDaemonSet(m, emit);
          break;
      }
    }
  },
};

/** ValidateDeploymentSpec (+ ValidateDeploymentStrategy, ValidateRollingUpdateDeployment). */
function checkDeployment(m: Manifest, emit: Emit) {
  const spec = defaultDeployment(m.object).spec as Obj;
  nonNegative(spec, ['spec'], ['replicas', 'minReadySeconds', 'revisionHistoryLimit', 'progressDeadlineSeconds'], emit);
  templateForReplicaSet(spec, emit);

  const strategy = spec.strategy as Obj;
  const strategyPath: FieldSegment[] = ['spec', 'strategy'];
  if (strategy.type === 'Recreate' && isObj(strategy.rollingUpdate)) {
    emit(
      [...strategyPath, 'rollingUpdate'],
      fieldError.forbidden(
        [...strategyPath, 'rollingUpdate'],
        "may not be specified when strategy `type` is 'Recreate'",
      ),
    );
  } else if (strategy.type === 'RollingUpdate' && isObj(strategy.rollingUpdate)) {
    const ru = strategy.rollingUpdate;
    const ruPath = [...strategyPath, 'rollingUpdate'];
    const maxUnavailable = intOrString(m, [...ruPath, 'maxUnavailable'], ru.maxUnavailable);
    const maxSurge = intOrString(m, [...ruPath, 'maxSurge'], ru.maxSurge);
    positiveIntOrPercent([...ruPath, 'maxUnavailable'], maxUnavailable, emit);
    positiveIntOrPercent([...ruPath, 'maxSurge'], maxSurge, emit);
    if (intOrPercentValue(maxUnavailable) === 0 && intOrPercentValue(maxSurge) === 0)
      emit(
        [...ruPath, 'maxUnavailable'],
        fieldError.invalid([...ruPath, 'maxUnavailable'], maxUnavailable, 'may not be 0 when `maxSurge` is 0'),
      );
    notMoreThan100Percent([...ruPath, 'maxUnavailable'], maxUnavailable, emit);
  }

  const deadline = spec.progressDeadlineSeconds;
  const minReady = spec.minReadySeconds;
  if (typeof deadline === 'number' && typeof minReady === 'number' && deadline <= minReady)
    emit(
      ['spec', 'progressDeadlineSeconds'],
      fieldError.invalid(['spec', 'progressDeadlineSeconds'], deadline, 'must be greater than minReadySeconds'),
    );
}

/** ValidateReplicaSetSpec. */
function checkReplicaSet(m: Manifest, emit: Emit) {
  const spec = defaultReplicaSet(m.object).spec as Obj;
  nonNegative(spec, ['spec'], ['replicas', 'minReadySeconds'], emit);
  templateForReplicaSet(spec, emit);
}

/**
 * ValidatePodTemplateSpecForReplicaSet, shared by Deployments and ReplicaSets: pods replaced forever must restart
 * Always and carry no deadline. (Upstream words the Deployment case "in ReplicaSet" too.)
 */
function templateForReplicaSet(spec: Obj, emit: Emit) {
  restartAlwaysNoDeadline(spec, 'ReplicaSet', emit);
}

function restartAlwaysNoDeadline(spec: Obj, kindWord: string, emit: Emit) {
  const podSpec = getIn(spec, ['template', 'spec']);
  if (!isObj(podSpec)) return;
  const path: FieldSegment[] = ['spec', 'template', 'spec'];
  if (typeof podSpec.restartPolicy === 'string' && podSpec.restartPolicy !== 'Always')
    emit(
      [...path, 'restartPolicy'],
      fieldError.notSupported([...path, 'restartPolicy'], podSpec.restartPolicy, ['Always']),
    );
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null)
    emit(
      [...path, 'activeDeadlineSeconds'],
      fieldError.forbidden([...path, 'activeDeadlineSeconds'], `activeDeadlineSeconds in ${kindWord} is not Supported`),
    );
}

/** ValidateStatefulSetSpec (+ validateRollingUpdateStatefulSet, ValidatePersistentVolumeClaimRetentionPolicy). */
function checkStatefulSet(m: Manifest, emit: Emit, kubeVersion: string) {
  const spec = defaultStatefulSet(m.object).spec as Obj;
  nonNegative(spec, ['spec'], ['replicas', 'minReadySeconds', 'revisionHistoryLimit'], emit);
  const start = getIn(spec, ['ordinals', 'start']);
  // Upstream names the field "ordinals.start" as one path element; the text is the same.
  if (typeof start === 'number' && start < 0)
    emit(['spec', 'ordinals', 'start'], fieldError.invalid(['spec', 'ordinals', 'start'], start, NEGATIVE_MSG));

  const strategy = spec.updateStrategy as Obj;
  const ruPath: FieldSegment[] = ['spec', 'updateStrategy', 'rollingUpdate'];
  if (strategy.type === 'OnDelete' && isObj(strategy.rollingUpdate)) {
    emit(ruPath, fieldError.invalid(ruPath, strategy.rollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (strategy.type === 'RollingUpdate' && isObj(strategy.rollingUpdate)) {
    const ru = strategy.rollingUpdate;
    nonNegative(ru, ruPath, ['partition'], emit);
    // The field is dropped before validation when the MaxUnavailableStatefulSet gate is off (dropDisabledFields).
    if (featureEnabled('MaxUnavailableStatefulSet', kubeVersion) && ru.maxUnavailable != null) {
      const path = [...ruPath, 'maxUnavailable'];
      const value = ru.maxUnavailable;
      positiveIntOrPercent(path, value, emit);
      if (intOrPercentValue(value) === 0) emit(path, fieldError.invalid(path, value, 'cannot be 0'));
      notMoreThan100Percent(path, value, emit);
    }
  }

  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (isObj(retention)) {
    for (const key of ['whenDeleted', 'whenScaled']) {
      const value = retention[key];
      const path = ['spec', 'persistentVolumeClaimRetentionPolicy', key];
      if (typeof value === 'string' && value !== 'Retain' && value !== 'Delete')
        emit(path, fieldError.notSupported(path, value, ['Retain', 'Delete']));
    }
  }
  restartAlwaysNoDeadline(spec, 'StatefulSet', emit);
}

/** ValidateDaemonSetSpec (+ ValidateDaemonSetUpdateStrategy, ValidateRollingUpdateDaemonSet). */
function checkDaemonSet(m: Manifest, emit: Emit) {
  const spec = defaultDaemonSet(m.object).spec as Obj;
  nonNegative(spec, ['spec'], ['minReadySeconds', 'templateGeneration', 'revisionHistoryLimit'], emit);
  restartAlwaysNoDeadline(spec, 'DaemonSet', emit);

  const strategy = spec.updateStrategy as Obj;
  if (strategy.type !== 'RollingUpdate' || !isObj(strategy.rollingUpdate)) return;
  const ru = strategy.rollingUpdate;
  const ruPath: FieldSegment[] = ['spec', 'updateStrategy', 'rollingUpdate'];
  const maxUnavailable = intOrString(m, [...ruPath, 'maxUnavailable'], ru.maxUnavailable);
  const maxSurge = intOrString(m, [...ruPath, 'maxSurge'], ru.maxSurge);
  positiveIntOrPercent([...ruPath, 'maxUnavailable'], maxUnavailable, emit);
  positiveIntOrPercent([...ruPath, 'maxSurge'], maxSurge, emit);
  notMoreThan100Percent([...ruPath, 'maxUnavailable'], maxUnavailable, emit);
  notMoreThan100Percent([...ruPath, 'maxSurge'], maxSurge, emit);
  // Exactly one of the two may be non-zero.
  const hasUnavailable = intOrPercentValue(maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(maxSurge) !== 0;
  if (hasUnavailable && hasSurge)
    emit(
      [...ruPath, 'maxSurge'],
      fieldError.invalid([...ruPath, 'maxSurge'], maxSurge, 'may not be set when maxUnavailable is non-zero'),
    );
  else if (!hasUnavailable && !hasSurge)
    emit(
      [...ruPath, 'maxUnavailable'],
      fieldError.required([...ruPath, 'maxUnavailable'], 'cannot be 0 when maxSurge is 0'),
    );
}

/**
 * The written IntOrString: defaults.ts treats `""` as missing, but the API server keeps an empty string (and then
 * rejects it as a percentage), so an empty string written in the source wins over the default.
 */
function intOrString(m: Manifest, path: FieldSegment[], defaulted: unknown): unknown {
  return getIn(m.object, jsonPath(path)) === '' ? '' : defaulted;
}

/** ValidatePositiveIntOrPercent: a string must be a percentage ("25%"), an int must not be negative. */
function positiveIntOrPercent(path: FieldSegment[], value: unknown, emit: Emit) {
  if (typeof value === 'string') {
    if (!isValidPercent(value)) emit(path, fieldError.invalid(path, value, PERCENT_MSG));
  } else if (typeof value === 'number' && value < 0) {
    emit(path, fieldError.invalid(path, value, NEGATIVE_MSG));
  }
}

/** IsNotMoreThan100Percent. */
function notMoreThan100Percent(path: FieldSegment[], value: unknown, emit: Emit) {
  if (typeof value === 'string' && isValidPercent(value) && Number(value.slice(0, -1)) > 100)
    emit(path, fieldError.invalid(path, value, 'must not be greater than 100%'));
}

/** ValidateNonnegativeField on each named integer field of `o` (missing or mistyped fields are left to the schema). */
function nonNegative(o: Obj, base: FieldSegment[], keys: readonly string[], emit: Emit) {
  for (const key of keys) {
    const value = o[key];
    if (typeof value === 'number' && value < 0)
      emit([...base, key], fieldError.invalid([...base, key], value, NEGATIVE_MSG));
  }
}

export default rule;
