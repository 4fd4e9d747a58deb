/**
 * The committed schemas and validators are exactly what `npm run schemas` produces, and they
 * say what the generator promises (strictness, overlays, docs).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KUBE_VERSION } from '../../src/schema/index.js';
import { QUANTITY_PATTERN } from '../../src/k8s/quantity.js';

const repository = path.resolve(import.meta.dirname, '../..');
const schemaDir = `schemas/v${DEFAULT_KUBE_VERSION}`;
const generatedDirs = [schemaDir, 'src/schema/generated'];

function listFiles(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  return readdirSync(full).flatMap((name) => {
    const relative = path.join(dir, name);
    return statSync(path.join(root, relative)).isDirectory() ? listFiles(root, relative) : [relative];
  });
}

describe('generated schemas and validators', () => {
  let regenerated: string;

  beforeAll(() => {
    regenerated = mkdtempSync(path.join(tmpdir(), 'kubeplan-schemas-'));
    execFileSync(process.execPath, [path.join(repository, 'scripts/gen-schemas.mjs'), '--root', regenerated], {
      stdio: 'pipe',
    });
  }, 60_000);
  afterAll(() => rmSync(regenerated, { recursive: true, force: true }));

  it('are byte-for-byte what the generator produces (run `npm run schemas` after changing it)', () => {
    for (const dir of generatedDirs) {
      const committed = listFiles(repository, dir).sort();
      expect(committed.length, `${dir} holds generated files`).toBeGreaterThan(0);
      expect(listFiles(regenerated, dir).sort()).toEqual(committed);
      for (const file of committed) {
        const fresh = readFileSync(path.join(regenerated, file));
        const mismatch = fresh.equals(readFileSync(path.join(repository, file))) ? undefined : file;
        expect(mismatch, `${file} differs from a fresh generation`).toBeUndefined();
      }
    }
  });

  describe('content', () => {
    const definitions = JSON.parse(
      readFileSync(path.join(repository, schemaDir, '_definitions.json'), 'utf8'),
    ).definitions;
    const index = JSON.parse(readFileSync(path.join(repository, schemaDir, 'index.json'), 'utf8'));

    it('covers the kinds kubeplan users write', () => {
      const kinds = new Set(index.kinds.map((k: { apiVersion: string; kind: string }) => `${k.apiVersion} ${k.kind}`));
      for (const kind of [
        'apps/v1 Deployment',
        'apps/v1 StatefulSet',
        'apps/v1 DaemonSet',
        'apps/v1 ReplicaSet',
        'v1 Service',
        'v1 Pod',
        'v1 ConfigMap',
        'v1 Secret',
        'v1 PersistentVolumeClaim',
        'v1 Namespace',
        'v1 ServiceAccount',
        'batch/v1 Job',
        'batch/v1 CronJob',
        'networking.k8s.io/v1 Ingress',
        'networking.k8s.io/v1 NetworkPolicy',
        'autoscaling/v2 HorizontalPodAutoscaler',
        'autoscaling/v1 HorizontalPodAutoscaler',
        'policy/v1 PodDisruptionBudget',
        'rbac.authorization.k8s.io/v1 ClusterRoleBinding',
        'apiextensions.k8s.io/v1 CustomResourceDefinition',
        'admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration',
        'discovery.k8s.io/v1 EndpointSlice',
      ]) {
        expect(kinds.has(kind), kind).toBe(true);
      }
      expect(
        index.kinds.find(
          (k: { apiVersion: string; kind: string }) => k.kind === 'Deployment' && k.apiVersion === 'apps/v1',
        ).file,
      ).toBe('deployment-apps-v1.json');
    });

    it('closes declared objects, keeps maps open, and keeps required fields, enums and docs', () => {
      const deploymentSpec = definitions['apps.v1.DeploymentSpec'];
      expect(deploymentSpec.additionalProperties).toBe(false);
      expect(deploymentSpec.required).toEqual(['selector', 'template']);
      expect(deploymentSpec.properties.replicas).toMatchObject({ type: 'integer', format: 'int32' });
      expect(deploymentSpec.properties.replicas.description).toMatch(/^Number of desired pods/);
      expect(definitions['meta.v1.ObjectMeta'].properties.labels).toMatchObject({
        type: 'object',
        additionalProperties: { type: 'string' },
      });
      expect(definitions['core.v1.ResourceRequirements'].properties.limits.additionalProperties).toEqual({
        $ref: '#/definitions/api.resource.Quantity',
      });
      expect(definitions['core.v1.ServiceSpec'].properties.type.enum).toEqual([
        'ClusterIP',
        'ExternalName',
        'LoadBalancer',
        'NodePort',
      ]);
      expect(definitions['apps.v1.Deployment'].properties.apiVersion).toMatchObject({ const: 'apps/v1' });
      expect(definitions['core.v1.Secret'].properties.data.additionalProperties).toEqual({
        type: 'string',
        format: 'byte',
      });
      expect(definitions['core.v1.PodSecurityContext'].properties.supplementalGroups.items).toEqual({
        type: 'integer',
        format: 'int64',
      });
    });

    it('applies the overlays: int-or-string, quantity (the same grammar the runtime explains), times', () => {
      expect(definitions['util.intstr.IntOrString']).toMatchObject({ type: ['integer', 'string'] });
      expect(definitions['api.resource.Quantity']).toMatchObject({
        type: ['string', 'number'],
        pattern: QUANTITY_PATTERN,
      });
      expect(definitions['meta.v1.Time']).toMatchObject({ type: 'string', format: 'date-time' });
      expect(definitions['apps.v1.RollingUpdateDeployment'].properties.maxSurge.$ref).toBe(
        '#/definitions/util.intstr.IntOrString',
      );
      expect(definitions['policy.v1.PodDisruptionBudgetSpec'].properties.minAvailable.$ref).toBe(
        '#/definitions/util.intstr.IntOrString',
      );
    });
  });
});
