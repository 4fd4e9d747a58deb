import { describe, expect, it } from 'vitest';
import rule from '../../rules/env-var-secret.js';
import { isCredentialName } from '../../src/rules/best-practice/credentials.js';
import { appPod, runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pod = (env: string) => appPod(`      env:\n${env}`);

describe('env-var-secret', () => {
  it('accepts secretKeyRef, non-credential names and non-secret values', () => {
    expect(
      brief(pod('        - name: DB_PASSWORD\n          valueFrom: {secretKeyRef: {name: db, key: password}}\n')),
    ).toEqual([]);
    expect(brief(pod('        - {name: LOG_LEVEL, value: debug}\n'))).toEqual([]);
    expect(brief(pod('        - {name: TOKEN_FILE, value: /var/run/secrets/token}\n'))).toEqual([]);
    expect(brief(pod('        - {name: DB_PASSWORD, value: "$(FROM_SECRET)"}\n'))).toEqual([]);
    expect(brief(pod('        - {name: API_KEY, value: ""}\n'))).toEqual([]);
    expect(brief(pod('        - {name: MYSQL_ALLOW_EMPTY_PASSWORD, value: "1"}\n'))).toEqual([]);
  });

  it('reports a literal credential at its value, without repeating it', () => {
    expect(brief(pod('        - name: SECRET_BLAH\n          value: secretsquirrels\n'))).toEqual([
      [
        'env-var-secret',
        11,
        18,
        'container "app" sets SECRET_BLAH to a literal value that looks like a credential; reference a Secret with valueFrom.secretKeyRef',
      ],
    ]);
  });

  it('matches names loosely', () => {
    for (const name of ['DB_PASSWORD', 'apiKey', 'GITHUB_TOKEN', 'aws_secret_access_key', 'PRIVATE-KEY', 'Credentials'])
      expect(isCredentialName(name), name).toBe(true);
    for (const name of ['SECRET_NAME', 'TOKEN_URL', 'PASSWORD_FILE', 'LOG_LEVEL', 'TOKEN_TTL'])
      expect(isCredentialName(name), name).toBe(false);
  });

  it('reports PEM private keys under any name, whatever the number of dashes', () => {
    const key = (dashes: string, kind: string) =>
      pod(
        `        - name: SIGNING_MATERIAL\n          value: "${dashes}BEGIN ${kind}PRIVATE KEY${dashes}\\nMIIEow\\n"\n`,
      );
    for (const [dashes, kind] of [
      ['-----', 'RSA '],
      ['-----', 'OPENSSH '],
      ['-----', ''],
      ['----', 'EC '],
    ] as const)
      expect(brief(key(dashes, kind)).map((f) => f[3])).toEqual([
        'container "app" sets SIGNING_MATERIAL to a PEM private key; reference a Secret with valueFrom.secretKeyRef',
      ]);
    // A certificate is public: not reported.
    expect(brief(pod('        - {name: CA_BUNDLE, value: "-----BEGIN CERTIFICATE-----\\nMIIB\\n"}\n'))).toEqual([]);
  });

  it('knows the Azure and OCI CLI credential variables', () => {
    for (const name of ['AZURE_STORAGE_KEY', 'AZURE_CLIENT_KEY', 'OCI_CLI_KEY_CONTENT'])
      expect(isCredentialName(name)).toBe(true);
    expect(isCredentialName('AZURE_KEY_VAULT_NAME')).toBe(false);
    expect(brief(pod('        - {name: AZURE_STORAGE_KEY, value: c29tZWtleQ==}\n'))).toHaveLength(1);
  });
});
