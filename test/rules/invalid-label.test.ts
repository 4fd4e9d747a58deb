import { describe, expect, it } from 'vitest';
import rule from '../../rules/invalid-label.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.line, f.column, f.message]);

const deployment = (labels: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
${labels}
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      nodeSelector:
        disktype: "ssd"
      containers: []
`;

describe('invalid-label', () => {
  it('accepts valid prefixed keys, empty values and the usual characters', () => {
    expect(brief(deployment('    app.kubernetes.io/name: web\n    tier: ""\n    v: "1.2.3_rc-1"'))).toEqual([]);
  });

  it('rejects a value with a space and points at the value', () => {
    expect(brief(deployment('    team: "platform team"'))).toEqual([
      [
        6,
        11,
        "label value \"platform team\" of \"team\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
      ],
    ]);
  });

  it('rejects a key with an invalid prefix, pointing at the key', () => {
    expect(brief(deployment('    Example.com/app: web'))).toEqual([
      [
        6,
        5,
        "label key \"Example.com/app\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
      ],
    ]);
  });

  it('rejects values over 63 characters in selectors too', () => {
    const long = 'x'.repeat(64);
    const text = deployment('    a: b').replace('      app: web\n  template', `      app: ${long}\n  template`);
    expect(brief(text)).toEqual([[10, 12, `selector value "${long}" of "app": must be no more than 63 characters`]]);
  });

  it('checks annotation keys but not annotation values', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n    "bad key": "any value at all, even with spaces"\n    ok/key: "x y"\n';
    expect(brief(text)).toEqual([
      [
        6,
        5,
        "annotation key \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
      ],
    ]);
  });

  it('does not treat ConfigMap data named "labels" as labels', () => {
    expect(brief('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  labels: "not a map"\n')).toEqual([]);
  });
});
