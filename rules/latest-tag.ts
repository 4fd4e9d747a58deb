import { isLatest, parseImage } from '../src/rules/best-practice/image.js';
import { workloadContainersOf } from '../src/rules/containers.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'latest-tag',
  severity: 'warning',
  category: 'reliability',
  description: 'Container images should be pinned to a version tag or digest, not :latest or untagged.',
  rationale: [
    '`:latest` (and an image without a tag, which means `:latest`) names different images over time: two replicas',
    'can run different code, a rollback does not roll back, and you cannot tell from the manifest what is running.',
    '',
    'Fix: use an immutable version tag (`app:1.4.2`), or better a digest (`app@sha256:…`), which is pinned even if',
    'the tag is moved. A digest counts as pinned even next to `:latest`.',
  ].join('\n'),
  kubeLinter: 'latest-tag',
  kubeScore: 'container-image-tag',
  polaris: 'tagNotSpecified',
  references: [
    'https://kubernetes.io/docs/concepts/containers/images/#image-names',
    'https://kubernetes.io/docs/concepts/configuration/overview/#container-images',
  ],
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
      '',
    ].join('\n'),
  },
  check(context) {
    for (const ref of workloadContainersOf(context.manifests)) {
      const image = ref.container.image;
      if (typeof image !== 'string' || image.trim() === '') continue;
      const parsed = parseImage(image.trim());
      if (!isLatest(parsed)) continue;
      const why = parsed.tag === undefined ? 'has no tag, so it means :latest' : 'uses the :latest tag';
      context.report({
        manifest: ref.template.manifest,
        path: [...ref.path, 'image'],
        message: `${ref.label} image "${image}" ${why}; pin a version tag or a digest`,
      });
    }
  },
};

export default rule;
