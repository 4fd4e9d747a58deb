/**
 * validateJobSpec of kubernetes pkg/apis/batch/validation/validation.go (1.3x line), shared by the Job rule and the
 * CronJob rule (whose jobTemplate.spec goes through the same function): counts ≥ 0, Indexed-only fields, the pod
 * failure and success policies, podReplacementPolicy, and the template's restartPolicy (OnFailure or Never; a
 * template without one is defaulted to Always by SetDefaults_PodSpec and rejected).
 */
import type { JsonPath } from '../core/types.js';
import type { Report } from './types.js';
import { NEGATIVE_MSG, fieldError, fieldPath } from '../k8s/field-errors.js';
import { qualifiedName } from '../k8s/names.js';
import { isObj, type Obj } from '../core/values.js';

export type Emit = (path: JsonPath, message: string, upstream: string, target?: Report['target']) => void;

const FN = 'validateJobSpec';
/** Limits of the upstream package. */
const MAX_PARALLELISM_INDEXED = 100_000;
const MAX_FAILED_INDEXES = 100_000;
const COMPLETIONS_SOFT_LIMIT = 100_000;
const PARALLELISM_LIMIT_HIGH_COMPLETIONS = 10_000;
const MAX_FAILED_INDEXES_HIGH_COMPLETIONS = 10_000;
const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_ON_EXIT_CODES_VALUES = 255;
const MAX_ON_POD_CONDITIONS = 20;
const MAX_SUCCESS_POLICY_RULES = 20;

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/**
 * Checks `spec` (a JobSpec at `path`): `template` is the raw template, whose restartPolicy defaults to Always.
 * Values of the wrong type and enum values are left to schema validation.
 */
export function validateJobSpec(spec: Obj, path: JsonPath, emit: Emit): void {
  const at = (...rest: (string | number)[]): JsonPath => [...path, ...rest];
  for (const key of [
    'parallelism',
    'completions',
    'activeDeadlineSeconds',
    'backoffLimit',
    'ttlSecondsAfterFinished',
    'backoffLimitPerIndex',
    'maxFailedIndexes',
  ]) {
    const v = num(spec[key]);
    if (v !== undefined && v < 0) emit(at(key), fieldError.invalid(at(key), v, NEGATIVE_MSG), FN);
  }
  const parallelism = num(spec.parallelism);
  const completions = num(spec.completions);
  const maxFailed = num(spec.maxFailedIndexes);
  const perIndex = isSet(spec.backoffLimitPerIndex);
  if (isSet(spec.maxFailedIndexes) && !perIndex)
    emit(
      at('maxFailedIndexes'),
      fieldError.required(at('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'),
      FN,
      'key',
    );
  const indexed = spec.completionMode === 'Indexed';
  if (indexed) {
    if (!isSet(spec.completions))
      emit(at('completionMode'), fieldError.required(at('completions'), 'when completion mode is Indexed'), FN);
    if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED)
      emit(
        at('parallelism'),
        fieldError.invalid(
          at('parallelism'),
          parallelism,
          `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`,
        ),
        FN,
      );
    if (completions !== undefined && maxFailed !== undefined && maxFailed > completions)
      emit(
        at('maxFailedIndexes'),
        fieldError.invalid(at('maxFailedIndexes'), maxFailed, 'must be less than or equal to completions'),
        FN,
      );
    if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES)
      emit(
        at('maxFailedIndexes'),
        fieldError.invalid(at('maxFailedIndexes'), maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES}`),
        FN,
      );
    if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && perIndex) {
      const high = `when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`;
      if (maxFailed === undefined && !isSet(spec.maxFailedIndexes))
        emit(
          at('completions'),
          fieldError.required(
            at('maxFailedIndexes'),
            `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`,
          ),
          FN,
        );
      if (parallelism !== undefined && parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS)
        emit(
          at('parallelism'),
          fieldError.invalid(
            at('parallelism'),
            parallelism,
            `must be less than or equal to ${PARALLELISM_LIMIT_HIGH_COMPLETIONS} ${high}`,
          ),
          FN,
        );
      if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES_HIGH_COMPLETIONS)
        emit(
          at('maxFailedIndexes'),
          fieldError.invalid(
            at('maxFailedIndexes'),
            maxFailed,
            `must be less than or equal to ${MAX_FAILED_INDEXES_HIGH_COMPLETIONS} ${high}`,
          ),
          FN,
        );
    }
  } else if (
    spec.completionMode === undefined ||
    spec.completionMode === null ||
    spec.completionMode === 'NonIndexed'
  ) {
    for (const key of ['backoffLimitPerIndex', 'maxFailedIndexes'])
      if (isSet(spec[key]))
        emit(at(key), fieldError.invalid(at(key), spec[key], 'requires indexed completion mode'), FN);
  }

  const template = isObj(spec.template) ? spec.template : {};
  const podSpec = isObj(template.spec) ? template.spec : {};
  const pfp = isObj(spec.podFailurePolicy) ? spec.podFailurePolicy : undefined;
  if (pfp) podFailurePolicy(spec, pfp, podSpec, at('podFailurePolicy'), emit);
  if (isObj(spec.successPolicy)) {
    if (!indexed)
      emit(
        at('successPolicy'),
        fieldError.invalid(at('successPolicy'), spec.successPolicy, 'requires indexed completion mode'),
        FN,
        'key',
      );
    else successPolicy(spec.successPolicy, completions, at('successPolicy'), emit);
  }
  // validatePodReplacementPolicy: with a pod failure policy only Failed is allowed (the enum is the schema's).
  if (pfp && typeof spec.podReplacementPolicy === 'string' && spec.podReplacementPolicy !== 'Failed')
    emit(
      at('podReplacementPolicy'),
      fieldError.notSupported(at('podReplacementPolicy'), spec.podReplacementPolicy, ['Failed']),
      'validatePodReplacementPolicy',
    );

  // restartPolicy after SetDefaults_PodSpec: unset means Always, which a Job may not use.
  const restartPath = at('template', 'spec', 'restartPolicy');
  const restart = podSpec.restartPolicy;
  const located = isSet(restart)
    ? restartPath
    : isObj(template.spec)
      ? at('template', 'spec')
      : isObj(spec.template)
        ? at('template')
        : path;
  if (restart === undefined || restart === null || restart === '' || restart === 'Always')
    emit(
      located,
      fieldError.required(restartPath, 'valid values: "OnFailure", "Never"'),
      FN,
      isSet(restart) ? 'value' : 'key',
    );
  else if (restart === 'OnFailure' && pfp)
    emit(
      restartPath,
      fieldError.invalid(restartPath, restart, 'only "Never" is supported when podFailurePolicy is specified'),
      FN,
    );
}

function podFailurePolicy(spec: Obj, pfp: Obj, podSpec: Obj, path: JsonPath, emit: Emit): void {
  const F = 'validatePodFailurePolicy';
  const rules = Array.isArray(pfp.rules) ? pfp.rules : [];
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES)
    emit(
      [...path, 'rules'],
      fieldError.tooMany([...path, 'rules'], rules.length, MAX_POD_FAILURE_POLICY_RULES),
      F,
      'key',
    );
  const containerNames = new Set<string>();
  for (const list of [podSpec.containers, podSpec.initContainers])
    if (Array.isArray(list))
      for (const c of list) if (isObj(c) && typeof c.name === 'string') containerNames.add(c.name);
  rules.forEach((rule, i) => {
    if (!isObj(rule)) return;
    const r = [...path, 'rules', i];
    const R = 'validatePodFailurePolicyRule';
    if (rule.action === 'FailIndex' && !isSet(spec.backoffLimitPerIndex))
      emit(
        [...r, 'action'],
        fieldError.invalid([...r, 'action'], 'FailIndex', 'requires the backoffLimitPerIndex to be set'),
        R,
      );
    const onExit = isObj(rule.onExitCodes) ? rule.onExitCodes : undefined;
    const onConds = Array.isArray(rule.onPodConditions) ? rule.onPodConditions : [];
    if (onExit) onExitCodes(onExit, [...r, 'onExitCodes'], containerNames, emit);
    if (onConds.length > 0) onPodConditions(onConds, [...r, 'onPodConditions'], emit);
    if (onExit && onConds.length > 0)
      emit(
        r,
        `${fieldPath(r)}: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported`,
        R,
        'key',
      );
    if (!onExit && onConds.length === 0)
      emit(
        r,
        `${fieldPath(r)}: Invalid value: specifying one of OnExitCodes and OnPodConditions is required`,
        R,
        'key',
      );
  });
}

function onExitCodes(req: Obj, path: JsonPath, containers: Set<string>, emit: Emit): void {
  const F = 'validatePodFailurePolicyRuleOnExitCodes';
  if (typeof req.containerName === 'string' && !containers.has(req.containerName))
    emit(
      [...path, 'containerName'],
      fieldError.invalid(
        [...path, 'containerName'],
        req.containerName,
        'must be one of the container or initContainer names in the pod template',
      ),
      F,
    );
  const values = Array.isArray(req.values) ? req.values : undefined;
  const vPath = [...path, 'values'];
  if (!values) return; // required: the schema reports it
  if (values.length === 0) emit(vPath, fieldError.invalid(vPath, [], 'at least one value is required'), F);
  else if (values.length > MAX_ON_EXIT_CODES_VALUES)
    emit(vPath, fieldError.tooMany(vPath, values.length, MAX_ON_EXIT_CODES_VALUES), F, 'key');
  const seen = new Set<number>();
  let ordered = true;
  values.forEach((v, j) => {
    if (typeof v !== 'number') return;
    if (req.operator === 'In' && v === 0)
      emit([...vPath, j], fieldError.invalid([...vPath, j], 0, 'must not be 0 for the In operator'), F);
    if (seen.has(v)) emit([...vPath, j], fieldError.duplicate([...vPath, j], v), F);
    seen.add(v);
    const prev = values[j - 1];
    if (j > 0 && typeof prev === 'number' && prev > v) ordered = false;
  });
  if (!ordered) emit(vPath, fieldError.invalid(vPath, values, 'must be ordered'), F);
}

function onPodConditions(patterns: unknown[], path: JsonPath, emit: Emit): void {
  const F = 'validatePodFailurePolicyRuleOnPodConditions';
  if (patterns.length > MAX_ON_POD_CONDITIONS)
    emit(path, fieldError.tooMany(path, patterns.length, MAX_ON_POD_CONDITIONS), F, 'key');
  patterns.forEach((p, j) => {
    if (!isObj(p)) return;
    const at = [...path, j];
    if (typeof p.type === 'string')
      for (const msg of qualifiedName(p.type))
        emit([...at, 'type'], fieldError.invalid([...at, 'type'], p.type, msg), F);
    if (p.status === '')
      emit([...at, 'status'], fieldError.required([...at, 'status'], 'valid values: ["False" "True" "Unknown"]'), F);
    else if (typeof p.status === 'string' && !['False', 'True', 'Unknown'].includes(p.status))
      emit([...at, 'status'], fieldError.notSupported([...at, 'status'], p.status, ['False', 'True', 'Unknown']), F);
  });
}

function successPolicy(policy: Obj, completions: number | undefined, path: JsonPath, emit: Emit): void {
  const F = 'validateSuccessPolicy';
  const rules = Array.isArray(policy.rules) ? policy.rules : [];
  if (rules.length === 0)
    emit(
      path,
      fieldError.required(
        [...path, 'rules'],
        'at least one rules must be specified when the successPolicy is specified',
      ),
      F,
      'key',
    );
  if (rules.length > MAX_SUCCESS_POLICY_RULES)
    emit([...path, 'rules'], fieldError.tooMany([...path, 'rules'], rules.length, MAX_SUCCESS_POLICY_RULES), F, 'key');
  rules.forEach((rule, i) => {
    if (!isObj(rule)) return;
    const r = [...path, 'rules', i];
    const R = 'validateSuccessPolicyRule';
    if (!isSet(rule.succeededCount) && !isSet(rule.succeededIndexes))
      emit(r, fieldError.required(r, 'at least one of succeededCount or succeededIndexes must be specified'), R, 'key');
    let total: number | undefined;
    if (typeof rule.succeededIndexes === 'string' && completions !== undefined) {
      const parsed = indexesFormat(rule.succeededIndexes, completions);
      if (typeof parsed === 'string')
        emit(
          [...r, 'succeededIndexes'],
          fieldError.invalid(
            [...r, 'succeededIndexes'],
            rule.succeededIndexes,
            `error parsing succeededIndexes: ${parsed}`,
          ),
          R,
        );
      else total = parsed;
    }
    const count = num(rule.succeededCount);
    if (count === undefined) return;
    const c = [...r, 'succeededCount'];
    if (count < 0) emit(c, fieldError.invalid(c, count, NEGATIVE_MSG), R);
    if (completions !== undefined && count > completions)
      emit(
        c,
        fieldError.invalid(
          c,
          count,
          `must be less than or equal to ${completions} (the number of specified completions)`,
        ),
        R,
      );
    if (total !== undefined && count > total)
      emit(
        c,
        fieldError.invalid(
          c,
          count,
          `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`,
        ),
        R,
      );
  });
}

/** validateIndexesFormat / parseIndexInterval: "1,3-5,7" in increasing order, each index below completions. */
function indexesFormat(text: string, completions: number): number | string {
  if (text === '') return 0;
  let last: number | undefined;
  let total = 0;
  for (const interval of text.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2)
      return `the fragment ${JSON.stringify(interval)} violates the requirement that an index interval can have at most two parts separated by '-'`;
    const parts: number[] = [];
    for (const l of limits) {
      if (!/^[+-]?[0-9]+$/.test(l)) return `cannot convert string to integer for index: ${JSON.stringify(l)}`;
      const n = Number(l);
      if (n >= completions) return `too large index: ${JSON.stringify(l)}`;
      parts.push(n);
    }
    const x = parts[0]!;
    const y = parts[1] ?? x;
    if (parts.length === 2 && x >= y) return `non-increasing order, previous: ${x}, current: ${y}`;
    if (last !== undefined && last >= x) return `non-increasing order, previous: ${last}, current: ${x}`;
    total += y - x + 1;
    last = y;
  }
  return total;
}
