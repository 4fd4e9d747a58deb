/**
 * Feature-gate defaults by release, as kubernetes pkg/features/kube_features.go lists them (versioned specs,
 * commit b0b89d3b of the 1.35/1.36 line): each expectation below is a row of that file.
 */
import { describe, expect, it } from 'vitest';
import { FEATURE_GATES, featureEnabled, featureSpec } from '../../src/k8s/feature-gates.js';

describe('feature gates by Kubernetes version', () => {
  it('MaxUnavailableStatefulSet: alpha (off) since 1.24, beta (on) in 1.35', () => {
    expect(featureEnabled('MaxUnavailableStatefulSet', '1.34')).toBe(false);
    expect(featureEnabled('MaxUnavailableStatefulSet', '1.35')).toBe(true);
    expect(featureSpec('MaxUnavailableStatefulSet', '1.36')?.stage).toBe('Beta');
  });

  it('PodLevelResources: alpha in 1.32, beta (on) in 1.34', () => {
    expect(featureEnabled('PodLevelResources', '1.33')).toBe(false);
    expect(featureEnabled('PodLevelResources', 'v1.34.1')).toBe(true);
  });

  it('SidecarContainers: on from 1.29 (beta), GA in 1.33', () => {
    expect(featureEnabled('SidecarContainers', '1.28')).toBe(false);
    expect(featureEnabled('SidecarContainers', '1.30')).toBe(true);
    expect(featureSpec('SidecarContainers', '1.33')?.stage).toBe('GA');
  });

  it('spreading gates: matchLabelKeys on from 1.27, nodeInclusionPolicy from 1.26 (GA 1.33), minDomains GA 1.30', () => {
    expect(featureEnabled('MatchLabelKeysInPodTopologySpread', '1.30')).toBe(true);
    expect(featureSpec('NodeInclusionPolicyInPodTopologySpread', '1.32')?.stage).toBe('Beta');
    expect(featureSpec('NodeInclusionPolicyInPodTopologySpread', '1.33')?.stage).toBe('GA');
    expect(featureSpec('MinDomainsInPodTopologySpread', '1.30')).toEqual({ since: 30, enabled: true, stage: 'GA' });
    expect(featureEnabled('MatchLabelKeysInPodAffinity', '1.30')).toBe(false);
    expect(featureEnabled('MatchLabelKeysInPodAffinity', '1.31')).toBe(true);
  });

  it('RelaxedEnvironmentVariableValidation: alpha (off) in 1.30, beta (on) in 1.32, GA in 1.34', () => {
    expect(featureEnabled('RelaxedEnvironmentVariableValidation', '1.31')).toBe(false);
    expect(featureEnabled('RelaxedEnvironmentVariableValidation', '1.32')).toBe(true);
    expect(featureSpec('RelaxedEnvironmentVariableValidation', '1.34')?.stage).toBe('GA');
  });

  it('defaults to the newest supported version and treats a gate as off before it existed', () => {
    for (const gate of FEATURE_GATES) expect(featureEnabled(gate)).toBe(featureEnabled(gate, '1.36'));
    expect(featureSpec('PodLevelResources', '1.20')).toBeUndefined();
    expect(featureEnabled('PodLevelResources', '1.20')).toBe(false);
  });
});
