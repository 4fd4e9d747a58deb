import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, FLAGS } from '../../src/cli/args.js';

const readme = readFileSync('README.md', 'utf8');
const usage = readFileSync('docs/usage.md', 'utf8');

describe('README and docs/usage.md stay true to the CLI', () => {
  it('documents every flag in docs/usage.md', () => {
    const start = usage.indexOf('<!-- flags:start -->');
    expect(start, 'docs/usage.md needs the <!-- flags:start --> / <!-- flags:end --> markers').toBeGreaterThan(-1);
    const flagsSection = usage.slice(start, usage.indexOf('<!-- flags:end -->'));
    const missing = Object.keys(FLAGS).filter((flag) => !flagsSection.includes(`--${flag}`));
    expect(missing).toEqual([]);
  });

  it('documents every command in docs/usage.md', () => {
    const missing = COMMANDS.filter((command) => !usage.includes(`\`${command}\``));
    expect(missing).toEqual([]);
  });

  it('gives the test command .ci/run runs', () => {
    expect(readme).toContain('npm test ');
    expect(readFileSync('.ci/run', 'utf8')).toMatch(/^npm test$/m);
  });
});
