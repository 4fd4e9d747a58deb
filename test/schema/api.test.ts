import { describe, expect, it } from 'vitest';
import {
  DEFAULT_KUBE_VERSION,
  fieldDoc,
  isKnownKind,
  SUPPORTED_KUBE_VERSIONS,
  supportedKubeVersion,
  validateManifests,
} from '../../src/schema/index.js';

describe('schema API', () => {
  it('names the Kubernetes version the built-in schemas describe', () => {
    expect(DEFAULT_KUBE_VERSION).toBe('1.36');
    expect(SUPPORTED_KUBE_VERSIONS).toEqual(['1.36']);
    expect(supportedKubeVersion('v1.36.2')).toBe('1.36');
    expect(() => supportedKubeVersion('1.20')).toThrow('Kubernetes version "1.20" is not supported; supported: 1.36');
    expect(() => validateManifests([], { kubeVersion: 'latest', strict: false })).toThrow(/not supported/);
  });

  it('knows the built-in kinds, by apiVersion', () => {
    expect(isKnownKind('apps/v1', 'Deployment')).toBe(true);
    expect(isKnownKind('autoscaling/v2', 'HorizontalPodAutoscaler')).toBe(true);
    expect(isKnownKind('v1', 'Deployment')).toBe(false);
    expect(isKnownKind('apps/v1', 'DeploymentList')).toBe(false);
    expect(isKnownKind('v1', 'toString')).toBe(false);
  });

  it('documents fields for editors, through lists, maps and references', () => {
    expect(fieldDoc('apps/v1', 'Deployment', ['spec', 'replicas'])).toMatch(/^Number of desired pods\./);
    expect(fieldDoc('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', 0, 'image'])).toMatch(
      /^Container image name\./,
    );
    expect(fieldDoc('v1', 'Pod', ['spec', 'containers', 3, 'resources', 'limits'])).toMatch(
      /^Limits describes the maximum amount of compute resources allowed/,
    );
    // A referenced type without a field description of its own falls back to the type's description.
    expect(fieldDoc('v1', 'Pod', ['metadata', 'ownerReferences', 0])).toMatch(
      /^OwnerReference contains enough information/,
    );
    expect(fieldDoc('v1', 'Service', ['spec', 'nope'])).toBeUndefined();
    expect(fieldDoc('example.com/v1', 'Widget', ['spec'])).toBeUndefined();
  });
});
