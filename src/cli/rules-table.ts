/** `kubeplan rules`: every rule file and built-in check, as a text table or JSON; `kubeplan rules ID`: its page. */
import { BUILTIN_CHECKS } from '../core/builtin-checks.js';
import { rulePageText } from '../docs/rule-pages.js';
import { knownIds } from '../api/config.js';
import { didYouMean } from '../core/did-you-mean.js';
import { allRules } from '../rules/registry.js';
import { EXIT_OK, EXIT_USAGE, type CliIO } from './shared.js';

export function formatRulesJson() {
  return {
    rules: allRules.map((r) => ({
      id: r.id,
      severity: r.severity,
      category: r.category,
      description: r.description,
      ...(r.kubeLinter ? { kubeLinter: r.kubeLinter } : {}),
      ...(r.kubeScore ? { kubeScore: r.kubeScore } : {}),
    })),
    builtin: BUILTIN_CHECKS.map((c) => ({
      id: c.id,
      severity: c.severity,
      category: c.category,
      description: c.description,
    })),
  };
}

export function formatRulesText(): string {
  const rows = [
    ...allRules.map((r) => [r.id, r.severity, r.category, r.description]),
    ...BUILTIN_CHECKS.map((c) => [c.id, c.severity, c.category, c.description]),
  ];
  const widths = [0, 1, 2].map((i) =>
    Math.max(...rows.map((r) => r[i]!.length), ['ID', 'SEVERITY', 'CATEGORY'][i]!.length),
  );
  const line = (r: string[]) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell)).join('  ');
  return [line(['ID', 'SEVERITY', 'CATEGORY', 'DESCRIPTION']), ...rows.map(line)].join('\n') + '\n';
}

/** Prints the page (docs/rules/<id>.md) of each id; an unknown id is a usage error with a did-you-mean. */
export function printRulePages(ids: readonly string[], io: CliIO): number {
  const known = knownIds();
  const pages: string[] = [];
  for (const id of ids) {
    const page = rulePageText(id);
    if (page === undefined) {
      io.stderr(
        `kubeplan: unknown rule ${JSON.stringify(id)}${didYouMean(id, known)}; \`kubeplan rules\` lists them\n`,
      );
      return EXIT_USAGE;
    }
    pages.push(page);
  }
  io.stdout(pages.join('\n'));
  return EXIT_OK;
}
