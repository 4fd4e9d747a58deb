/**
 * A Service whose selector matches no pod has no endpoints: connections to it are refused or time
 * out. The usual cause is a label typo, so the message names the closest pod template.
 */
import { indexOf, objectLabel } from '../src/rules/format.js';
import { describeUnmatched } from '../src/rules/matching.js';
import type { Rule } from '../src/rules/types.js';
import { labelSelectingServices } from '../src/rules/services.js';

const rule: Rule = {
  id: 'service-selects-no-pods',
  severity: 'warning',
  category: 'consistency',
  description: "A Service's selector should match the pod template of at least one workload in its namespace.",
  rationale: [
    'A Service sends traffic to the pods its `spec.selector` matches. When no workload in the inputs has pods with',
    'those labels, the Service has no endpoints and every connection fails, often only noticed after deploying.',
    'Services without a selector (endpoints managed elsewhere) and `ExternalName` Services are not checked.',
    '',
    "Fix: make the selector equal to labels of the target workload's `spec.template.metadata.labels`. If the pods",
    'are deployed from another repository, suppress the finding with the `kubeplan.dev/ignore` annotation.',
  ].join('\n'),
  kubeLinter: 'dangling-service',
  kubeScore: 'service-targets-pod',
  check(context) {
    const index = indexOf(context);
    for (const { service, namespace, selector } of labelSelectingServices(context.manifests, index)) {
      const unmatched = describeUnmatched(index, namespace, selector);
      if (unmatched === undefined) continue;
      context.report({
        manifest: service,
        path: ['spec', 'selector'],
        message: `${objectLabel(service)}: selector ${unmatched}`,
      });
    }
  },
};

export default rule;
