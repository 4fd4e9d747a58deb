/**
 * The CLI: parses flags, calls the library API, renders, and returns an exit code (as actionlint):
 * 0 = clean, 1 = findings at the failing level (errors, or more warnings than --max-warnings),
 * 2 = usage error, 3 = internal error (a crash that escaped the per-rule isolation: a bug in kubeplan).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { OptionsError } from '../api/errors.js';
import { escapeTerminal } from '../core/escape.js';
import { version } from '../api/version.js';
import { lintParallel } from '../lint.js';
import { renderChunks, type Report } from '../output/index.js';
import { parseCommandLine, USAGE, type CliOptions } from './args.js';
import { runFix } from './fix-command.js';
import { formatRulesJson, formatRulesText, printRulePages } from './rules-table.js';
import {
  apiOptions,
  EXIT_INTERNAL,
  EXIT_OK,
  EXIT_USAGE,
  exitCodeFor,
  useColor,
  visibleFindings,
  type CliIO,
} from './shared.js';

export { EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, type CliIO } from './shared.js';

export async function run(argv: string[], given: CliIO): Promise<number> {
  // Every message on stderr may quote an argument or a file name: no raw control characters reach the terminal.
  const io: CliIO = { ...given, stderr: (text) => given.stderr(escapeTerminal(text)) };
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) {
    io.stderr(`kubeplan: ${parsed.error}\nRun \`kubeplan --help\` for usage.\n`);
    return EXIT_USAGE;
  }
  const options = parsed.options;
  const withJobs = () => ({
    ...apiOptions(options, io),
    ...(options.jobs !== undefined ? { jobs: options.jobs } : {}),
  });
  try {
    switch (options.command) {
      case 'help':
        io.stdout(USAGE);
        return EXIT_OK;
      case 'version':
        io.stdout(`kubeplan ${version()}\n`);
        return EXIT_OK;
      case 'rules':
        if (options.inputs.length > 0) return printRulePages(options.inputs, io);
        io.stdout(options.format === 'json' ? JSON.stringify(formatRulesJson(), null, 2) + '\n' : formatRulesText());
        return EXIT_OK;
      case 'lint':
        if (options.fix) return runFix(options, io);
        return print(await lintParallel(options.inputs, withJobs()), options, io);
      case 'lsp':
        io.stderr('kubeplan: lsp talks to an editor over stdin/stdout; start it as `kubeplan lsp` from the editor\n');
        return EXIT_USAGE;
      // The planner is loaded only when needed: `lint` (pre-commit, editors) starts faster without it.
      case 'plan':
        return print(await (await import('../api/check.js')).planParallel(options.inputs, withJobs()), options, io);
      case 'check':
        return print(await (await import('../api/check.js')).checkParallel(options.inputs, withJobs()), options, io);
    }
  } catch (err) {
    if (err instanceof OptionsError) {
      io.stderr(`kubeplan: ${err.message}\n`);
      return EXIT_USAGE;
    }
    // A bug in kubeplan, never the user's input: say so plainly and exit 3.
    const detail =
      err instanceof Error ? (io.env.KUBEPLAN_DEBUG ? (err.stack ?? err.message) : err.message) : String(err);
    io.stderr(
      `kubeplan: internal error: ${detail}\nPlease report this with the input that caused it (set KUBEPLAN_DEBUG=1 for a stack trace).\n`,
    );
    return EXIT_INTERNAL;
  }
}

/** Renders the findings the flags ask to see; the exit code counts them all. */
function print(report: Report, options: CliOptions, io: CliIO): number {
  const shown = { ...report, findings: visibleFindings(report.findings, options) };
  // A file never gets colour codes, whatever the terminal.
  const color = options.output === undefined && useColor(options, io);
  // Written piece by piece: a large JSON plan is never one string (renderChunks).
  const chunks = renderChunks(options.format, shown, { color, toolVersion: version(), verbose: options.verbose });
  if (options.output === undefined) for (const text of chunks) io.stdout(text);
  else {
    try {
      writeChunks(path.resolve(io.cwd, options.output), chunks);
    } catch (err) {
      io.stderr(`kubeplan: --output ${options.output}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
      return EXIT_USAGE;
    }
  }
  return exitCodeFor(report.findings, options);
}

/** Writes the pieces to a file as they come (the file is created or truncated first, as writeFileSync would). */
function writeChunks(file: string, chunks: Iterable<string>): void {
  const fd = openSync(file, 'w');
  try {
    for (const text of chunks) writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
