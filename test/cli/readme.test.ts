import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMANDS, FLAGS } from '../../src/cli/args.js';

const readme = readFileSync('README.md', 'utf8');

describe('README stays true to the CLI', () => {
  it('documents every flag', () => {
    const flagsSection = readme.slice(readme.indexOf('<!-- flags:start -->'), readme.indexOf('<!-- flags:end -->'));
    const missing = Object.keys(FLAGS).filter((flag) => !flagsSection.includes(`--${flag}`));
    expect(missing).toEqual([]);
  });

  it('documents every command', () => {
    const missing = COMMANDS.filter((command) => !readme.includes(`\`${command}\``));
    expect(missing).toEqual([]);
  });

  it('gives the test command .ci/run runs', () => {
    expect(readme).toContain('npm test ');
    expect(readFileSync('.ci/run', 'utf8')).toMatch(/^npm test$/m);
  });
});
