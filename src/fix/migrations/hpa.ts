/**
 * autoscaling/v2beta1 and v2beta2 HorizontalPodAutoscaler → autoscaling/v2 (removed in 1.25 and 1.26).
 * v2beta2 has v2's fields. v2beta1 spelled a metric's target differently; for Resource metrics the conversion is
 * mechanical (as the API server's, pkg/apis/autoscaling/v2beta1/conversion.go, Kubernetes 1.23):
 *   targetAverageUtilization: N → target: {type: Utilization, averageUtilization: N}
 *   targetAverageValue: Q       → target: {type: AverageValue, averageValue: Q}
 * Pods, Object and External metrics also moved their metric names and selectors: an HPA with one is not fixed.
 * Without `metrics` both versions default to 80% average CPU, so only the apiVersion changes.
 */
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import type { TextEdit } from '../../core/types.js';
import { keyName, pairOf, span, type FixSource } from '../source.js';
import {
  indentStep,
  keyIndent,
  mapValue,
  plainTree,
  renderBlock,
  jsonStyle,
  renderFlow,
  scalarSource,
  type Block,
} from '../yaml-edits.js';
import type { Migration } from './types.js';

const TARGETS: Record<string, [type: string, field: string]> = {
  targetAverageUtilization: ['Utilization', 'averageUtilization'],
  targetAverageValue: ['AverageValue', 'averageValue'],
};

export const horizontalPodAutoscaler: Migration = {
  from: ['autoscaling/v2beta1', 'autoscaling/v2beta2'],
  kinds: ['HorizontalPodAutoscaler'],
  to: 'autoscaling/v2',
  summary:
    'v2beta2: no field changes; v2beta1: Resource metric targets become `target: {type: Utilization|AverageValue, …}`' +
    ' (not offered for Pods, Object or External metrics)',
  edits: ({ source, base, object, manifest }) => {
    if (manifest.ref.apiVersion === 'autoscaling/v2beta2') return [];
    const spec = mapValue(pairOf(object, 'spec'));
    const metricsPair = spec && pairOf(spec, 'metrics');
    if (!metricsPair || metricsPair.value === null || (isScalar(metricsPair.value) && metricsPair.value.value === null))
      return [];
    const metrics = metricsPair.value;
    if (!isSeq(metrics) || !plainTree(metrics)) return undefined;
    const step = indentStep(source, keyIndent(source, object, base), keyIndent(source, spec, base));
    const edits: TextEdit[] = [];
    for (const item of metrics.items) {
      if (!isMap(item)) return undefined;
      const type = pairOf(item as YAMLMap, 'type')?.value;
      const resource = mapValue(pairOf(item as YAMLMap, 'resource'));
      if (!isScalar(type) || type.value !== 'Resource' || !resource) return undefined;
      const edit = resourceTarget(source, base, resource, step);
      if (!edit) return undefined;
      edits.push(edit);
    }
    return edits;
  },
};

/** The one `targetAverage…` pair of a Resource metric, rewritten as a v2 `target` in place. */
function resourceTarget(source: FixSource, base: number, resource: YAMLMap, step: number): TextEdit | undefined {
  const old = resource.items.filter((p) => isScalar(p.key) && Object.hasOwn(TARGETS, keyName(p.key)));
  if (old.length !== 1 || pairOf(resource, 'target')) return undefined;
  const pair = old[0]!;
  const [type, field] = TARGETS[keyName(pair.key as never)]!;
  const value = scalarSource(source, pair.value, base);
  const start = span(pair.key, base)?.[0];
  const end = span(pair.value, base)?.[1];
  if (value === undefined || start === undefined || end === undefined) return undefined;
  const block: Block = [
    [
      'target',
      [
        ['type', { literal: type }],
        [field, value],
      ],
    ],
  ];
  if (resource.flow) return source.edit(start, end, renderFlow(block, jsonStyle(resource)).slice(1, -1));
  const indent = keyIndent(source, resource, base);
  return indent === undefined ? undefined : source.edit(start, end, renderBlock(block, indent, step, source.eol));
}
