/** Probe handlers: the part of a probe that decides what is checked (not how often). */
import { isObj } from '../../core/values.js';

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

export function hasProbe(container: Record<string, unknown>, probe: 'readinessProbe' | 'livenessProbe'): boolean {
  return isObj(container[probe]);
}

/** A canonical text of the probe's handler, or undefined when it has none. */
export function handlerKey(probe: unknown): string | undefined {
  if (!isObj(probe)) return undefined;
  const handlers = HANDLERS.filter((h) => probe[h] !== undefined && probe[h] !== null).map(
    (h) => `${h}=${canonical(probe[h])}`,
  );
  return handlers.length === 0 ? undefined : handlers.join(';');
}

/** JSON with sorted keys, so key order in the YAML does not matter. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObj(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
