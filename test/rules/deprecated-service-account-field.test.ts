import { describe, expect, it } from 'vitest';
import rule from '../../rules/deprecated-service-account-field.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const deployment = (fields: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
${fields}      containers: [{name: app, image: app:1}]
`;

describe('deprecated-service-account-field', () => {
  it('accepts serviceAccountName', () => {
    expect(brief(deployment('      serviceAccountName: api\n'))).toEqual([]);
  });

  it('reports the alias at its key', () => {
    expect(brief(deployment('      serviceAccount: api\n'))).toEqual([
      ['deprecated-service-account-field', 8, 7, 'serviceAccount is a deprecated alias; use serviceAccountName: api'],
    ]);
  });

  it('explains a conflicting alias', () => {
    expect(brief(deployment('      serviceAccountName: api\n      serviceAccount: admin\n'))).toEqual([
      [
        'deprecated-service-account-field',
        9,
        7,
        'serviceAccount "admin" is ignored: serviceAccountName "api" wins; remove the deprecated serviceAccount field',
      ],
    ]);
  });
});
