/**
 * extensions/v1beta1, apps/v1beta1 and apps/v1beta2 Deployment, DaemonSet, StatefulSet and ReplicaSet → apps/v1
 * (removed in 1.16). The Migration Guide's one required change: `spec.selector` is required in apps/v1, where the
 * beta versions defaulted it to the pod template's labels — so when it is absent the fix writes exactly that default
 * (`matchLabels` = `spec.template.metadata.labels`). Fields apps/v1 dropped (`spec.rollbackTo`,
 * `spec.templateGeneration`) have no mechanical replacement: such objects are left alone.
 * As the guide does, the fix does not pin the beta versions' other defaults: apps/v1's apply from then on (for
 * example an extensions/v1beta1 DaemonSet without `updateStrategy` moves from OnDelete to RollingUpdate).
 */
import { isScalar } from 'yaml';
import { hasMergeKey, keyName, pairOf } from '../source.js';
import {
  indentStep,
  insertBefore,
  jsonStyle,
  keyIndent,
  mapValue,
  plainTree,
  scalarSource,
  type Block,
} from '../yaml-edits.js';
import type { Migration } from './types.js';

export const workloads: Migration = {
  from: ['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2'],
  kinds: ['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet'],
  to: 'apps/v1',
  summary:
    'adds `spec.selector.matchLabels` from the template labels when there is no selector (the old default); not' +
    ' offered without template labels or with `spec.rollbackTo`/`spec.templateGeneration`; apps/v1 defaults apply' +
    ' from then on (an extensions/v1beta1 DaemonSet without `updateStrategy` moves from OnDelete to RollingUpdate)',
  edits: ({ source, base, object }) => {
    const specPair = pairOf(object, 'spec');
    const spec = mapValue(specPair);
    if (!spec) return specPair ? undefined : [];
    if (hasMergeKey(spec) || pairOf(spec, 'rollbackTo') || pairOf(spec, 'templateGeneration')) return undefined;
    if (pairOf(spec, 'selector')) return [];
    const templatePair = pairOf(spec, 'template');
    const template = mapValue(templatePair);
    const metadata = template && mapValue(pairOf(template, 'metadata'));
    const labels = metadata && mapValue(pairOf(metadata, 'labels'));
    if (!templatePair || !labels || labels.items.length === 0 || !plainTree(labels)) return undefined;
    const matchLabels: Block = [];
    // In a JSON-style flow mapping the renderer quotes keys itself; elsewhere the key is copied as written.
    const json = jsonStyle(spec);
    for (const pair of labels.items) {
      const key = json && isScalar(pair.key) ? keyName(pair.key) : scalarSource(source, pair.key, base);
      const value = isScalar(pair.value) ? scalarSource(source, pair.value, base) : undefined;
      if (key === undefined || value === undefined) return undefined;
      matchLabels.push([key, value]);
    }
    const step = indentStep(source, keyIndent(source, object, base), keyIndent(source, spec, base));
    const edit = insertBefore(source, spec, templatePair, base, [['selector', [['matchLabels', matchLabels]]]], step);
    return edit ? [edit] : undefined;
  },
};
