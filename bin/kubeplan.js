#!/usr/bin/env node
// Compiled by `npm run build` (run automatically by `npm install` via the prepare script).
import('../dist/src/cli/bin.js').catch((err) => {
  process.stderr.write(`kubeplan: cannot start (${err && err.message}); run \`npm run build\` first\n`);
  process.exitCode = 2;
});
