/**
 * extensions/v1beta1 and networking.k8s.io/v1beta1 Ingress → networking.k8s.io/v1 (removed in 1.22), as the
 * Deprecated API Migration Guide lists it and the API server's own conversion does it
 * (Convert_networking_IngressBackend_To_v1_IngressBackend, pkg/apis/networking/v1/conversion.go, Kubernetes 1.22):
 *  - `spec.backend` is renamed `spec.defaultBackend`;
 *  - a backend's `serviceName`/`servicePort` become `service.name` and `service.port.number` (an integer port) or
 *    `service.port.name` (a named port);
 *  - `pathType` is required: a path without one gets `ImplementationSpecific`, the v1beta1 default.
 * A quoted numeric servicePort ("80") is a port *name* to the old API but no valid name in v1: no fix is offered.
 */
import { isMap, isScalar, isSeq, type Pair, type YAMLMap } from 'yaml';
import type { TextEdit } from '../../core/types.js';
import { hasComment, pairOf, span, type FixSource } from '../source.js';
import {
  indentStep,
  insertAfter,
  jsonStyle,
  insertBefore,
  keyIndent,
  mapValue,
  plainTree,
  removePair,
  renderBlock,
  renderFlow,
  replaceScalar,
  scalarSource,
  type Block,
} from '../yaml-edits.js';
import type { Migration } from './types.js';

export const ingress: Migration = {
  from: ['extensions/v1beta1', 'networking.k8s.io/v1beta1'],
  kinds: ['Ingress'],
  to: 'networking.k8s.io/v1',
  summary:
    '`spec.backend` → `spec.defaultBackend`; `serviceName`/`servicePort` → `service.name`/`service.port.number`' +
    ' (or `.name`); `pathType: ImplementationSpecific` where a path has none; not offered for a quoted numeric' +
    ' servicePort',
  edits: ({ source, base, object }) => {
    const specPair = pairOf(object, 'spec');
    const spec = mapValue(specPair);
    if (!spec) return specPair ? undefined : [];
    if (!plainTree(spec)) return undefined;
    const step = indentStep(source, keyIndent(source, object, base), keyIndent(source, spec, base));
    const edits: TextEdit[] = [];
    const add = (more: TextEdit[] | TextEdit | undefined): boolean => {
      if (more === undefined) return false;
      for (const e of Array.isArray(more) ? more : [more]) edits.push(e);
      return true;
    };

    const backend = pairOf(spec, 'backend');
    if (backend) {
      if (pairOf(spec, 'defaultBackend')) return undefined;
      if (!add(replaceScalar(source, backend.key, base, 'defaultBackend'))) return undefined;
      if (!add(convertBackend(source, base, backend, step))) return undefined;
    }

    const rules = pairOf(spec, 'rules')?.value;
    if (isSeq(rules)) {
      for (const rule of rules.items) {
        if (!isMap(rule)) continue;
        const http = mapValue(pairOf(rule as YAMLMap, 'http'));
        const paths = http && pairOf(http, 'paths')?.value;
        if (!isSeq(paths)) continue;
        for (const item of paths.items) {
          if (!isMap(item)) return undefined;
          const path = item as YAMLMap;
          const pathBackend = pairOf(path, 'backend');
          if (pathBackend && !add(convertBackend(source, base, pathBackend, step))) return undefined;
          if (!pairOf(path, 'pathType') && !add(addPathType(source, base, path, step))) return undefined;
        }
      }
    }
    return edits;
  },
};

/** `serviceName: web` + `servicePort: 80` → `service: {name: web, port: {number: 80}}`, in the map's own style. */
function convertBackend(source: FixSource, base: number, pair: Pair, step: number): TextEdit[] | undefined {
  const map = mapValue(pair);
  if (!map) return undefined;
  const name = pairOf(map, 'serviceName');
  const port = pairOf(map, 'servicePort');
  if (!name && !port) return []; // a `resource` backend: the same in v1
  if (!name || !port || pairOf(map, 'service')) return undefined;
  const nameText =
    isScalar(name.value) && typeof name.value.value === 'string' && scalarSource(source, name.value, base);
  if (!nameText || !isScalar(port.value)) return undefined;
  const portValue = port.value.value;
  const portText = scalarSource(source, port.value, base);
  if (portText === undefined) return undefined;
  let portField: string;
  if (typeof portValue === 'number' && Number.isInteger(portValue)) portField = 'number';
  else if (typeof portValue === 'string' && !/^\d+$/.test(portValue)) portField = 'name';
  else return undefined;
  const service: Block = [
    [
      'service',
      [
        ['name', nameText],
        ['port', [[portField, portText]]],
      ],
    ],
  ];

  const [first, second] = offsetOf(name, base) < offsetOf(port, base) ? [name, port] : [port, name];
  const range = span(map, base);
  if (!range) return undefined;
  if (map.flow) {
    // A flow mapping is rebuilt from its items' own text, the two old pairs replaced by the new one in place.
    if (hasComment(source.text.slice(range[0], range[1]))) return undefined;
    const items: string[] = [];
    for (const item of map.items) {
      if (item === second) continue;
      if (item === first) items.push(renderFlow(service, jsonStyle(map)).slice(1, -1));
      else {
        const start = span(item.key, base)?.[0];
        const end = span(item.value, base)?.[1];
        if (start === undefined || end === undefined) return undefined;
        items.push(source.text.slice(start, end));
      }
    }
    return [source.edit(range[0], range[1], `{${items.join(', ')}}`)];
  }
  const indent = keyIndent(source, map, base);
  const firstStart = span(first.key, base)?.[0];
  const firstEnd = span(first.value, base)?.[1];
  if (indent === undefined || firstStart === undefined || firstEnd === undefined) return undefined;
  if (/[\r\n]/.test(source.text.slice(firstStart, firstEnd))) return undefined;
  const secondStart = span(second.key, base)?.[0];
  const secondEnd = span(second.value, base)?.[1];
  if (secondStart === undefined || secondEnd === undefined) return undefined;
  const secondOwnLine = source.text.slice(source.lineStart(secondStart), secondStart).trim() === '';
  if (map.items.indexOf(second) === map.items.indexOf(first) + 1 && secondOwnLine) {
    // Adjacent pairs become the first and the rest of `service:` in place: their trailing comments stay on their lines.
    if (/[\r\n]/.test(source.text.slice(secondStart, secondEnd))) return undefined;
    const nameBlock: Block = [['name', nameText]];
    const portBlock: Block = [['port', [[portField, portText]]]];
    const [head, tail] = first === name ? [nameBlock, portBlock] : [portBlock, nameBlock];
    return [
      source.edit(firstStart, firstEnd, renderBlock([['service', head]], indent, step, source.eol)),
      source.edit(secondStart, secondEnd, ' '.repeat(step) + renderBlock(tail, indent + step, step, source.eol)),
    ];
  }
  const removal = removePair(source, second, base);
  if (!removal) return undefined;
  return [source.edit(firstStart, firstEnd, renderBlock(service, indent, step, source.eol)), removal];
}

/** `pathType: ImplementationSpecific` after the path's `path:` (or first in the item when it has none). */
function addPathType(source: FixSource, base: number, item: YAMLMap, step: number): TextEdit | undefined {
  const block: Block = [['pathType', { literal: 'ImplementationSpecific' }]];
  const path = pairOf(item, 'path');
  const after = path && isScalar(path.value) ? insertAfter(source, item, path, base, block, step) : undefined;
  if (after) return after;
  const first = item.items[0];
  return first ? insertBefore(source, item, first, base, block, step) : undefined;
}

function offsetOf(pair: Pair, base: number): number {
  return span(pair.key, base)?.[0] ?? -1;
}
