/**
 * The CLI: parses flags, calls the pure API, prints, and returns an exit code.
 * 0 = no error-level finding, 1 = error-level findings, 2 = usage or internal error.
 */
import { parseCommandLine, USAGE } from './args.js';
import { formatRulesJson, formatRulesText } from './rules-table.js';
import { EXIT_OK, EXIT_USAGE, runLint, UsageError, version, type CliIO } from './shared.js';

export { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliIO } from './shared.js';

export async function run(argv: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (!parsed.ok) {
    io.stderr(`kubeplan: ${parsed.error}\nRun \`kubeplan --help\` for usage.\n`);
    return EXIT_USAGE;
  }
  const options = parsed.options;
  try {
    switch (options.command) {
      case 'help':
        io.stdout(USAGE);
        return EXIT_OK;
      case 'version':
        io.stdout(`kubeplan ${version()}\n`);
        return EXIT_OK;
      case 'rules':
        io.stdout(options.format === 'json' ? JSON.stringify(formatRulesJson(), null, 2) + '\n' : formatRulesText());
        return EXIT_OK;
      case 'lint':
        return runLint(options, io);
      case 'lsp':
        io.stderr('kubeplan: lsp talks to an editor over stdin/stdout; start it as `kubeplan lsp` from the editor\n');
        return EXIT_USAGE;
      // The planner is loaded only when needed: `lint` (pre-commit, editors) starts faster without it.
      case 'plan':
        return (await import('./plan-command.js')).runPlan(options, io, false);
      case 'check':
        return (await import('./plan-command.js')).runPlan(options, io, true);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`kubeplan: ${err.message}\n`);
      return EXIT_USAGE;
    }
    // A bug in kubeplan, never the user's input: say so plainly and exit 2.
    const detail =
      err instanceof Error ? (io.env.KUBEPLAN_DEBUG ? (err.stack ?? err.message) : err.message) : String(err);
    io.stderr(
      `kubeplan: internal error: ${detail}\nPlease report this with the input that caused it (set KUBEPLAN_DEBUG=1 for a stack trace).\n`,
    );
    return EXIT_USAGE;
  }
}
