import { describe, expect, it } from 'vitest';
import { DEFAULT_KUBE_VERSION, SUPPORTED_KUBE_VERSIONS } from '../../src/k8s/versions.js';
import { DEFAULT_RULE_OPTIONS } from '../../src/rules/engine.js';
import { BUILTIN_KUBE_VERSION } from '../../src/schema/builtin.js';

describe('Kubernetes version constant', () => {
  it('matches the precompiled built-in schemas', () => {
    expect(DEFAULT_KUBE_VERSION).toBe(BUILTIN_KUBE_VERSION);
    expect(SUPPORTED_KUBE_VERSIONS).toContain(DEFAULT_KUBE_VERSION);
  });
  it('is the rule engine default too (it was 1.34 while the product said 1.36)', () => {
    expect(DEFAULT_RULE_OPTIONS.kubeVersion).toBe(DEFAULT_KUBE_VERSION);
  });
});
