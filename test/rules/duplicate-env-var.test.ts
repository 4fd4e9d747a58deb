import { describe, expect, it } from 'vitest';
import rule from '../../rules/duplicate-env-var.js';
import { appPod, runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pod = (env: string) => appPod(`      env:\n${env}`);

describe('duplicate-env-var', () => {
  it('accepts distinct names (and the same name in different containers)', () => {
    expect(brief(pod('        - {name: PORT, value: "8080"}\n        - {name: HOST, value: localhost}\n'))).toEqual([]);
  });

  it('reports the later definition at its name', () => {
    expect(
      brief(
        pod(
          '        - {name: PORT, value: "8080"}\n        - {name: HOST, value: localhost}\n        - name: PORT\n          value: "9090"\n',
        ),
      ),
    ).toEqual([
      ['duplicate-env-var', 12, 17, 'container "app" defines PORT again (first at env[0]); the last definition wins'],
    ]);
  });
});
