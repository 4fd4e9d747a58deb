/**
 * invalid-hpa-spec: validateHorizontalPodAutoscalerSpec, validateMetricSpec and its source/target validators,
 * validateScalingRules / validateScalingPolicy (kubernetes pkg/apis/autoscaling/validation/validation.go), on the
 * object after SetDefaults_HorizontalPodAutoscaler (pkg/apis/autoscaling/v2/defaults.go: minReplicas 1).
 */
import { describe, expect, it } from 'vitest';
import rule from '../../rules/invalid-hpa-spec.js';
import { runRule } from './helpers.js';

const messages = (text: string, kubeVersion?: string) =>
  runRule(rule, text, kubeVersion ? { kubeVersion } : {}).map((f) => f.message);
const brief = (text: string) => runRule(rule, text).map((f) => [f.line, f.column, f.message]);

const hpa = (fields: string, apiVersion = 'autoscaling/v2') => `apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
${fields}`;

const metric = (yaml: string) => hpa(`  maxReplicas: 3\n  metrics:\n${yaml}`);

describe('invalid-hpa-spec', () => {
  it('accepts valid replica bounds, metrics and behavior', () => {
    expect(brief(hpa('  maxReplicas: 1\n'))).toEqual([]); // minReplicas defaults to 1
    expect(brief(hpa('  minReplicas: 2\n  maxReplicas: 2\n'))).toEqual([]);
    expect(
      brief(hpa('  minReplicas: 1\n  maxReplicas: 4\n  targetCPUUtilizationPercentage: 70\n', 'autoscaling/v1')),
    ).toEqual([]);
    expect(
      brief(
        metric(
          [
            '    - type: Resource',
            '      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}',
            '    - type: ContainerResource',
            '      containerResource: {name: memory, container: app, target: {type: AverageValue, averageValue: 500Mi}}',
            '    - type: Pods',
            '      pods: {metric: {name: requests_per_second}, target: {type: AverageValue, averageValue: "1k"}}',
            '    - type: Object',
            '      object:',
            '        describedObject: {apiVersion: networking.k8s.io/v1, kind: Ingress, name: main}',
            '        metric: {name: requests-per-second}',
            '        target: {type: Value, value: 10k}',
            '    - type: External',
            '      external: {metric: {name: queue_messages_ready}, target: {type: AverageValue, averageValue: 30}}',
            '  behavior:',
            '    scaleDown:',
            '      stabilizationWindowSeconds: 300',
            '      selectPolicy: Min',
            '      policies: [{type: Percent, value: 10, periodSeconds: 60}]',
            '    scaleUp:',
            '      stabilizationWindowSeconds: 0',
            '      policies: null',
            '',
          ].join('\n'),
        ),
      ),
    ).toEqual([]);
  });

  it('rejects maxReplicas below minReplicas (explicit or defaulted) and below 1', () => {
    expect(brief(hpa('  minReplicas: 5\n  maxReplicas: 3\n'))).toEqual([
      [
        8,
        16,
        'spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas` (validateHorizontalPodAutoscalerSpec)',
      ],
    ]);
    expect(messages(hpa('  maxReplicas: 0\n'))).toEqual([
      'spec.maxReplicas: Invalid value: 0: must be greater than 0 (validateHorizontalPodAutoscalerSpec)',
      'spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas` (validateHorizontalPodAutoscalerSpec)',
    ]);
  });

  it('rejects minReplicas 0 unless HPAScaleToZero is on (Alpha, off by default)', () => {
    expect(messages(hpa('  minReplicas: 0\n  maxReplicas: 3\n'))).toEqual([
      'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1 (validateHorizontalPodAutoscalerSpec)',
    ]);
    expect(messages(hpa('  minReplicas: -1\n  maxReplicas: 3\n', 'autoscaling/v1'), '1.30')).toEqual([
      'spec.minReplicas: Invalid value: -1: must be greater than or equal to 1 (validateHorizontalPodAutoscalerSpec)',
    ]);
  });

  it('rejects an empty or malformed scaleTargetRef', () => {
    const text = hpa('  maxReplicas: 3\n').replace('kind: Deployment, name: web', 'kind: "", name: "a/b"');
    expect(messages(text)).toEqual([
      'spec.scaleTargetRef.kind: Required value (ValidateCrossVersionObjectReference)',
      'spec.scaleTargetRef.name: Invalid value: "a/b": may not contain \'/\' (ValidateCrossVersionObjectReference)',
    ]);
  });

  it('rejects a metric whose type and source disagree', () => {
    expect(
      messages(
        metric(
          '    - type: Resource\n      pods: {metric: {name: x}, target: {type: AverageValue, averageValue: 1}}\n',
        ),
      ),
    ).toEqual([
      'spec.metrics[0].resource: Required value: must populate information for the given metric source (validateMetricSpec)',
    ]);
    // Two sources: the one the type names is kept, the other is forbidden (only when more than one is present).
    expect(
      messages(
        metric(
          '    - type: Resource\n      resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}\n      pods: {metric: {name: x}, target: {type: AverageValue, averageValue: 1}}\n',
        ),
      ),
    ).toEqual(['spec.metrics[0].pods: Forbidden: must populate the given metric source only (validateMetricSpec)']);
    expect(
      messages(
        metric('    - type: Cpu\n      resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}\n'),
      ),
    ).toEqual([
      'spec.metrics[0].type: Unsupported value: "Cpu": supported values: "ContainerResource", "External", "Object", "Pods", "Resource" (validateMetricSpec)',
    ]);
  });

  it('rejects metric targets that are missing, doubled or not positive', () => {
    expect(
      messages(metric('    - type: Resource\n      resource: {name: cpu, target: {type: Utilization}}\n')),
    ).toEqual([
      'spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization (validateResourceSource)',
    ]);
    expect(
      messages(
        metric(
          '    - type: Resource\n      resource: {name: cpu, target: {type: Percent, averageUtilization: 0, averageValue: "0"}}\n',
        ),
      ),
    ).toEqual([
      'spec.metrics[0].resource.target.type: Invalid value: "Percent": must be either Utilization, Value, or AverageValue (validateMetricTarget)',
      'spec.metrics[0].resource.target.averageValue: Invalid value: "0": must be positive (validateMetricTarget)',
      'spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0 (validateMetricTarget)',
      'spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization (validateResourceSource)',
    ]);
    expect(
      messages(metric('    - type: Pods\n      pods: {metric: {name: ""}, target: {type: Value, value: "-1"}}\n')),
    ).toEqual([
      'spec.metrics[0].pods.metric.name: Required value: must specify a metric name (validateMetricIdentifier)',
      'spec.metrics[0].pods.target.value: Invalid value: "-1": must be positive (validateMetricTarget)',
      'spec.metrics[0].pods.target.averageValue: Required value: must specify a positive target averageValue (validatePodsSource)',
    ]);
    expect(
      messages(
        metric(
          '    - type: External\n      external: {metric: {name: q}, target: {type: Value, value: 1, averageValue: 2}}\n',
        ),
      ),
    ).toEqual([
      'spec.metrics[0].external.target.value: Forbidden: may not set both a target value for metric and a per-pod target (validateExternalSource)',
    ]);
    expect(
      messages(
        metric(
          '    - type: ContainerResource\n      containerResource: {name: cpu, container: App_1, target: {type: Utilization, averageUtilization: 60}}\n',
        ),
      ),
    ).toEqual([
      'spec.metrics[0].containerResource.container: Invalid value: "App_1": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (validateContainerResourceSource)',
    ]);
    expect(messages(hpa('  maxReplicas: 3\n  targetCPUUtilizationPercentage: 0\n', 'autoscaling/v1'))).toEqual([
      'spec.targetCPUUtilizationPercentage: Invalid value: 0: must be greater than 0 (validateMetricTarget)',
    ]);
  });

  it('rejects behavior rules outside the allowed ranges', () => {
    const text = hpa(
      [
        '  maxReplicas: 3',
        '  behavior:',
        '    scaleUp:',
        '      stabilizationWindowSeconds: 3601',
        '      selectPolicy: Biggest',
        '      policies: []',
        '    scaleDown:',
        '      stabilizationWindowSeconds: -1',
        '      policies: [{type: Replicas, value: 0, periodSeconds: 1801}, {type: Pods, value: 1, periodSeconds: 0}]',
        '',
      ].join('\n'),
    );
    expect(messages(text)).toEqual([
      'spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 3601: must be less than or equal to 3600 (validateScalingRules)',
      'spec.behavior.scaleUp.selectPolicy: Unsupported value: "Biggest": supported values: "Disabled", "Max", "Min" (validateScalingRules)',
      'spec.behavior.scaleUp.policies: Required value: must specify at least one Policy (validateScalingRules)',
      'spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: -1: must be greater than or equal to zero (validateScalingRules)',
      'spec.behavior.scaleDown.policies[0].type: Unsupported value: "Replicas": supported values: "Percent", "Pods" (validateScalingPolicy)',
      'spec.behavior.scaleDown.policies[0].value: Invalid value: 0: must be greater than zero (validateScalingPolicy)',
      'spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 1801: must be less than or equal to 1800 (validateScalingPolicy)',
      'spec.behavior.scaleDown.policies[1].periodSeconds: Invalid value: 0: must be greater than zero (validateScalingPolicy)',
    ]);
  });
});
