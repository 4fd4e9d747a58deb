import { describe, expect, it } from 'vitest';
import rule from '../../rules/deprecated-api-version.js';
import {
  apiVersionStatus,
  describeApiVersionStatus,
  knownApiVersionChanges,
  parseKubeVersion,
} from '../../src/k8s/api-versions.js';
import { runRule } from './helpers.js';

const brief = (text: string, kubeVersion: string) =>
  runRule(rule, text, { kubeVersion }).map((f) => [f.ruleId, f.line, f.column, f.message]);

const cronJob = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: "@daily"\n';

describe('deprecated-api-version', () => {
  it('reports a deprecated, still served version at apiVersion, naming the replacement', () => {
    expect(brief(cronJob, '1.23')).toEqual([
      [
        'deprecated-api-version',
        1,
        13,
        'batch/v1beta1 CronJob is deprecated since Kubernetes 1.21 and no longer served from 1.25; use batch/v1',
      ],
    ]);
  });

  it('is silent before the deprecation and once the version is removed (schema validation reports that)', () => {
    expect(brief(cronJob, '1.20')).toEqual([]);
    expect(brief(cronJob, '1.25')).toEqual([]);
  });

  it('ignores current versions and custom resources', () => {
    expect(brief('apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: a}\n', '1.34')).toEqual([]);
    expect(brief('apiVersion: example.com/v1beta1\nkind: CronJob\nmetadata: {name: a}\n', '1.34')).toEqual([]);
  });

  it('reports deprecations without a planned removal', () => {
    expect(brief('apiVersion: v1\nkind: Endpoints\nmetadata: {name: a}\n', '1.34')).toEqual([
      [
        'deprecated-api-version',
        1,
        13,
        'v1 Endpoints is deprecated since Kubernetes 1.33; use discovery.k8s.io/v1 EndpointSlice',
      ],
    ]);
  });
});

describe('apiVersionStatus', () => {
  it('follows the deprecation guide', () => {
    expect(apiVersionStatus('extensions/v1beta1', 'Deployment', '1.15')).toEqual({
      status: 'deprecated',
      since: '1.9',
      removedIn: '1.16',
      replacement: 'apps/v1',
    });
    expect(apiVersionStatus('extensions/v1beta1', 'Ingress', '1.22')).toMatchObject({
      status: 'removed',
      removedIn: '1.22',
      replacement: 'networking.k8s.io/v1',
    });
    expect(apiVersionStatus('policy/v1beta1', 'PodDisruptionBudget', 'v1.25.3')).toMatchObject({
      status: 'removed',
      replacement: 'policy/v1',
    });
    expect(apiVersionStatus('autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.25')).toMatchObject({
      status: 'deprecated',
      removedIn: '1.26',
    });
    expect(apiVersionStatus('storage.k8s.io/v1beta1', 'CSIStorageCapacity', '1.27')).toMatchObject({
      status: 'removed',
    });
    expect(apiVersionStatus('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.31')).toMatchObject({
      status: 'deprecated',
      removedIn: '1.32',
    });
    expect(apiVersionStatus('apps/v1', 'Deployment', '1.34')).toEqual({ status: 'ok' });
  });

  it('names the newest replacement the target release serves', () => {
    expect(apiVersionStatus('flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema', '1.24').replacement).toBe(
      'flowcontrol.apiserver.k8s.io/v1beta2',
    );
    expect(apiVersionStatus('flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema', '1.30').replacement).toBe(
      'flowcontrol.apiserver.k8s.io/v1',
    );
    expect(apiVersionStatus('extensions/v1beta1', 'Ingress', '1.16').replacement).toBe('networking.k8s.io/v1beta1');
  });

  it('explains APIs that have no successor', () => {
    const status = apiVersionStatus('policy/v1beta1', 'PodSecurityPolicy', '1.34');
    expect(describeApiVersionStatus('policy/v1beta1', 'PodSecurityPolicy', status)).toBe(
      'policy/v1beta1 PodSecurityPolicy is no longer served since Kubernetes 1.25; there is no replacement API: enforce the Pod Security Standards with Pod Security Admission (namespace labels) or a policy engine',
    );
  });

  it('reads kube versions, and treats an unreadable one as the newest', () => {
    expect(parseKubeVersion('1.34')).toBe(34);
    expect(parseKubeVersion('v1.29.3-rc.1')).toBe(29);
    expect(parseKubeVersion('banana')).toBeUndefined();
    expect(apiVersionStatus('batch/v1beta1', 'CronJob', 'banana').status).toBe('removed');
  });

  it('keeps the table consistent: deprecation before removal, replacements served by the removal', () => {
    expect(knownApiVersionChanges().length).toBeGreaterThan(0);
    for (const entry of knownApiVersionChanges()) {
      const deprecated = parseKubeVersion(entry.deprecatedIn)!;
      if (entry.removedIn !== undefined)
        expect(deprecated, `${entry.apiVersion} ${entry.kind}`).toBeLessThan(parseKubeVersion(entry.removedIn)!);
      expect(apiVersionStatus(entry.apiVersion, entry.kind, `1.${deprecated - 1}`).status).toBe('ok');
    }
  });
});
