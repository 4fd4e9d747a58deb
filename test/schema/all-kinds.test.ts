/**
 * schemas/v1.36/all.json: one schema for a mixed folder (editors point yaml-language-server at it with one glob).
 * It must check each object against its own kind's schema and let kinds it does not know (CRDs) through.
 * Byte-for-byte drift against the generator is covered by generated.test.ts (it regenerates the whole folder).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(import.meta.dirname, '../../schemas/v1.36');
const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false });
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json'))
  ajv.addSchema(JSON.parse(readFileSync(path.join(dir, file), 'utf8')), file);
const validate = ajv.getSchema('all.json')!;

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
  },
};

describe('schemas/v1.36/all.json', () => {
  it('dispatches on apiVersion/kind: a valid Deployment and Service pass', () => {
    expect(validate(deployment)).toBe(true);
    expect(
      validate({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } }),
    ).toBe(true);
  });

  it("rejects what the kind's own schema rejects (a misspelt field, a wrong type)", () => {
    expect(validate({ ...deployment, spec: { ...deployment.spec, replica: 2 } })).toBe(false);
    expect(
      validate({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 'http' }] } }),
    ).toBe(false);
    // The same Service body under a Deployment's apiVersion/kind is checked as a Deployment.
    expect(validate({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 's' }, spec: { ports: [] } })).toBe(
      false,
    );
  });

  it('lets unknown kinds (custom resources) through, and requires apiVersion and kind', () => {
    expect(validate({ apiVersion: 'example.com/v1', kind: 'Widget', spec: { anything: true } })).toBe(true);
    expect(validate({ kind: 'Deployment', metadata: { name: 'x' } })).toBe(false);
  });
});
