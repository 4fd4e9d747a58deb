/**
 * `kubeplan lint --fix` / `--fix-dry-run`: fix with the config applied, then report what is left.
 * --fix writes the files (the `-` input's fixed text goes to stdout, and the report to stderr); --fix-dry-run prints
 * a unified diff on stdout and the report of what would be left on stderr. The exit code is that of what is left.
 */
import { version } from '../api/version.js';
import { fix, fixDiff, writeFixedFiles } from '../fix/index.js';
import { render } from '../output/index.js';
import type { CliOptions } from './args.js';
import { apiOptions, EXIT_USAGE, exitCodeFor, useColor, visibleFindings, type CliIO } from './shared.js';

export function runFix(options: CliOptions, io: CliIO): number {
  const given = apiOptions(options, io);
  const run = fix(options.inputs, given);
  const left = run.result.findings;
  const count = run.files.reduce((n, f) => n + f.applied.length, 0);
  const stdinFixed = run.files.find((f) => f.stdin);
  const stdinGiven = options.inputs.includes('-');
  // The report goes to stderr whenever stdout carries something else: the diff, or the fixed stdin text.
  const printReport = options.fix === 'dry-run' || stdinGiven ? io.stderr : io.stdout;
  let failed = false;

  if (options.fix === 'dry-run') {
    io.stdout(fixDiff(run.files));
  } else {
    if (stdinGiven) {
      const name = given.stdinFilename ?? '<stdin>';
      io.stdout(stdinFixed ? stdinFixed.output : (run.result.sources.get(name) ?? ''));
    }
    const { written, skipped } = writeFixedFiles(run.files, io.cwd);
    for (const s of skipped) io.stderr(`kubeplan: not fixed: ${s.file}: ${s.reason}\n`);
    failed = skipped.length > 0;
    const files = written.length + (stdinFixed ? 1 : 0);
    if (count > 0 && options.format === 'text')
      io.stderr(`kubeplan: fixed ${plural(count, 'finding')} in ${plural(files, 'file')}\n`);
  }
  const shown = { ...run.result, findings: visibleFindings(left, options) };
  printReport(render(options.format, shown, { color: useColor(options, io), toolVersion: version() }));
  return failed ? EXIT_USAGE : exitCodeFor(left, options);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
