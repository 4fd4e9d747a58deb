import { describe, expect, it } from 'vitest';
import rule from '../../rules/image-pull-policy.js';
import { appPod, runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pod = (image: string, policy?: string) =>
  appPod(policy === undefined ? '' : `      imagePullPolicy: ${policy}\n`, image);

describe('image-pull-policy', () => {
  it.each([
    ['app:1.0', undefined],
    ['app:1.0', 'IfNotPresent'],
    ['app:latest', undefined],
    ['app:latest', 'Always'],
    ['app', 'Always'],
    ['app@sha256:abc', 'IfNotPresent'],
  ])('accepts %s with policy %s', (image, policy) => expect(brief(pod(image, policy))).toEqual([]));

  it('reports IfNotPresent with a mutable tag at the policy', () => {
    expect(brief(pod('app:latest', 'IfNotPresent'))).toEqual([
      [
        'image-pull-policy',
        9,
        24,
        'container "app" pulls mutable image "app:latest" with imagePullPolicy IfNotPresent: nodes keep whichever build they pulled first; pin the image or use Always',
      ],
    ]);
  });

  it('reports Never whatever the image', () => {
    expect(brief(pod('app:1.0', 'Never'))).toEqual([
      [
        'image-pull-policy',
        9,
        24,
        'container "app" has imagePullPolicy Never: pods fail on nodes that do not already have "app:1.0"',
      ],
    ]);
  });
});
