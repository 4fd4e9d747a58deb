import { describe, expect, it } from 'vitest';
import rule from '../../rules/latest-tag.js';
import { parseImage } from '../../src/rules/best-practice/image.js';
import { appPod, runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pod = (image: string) => appPod('', image);

describe('latest-tag', () => {
  it.each([
    'nginx:1.27',
    'registry.local:5000/team/app:v2',
    'nginx@sha256:0123abcd',
    'nginx:latest@sha256:0123abcd',
    'localhost:5000/app:3',
  ])('accepts the pinned image %s', (image) => expect(brief(pod(image))).toEqual([]));

  it('reports :latest at the image value', () => {
    expect(brief(pod('nginx:latest'))).toEqual([
      ['latest-tag', 8, 14, 'container "app" image "nginx:latest" uses the :latest tag; pin a version tag or a digest'],
    ]);
  });

  it('reports a missing tag, not mistaking a registry port for one', () => {
    expect(brief(pod('localhost:5000/app'))).toEqual([
      [
        'latest-tag',
        8,
        14,
        'container "app" image "localhost:5000/app" has no tag, so it means :latest; pin a version tag or a digest',
      ],
    ]);
  });

  it('skips missing or non-string images (schema validation reports those)', () => {
    expect(brief(pod('null'))).toEqual([]);
    expect(brief(pod('[a, b]'))).toEqual([]);
  });

  it('parses references', () => {
    expect(parseImage('a.io:443/x/y:1@sha256:ff')).toEqual({
      repository: 'a.io:443/x/y',
      tag: '1',
      digest: 'sha256:ff',
    });
    expect(parseImage('busybox')).toEqual({ repository: 'busybox' });
  });
});
