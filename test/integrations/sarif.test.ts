/** SARIF as GitHub code scanning wants it, validated against the SARIF 2.1.0 JSON Schema (test/fixtures/sarif). */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { lintText } from '../../src/api/index.js';
import { ruleDocPath, ruleDocUrl } from '../../src/docs/rule-pages.js';
import { FINGERPRINT_KEY, renderSarif } from '../../src/output/sarif.js';

// The schema is draft-04; with no exclusiveMinimum/Maximum in it, only `id` differs from what ajv (draft-07) reads.
const {
  id,
  $schema: _draft,
  ...schema
} = JSON.parse(readFileSync('test/fixtures/sarif/sarif-2.1.0-rtm.5.json', 'utf8'));
// unicodeRegExp off: the schema's language pattern has a stray ']' that only non-unicode regular expressions accept.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
// ajv-formats is CommonJS: its default export is module.exports, whose `default` is the plugin.
formats.default(ajv);
const validate = ajv.compile({ ...schema, $id: id });

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: "two"
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      hostNetwork: true
      containers:
        - name: web
          image: nginx:latest
          securityContext: {privileged: true}
`;

interface SarifRule {
  id: string;
  helpUri: string;
  properties: { tags: string[]; 'security-severity'?: string };
}
interface SarifResult {
  ruleId: string;
  partialFingerprints: Record<string, string>;
  locations: { physicalLocation: { region: { startLine: number } } }[];
}
const sarifOf = (text: string) => {
  const log = JSON.parse(renderSarif(lintText(text, 'k8s/web.yaml'), { toolVersion: '0.1.0' }));
  return { log, rules: log.runs[0].tool.driver.rules as SarifRule[], results: log.runs[0].results as SarifResult[] };
};

describe('SARIF output', () => {
  const { log, rules, results } = sarifOf(MANIFEST);

  it('is valid SARIF 2.1.0', () => {
    expect(results.length).toBeGreaterThan(3);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('an invalid log fails the same validation (the schema is really applied)', () => {
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('every rule links its page (which exists in docs/rules) and has tags', () => {
    for (const rule of rules) {
      expect(rule.helpUri).toBe(ruleDocUrl(rule.id));
      expect(existsSync(ruleDocPath(rule.id)), ruleDocPath(rule.id)).toBe(true);
      expect(rule.properties.tags).toContain('kubernetes');
    }
  });

  it('security rules carry the "security" tag and a security-severity; others none', () => {
    const privileged = rules.find((r) => r.id === 'privileged-container')!;
    expect(privileged.properties.tags).toContain('security');
    expect(Number(privileged.properties['security-severity'])).toBeGreaterThan(0);
    const schemaType = rules.find((r) => r.id === 'schema/type')!;
    expect(schemaType.properties.tags).not.toContain('security');
    expect(schemaType.properties['security-severity']).toBeUndefined();
  });

  it('fingerprints are unique and survive lines moving; a changed finding gets a new one', () => {
    const prints = results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]);
    expect(new Set(prints).size).toBe(prints.length);
    const moved = sarifOf('# a comment\n# another\n' + MANIFEST);
    expect(moved.results[0]!.locations[0]!.physicalLocation.region.startLine).toBe(
      results[0]!.locations[0]!.physicalLocation.region.startLine + 2,
    );
    expect(moved.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY])).toEqual(prints);
    const renamed = sarifOf(MANIFEST.replace('name: web\n', 'name: api\n'));
    const before = new Set(prints);
    expect(renamed.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]).filter((p) => before.has(p))).toEqual([]);
  });
});
