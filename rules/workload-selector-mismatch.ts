/**
 * A controller's selector must select the pods of its own template: the API server rejects a
 * Deployment, ReplicaSet, StatefulSet or DaemonSet whose template labels do not match
 * ("`selector` does not match template `labels`"), and an empty selector ("empty selector is
 * invalid"). We check it offline with the same label semantics, and point at the failing label.
 */
import { objectLabel } from '../src/rules/format.js';
import { describeLabels, describeRequirement, describeSelector, unmetRequirements } from '../src/k8s/label-selector.js';
import type { Rule } from '../src/rules/types.js';
import { controllerSelectorOf, podTemplateOf } from '../src/rules/workloads.js';

const rule: Rule = {
  id: 'workload-selector-mismatch',
  severity: 'error',
  category: 'consistency',
  description: "A workload's selector must match the labels of its own pod template.",
  rationale: [
    'Deployments, ReplicaSets, StatefulSets, DaemonSets, ReplicationControllers and Jobs with `manualSelector: true`',
    'own the pods their `spec.selector` matches. The API server rejects the object when the selector does not match',
    "the template's labels, or when the selector is empty (`{}` would adopt every pod in the namespace).",
    '',
    'Fix: make `spec.template.metadata.labels` a superset of `spec.selector.matchLabels` (and satisfy every',
    '`matchExpressions` entry). Remember that the selector of an apps/v1 workload cannot be changed after creation.',
  ].join('\n'),
  kubeLinter: 'mismatching-selector',
  kubeScore: 'deployment-pod-selector-labels-match-template-metadata-labels',
  references: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector',
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
  ],
  examples: {
    bad: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  selector:',
      '    matchLabels:',
      '      app: api-server',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: api',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
    good: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  selector:',
      '    matchLabels:',
      '      app: api',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: api',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const manifest of context.manifests) {
      const owned = controllerSelectorOf(manifest);
      const template = podTemplateOf(manifest);
      if (!owned || !template || !owned.present) continue;
      const { selector } = owned;
      const name = objectLabel(manifest);
      if (selector.type === 'invalid') {
        context.report({
          manifest,
          path: [...owned.path, ...selector.path],
          message: `${name}: invalid selector: ${selector.reason}`,
        });
      } else if (selector.type === 'everything') {
        context.report({
          manifest,
          path: owned.path,
          message: `${name}: empty selector is invalid (it would select every pod in the namespace)`,
        });
      } else {
        const unmet = unmetRequirements(selector, template.labels);
        if (unmet.length === 0) continue;
        context.report({
          manifest,
          path: [...owned.path, ...(unmet[0]!.path ?? [])],
          message: `${name}: selector ${describeSelector(selector)} does not match template labels ${describeLabels(template.labels)} (unmatched: ${unmet.map(describeRequirement).join(', ')})`,
        });
      }
    }
  },
};

export default rule;
