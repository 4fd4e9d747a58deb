import type { Finding } from '../../src/core/types.js';
import { loadText } from '../../src/load/index.js';
import { DEFAULT_KUBE_VERSION, validateManifests, type SchemaOptions } from '../../src/schema/index.js';

/** Schema findings for a YAML text; fails the test if the text itself does not load cleanly. */
export function check(yaml: string, options: Partial<SchemaOptions> = {}): Finding[] {
  const { manifests, findings } = loadText(yaml, 'm.yaml');
  const loadErrors = findings.filter((f) => f.severity === 'error');
  if (loadErrors.length > 0) throw new Error(`fixture does not load: ${JSON.stringify(loadErrors)}`);
  return validateManifests(manifests, { kubeVersion: DEFAULT_KUBE_VERSION, strict: false, ...options });
}

/** The parts of a finding a test pins: rule, start position, message. */
export const brief = (findings: Finding[]) =>
  findings.map((f) => ({ ruleId: f.ruleId, line: f.line, column: f.column, message: f.message }));

/** Lines joined with newlines, so fixtures can be written one line per array entry and line numbers stay countable. */
export const yaml = (...lines: string[]) => `${lines.join('\n')}\n`;
