/**
 * The registry of built-in rules: one line per rule, sorted by id. The export name is the id in
 * camelCase. test/rules/meta.test.ts checks that every rules/*.ts file is listed here.
 */
export { default as duplicateObject } from './duplicate-object.js';
export { default as workloadSelectorMismatch } from './workload-selector-mismatch.js';
