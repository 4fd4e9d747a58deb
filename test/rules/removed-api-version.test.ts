import { describe, expect, it } from 'vitest';
import rule from '../../rules/removed-api-version.js';
import { runRule } from './helpers.js';

const ingress = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: Ingress\nmetadata:\n  name: web\nspec: {}\n`;
const brief = (text: string, kubeVersion = '1.34') =>
  runRule(rule, text, { kubeVersion }).map((f) => [f.line, f.column, f.message]);

describe('removed-api-version', () => {
  it('accepts current apiVersions and versions still served by the target release', () => {
    expect(brief(ingress('networking.k8s.io/v1'))).toEqual([]);
    expect(brief(ingress('extensions/v1beta1'), '1.21')).toEqual([]); // deprecated there, not removed: another rule's job
  });

  it('reports extensions/v1beta1 Ingress from 1.22 on, naming the replacement', () => {
    expect(brief(ingress('extensions/v1beta1'), '1.22')).toEqual([
      [1, 13, 'extensions/v1beta1 Ingress is no longer served since Kubernetes 1.22; use networking.k8s.io/v1'],
    ]);
  });

  it('reports batch/v1beta1 CronJob for the default target', () => {
    const text = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: nightly\n';
    expect(brief(text)).toEqual([
      [1, 13, 'batch/v1beta1 CronJob is no longer served since Kubernetes 1.25; use batch/v1'],
    ]);
  });
});
