import { describe, expect, it } from 'vitest';
import { compileGlob, MAX_GLOB_EXPANSIONS } from '../../src/config/globs.js';

describe('config globs are bounded', () => {
  it('refuses a brace bomb quickly instead of expanding it', () => {
    const bomb = '{a,b}'.repeat(20); // 2^20 patterns if expanded
    const result = compileGlob(bomb);
    expect('error' in result).toBe(true);
    if ('matcher' in result) throw new Error('should be refused');
    expect(result.error).toBe(`pattern expands to more than ${MAX_GLOB_EXPANSIONS} alternatives`);
  }, 5000);

  it('keeps ordinary brace patterns', () => {
    expect('matcher' in compileGlob('k8s/{base,overlays}/**/*.yaml')).toBe(true);
  });
});
