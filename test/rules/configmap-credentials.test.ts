import { describe, expect, it } from 'vitest';
import rule from '../../rules/configmap-credentials.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const configMap = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
${data}`;

describe('configmap-credentials', () => {
  it('accepts ordinary settings', () => {
    expect(
      brief(configMap('  log_level: debug\n  secret_name: db-credentials\n  token_url: https://auth/token\n')),
    ).toEqual([]);
  });

  it('reports credential-like keys with literal values', () => {
    expect(brief(configMap('  log_level: debug\n  db_password: hunter2\n'))).toEqual([
      ['configmap-credentials', 7, 16, 'ConfigMap key "db_password" looks like a credential; move it to a Secret'],
    ]);
  });

  it('reports PEM private keys under any key', () => {
    expect(
      brief(
        configMap('  tls.pem: |\n    -----BEGIN RSA PRIVATE KEY-----\n    MIIB\n    -----END RSA PRIVATE KEY-----\n'),
      ),
    ).toEqual([
      ['configmap-credentials', 6, 12, 'ConfigMap key "tls.pem" contains a PEM private key; move it to a Secret'],
    ]);
  });

  it('ignores Secrets and odd shapes', () => {
    expect(brief('apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: x\n')).toEqual([]);
    expect(brief('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndata: [password]\n')).toEqual([]);
  });
});
