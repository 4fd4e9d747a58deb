import { describe, expect, it } from 'vitest';
import rule from '../../rules/invalid-name.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.line, f.column, f.message]);
const obj = (kind: string, name: string, extra = '') =>
  `apiVersion: v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n${extra}`;

describe('invalid-name', () => {
  it('accepts valid names for each naming scheme', () => {
    expect(brief(obj('ConfigMap', 'app.config-1'))).toEqual([]);
    expect(brief(obj('Namespace', 'team-a'))).toEqual([]);
    expect(brief(obj('Service', 'web'))).toEqual([]);
    expect(brief(obj('ClusterRole', 'system:aggregate-to-view'))).toEqual([]);
    expect(brief(obj('Widget', 'Anything_Goes'))).toEqual([]); // unknown kinds: the CRD decides
    expect(brief('apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: job-\n')).toEqual([]);
  });

  it('rejects upper case and underscores in a DNS-1123 subdomain', () => {
    expect(brief(obj('ConfigMap', 'App_Config'))).toEqual([
      [
        4,
        9,
        "ConfigMap name \"App_Config\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      ],
    ]);
  });

  it('rejects Service names that start with a digit (DNS-1035) and dotted Namespace names (DNS-1123 label)', () => {
    expect(brief(obj('Service', '1web'))[0]?.[2]).toMatch(
      /^Service name "1web": a DNS-1035 label must .* start with an alphabetic character/,
    );
    expect(brief(obj('Namespace', 'team.a'))[0]?.[2]).toMatch(/^Namespace name "team.a": a lowercase RFC 1123 label/);
  });

  it('limits CronJob names to 52 characters and Job names to 63', () => {
    const long = 'a'.repeat(53);
    expect(brief(obj('CronJob', long))).toEqual([
      [
        4,
        9,
        `CronJob name "${long}": must be no more than 52 characters (CronJob names get an 11-character suffix for their Jobs)`,
      ],
    ]);
    expect(brief(obj('CronJob', 'a'.repeat(52)))).toEqual([]);
    expect(brief(obj('Job', 'j'.repeat(64)))[0]?.[2]).toContain(
      'must be no more than 63 characters (it becomes the job-name label)',
    );
  });

  it('requires a name or generateName, and checks metadata.namespace', () => {
    expect(brief('apiVersion: v1\nkind: Secret\nmetadata:\n  labels: {}\n')).toEqual([
      [3, 1, 'Secret has no metadata.name (name or generateName is required)'],
    ]);
    expect(brief(obj('Secret', 's', '').replace('  name: s\n', '  name: s\n  namespace: Prod\n'))).toEqual([
      [
        5,
        14,
        'metadata.namespace "Prod": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character',
      ],
    ]);
  });

  it('requires a name when metadata is missing altogether', () => {
    expect(brief('apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n')).toEqual([
      [2, 1, 'ConfigMap has no metadata.name (name or generateName is required)'],
    ]);
  });

  it('ignores names of the wrong type (schema validation reports those)', () => {
    expect(brief('apiVersion: v1\nkind: Secret\nmetadata:\n  name: 12\n')).toEqual([]);
  });
});
