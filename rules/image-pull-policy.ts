import { isLatest, parseImage } from '../src/rules/best-practice/image.js';
import { workloadContainersOf } from '../src/rules/containers.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'image-pull-policy',
  severity: 'warning',
  category: 'reliability',
  description: 'imagePullPolicy should fit the image reference: Always for mutable tags, never Never.',
  rationale: [
    'With a mutable reference (`:latest` or no tag) and `imagePullPolicy: IfNotPresent`, each node keeps whichever',
    'image it pulled first, so replicas silently run different builds. `imagePullPolicy: Never` makes pods fail',
    '(`ErrImageNeverPull`) on any node that does not already have the image, e.g. after a node is replaced.',
    '',
    'Fix: pin the image to a version tag or digest (the default policy is then IfNotPresent, which is right for',
    'immutable references), or set `imagePullPolicy: Always` for mutable tags. Use `Never` only for images',
    'baked into the node image.',
    '',
    'Unlike kube-score, an omitted policy with a version tag is not reported: the default (IfNotPresent) is correct',
    'for a tag you never move.',
  ].join('\n'),
  kubeScore: 'container-image-pull-policy',
  polaris: 'pullPolicyNotAlways',
  references: ['https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy'],
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:latest',
      '      imagePullPolicy: IfNotPresent',
      '',
    ].join('\n'),
    good: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '      imagePullPolicy: IfNotPresent',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const ref of workloadContainersOf(context.manifests)) {
      const { image, imagePullPolicy: policy } = ref.container;
      if (typeof policy !== 'string') continue;
      const path = [...ref.path, 'imagePullPolicy'];
      const shown = typeof image === 'string' ? `"${image}"` : 'its image';
      if (policy === 'Never') {
        context.report({
          manifest: ref.template.manifest,
          path,
          message: `${ref.label} has imagePullPolicy Never: pods fail on nodes that do not already have ${shown}`,
        });
      } else if (
        policy === 'IfNotPresent' &&
        typeof image === 'string' &&
        image.trim() !== '' &&
        isLatest(parseImage(image.trim()))
      ) {
        context.report({
          manifest: ref.template.manifest,
          path,
          message: `${ref.label} pulls mutable image ${shown} with imagePullPolicy IfNotPresent: nodes keep whichever build they pulled first; pin the image or use Always`,
        });
      }
    }
  },
};

export default rule;
