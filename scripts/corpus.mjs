#!/usr/bin/env node
/**
 * `npm run corpus`: lints (and plans, once `kubeplan plan`/`check` exist) every manifest of the shared real-world corpus
 * (../shared/corpus, or $KUBEPLAN_CORPUS) and prints, per folder: files, documents, objects, findings by rule,
 * crashes (must be 0) and time; per install of real-world/: objects, findings by severity and error-level findings
 * outside the security category (must be 0); then how kubeplan agrees with kubeconform's own expectations (EXPECTED.md), and, per
 * check, how its best-practice rules agree with kube-linter's and kube-score's own fixtures (scripts/peer-agreement.mjs).
 * Runs on plain node against dist/ (`npm run compile` first). Exit code 1 on a crash or a disagreement (with kube-linter
 * and kube-score: one not documented in peer-agreement.mjs's DISAGREEMENTS, or a documented one that agrees now).
 *
 *   npm run corpus                       the tables
 *   npm run corpus -- --list microservices-demo   also every finding of that folder (file:line:col rule message)
 *
 * test/corpus.test.ts and test/rules/best-practice-corpus.test.ts run the same analyses on src/ (no build) and assert
 * the same things.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Parser } from 'yaml';
import { peerAgreement } from './peer-agreement.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

/** Where the corpus is: $KUBEPLAN_CORPUS, else `../shared/corpus` beside the project. */
export function corpusRoot() {
  return process.env.KUBEPLAN_CORPUS
    ? path.resolve(process.env.KUBEPLAN_CORPUS)
    : path.resolve(HERE, '../../shared/corpus');
}

/** Folders whose files are independent fixtures or documentation snippets: each file is linted on its own. */
const FILE_UNITS = new Set([
  'k8s-website-examples',
  'kubeconform-fixtures',
  'kube-linter-testdata',
  'kube-score-testdata',
]);
/** Folders of installs (one subfolder each, applied as a whole: CRDs in setup/ beside their custom resources). */
const INSTALL_UNITS = new Set(['real-world']);
const MANIFEST = /\.(ya?ml|json)$/i;
const EXPECTED = /^EXPECTED/;

/**
 * The units of a folder, each linted and planned together: one file for fixture folders, otherwise every folder's own
 * files (an application: a directory of manifests meant to be applied together).
 */
export function unitsOf(root, folder) {
  if (INSTALL_UNITS.has(folder)) return installsOf(root, folder);
  const perFile = FILE_UNITS.has(folder);
  const units = [];
  const stack = [folder];
  while (stack.length > 0) {
    const dir = stack.pop();
    const entries = readdirSync(path.join(root, dir), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    const files = [];
    for (const e of entries) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) stack.push(rel);
      else if (e.isFile() && MANIFEST.test(e.name) && !EXPECTED.test(e.name)) files.push(rel);
    }
    if (perFile) for (const f of files) units.push({ name: f, files: [f] });
    else if (files.length > 0) units.push({ name: `${dir}/`, files });
  }
  return units.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Each subfolder of an install folder as one unit: every manifest under it, recursively, sorted. */
function installsOf(root, folder) {
  const units = [];
  const installs = readdirSync(path.join(root, folder), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  for (const install of installs) {
    const files = [];
    const stack = [`${folder}/${install}`];
    while (stack.length > 0) {
      const dir = stack.pop();
      for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) stack.push(rel);
        else if (e.isFile() && MANIFEST.test(e.name) && !EXPECTED.test(e.name)) files.push(rel);
      }
    }
    files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (files.length > 0) units.push({ name: `${folder}/${install}/`, files });
  }
  return units;
}

/**
 * Per install of `real-world/`: objects, findings by severity, and the error-level findings outside the security
 * category — findings the API server would not raise on an install people apply as it is (must be none).
 * `allRules` gives each rule's category; the loader's and schema's own ids (input/, yaml/, schema/) are validation.
 */
export function realWorldInstalls(api, root, allRules) {
  const folder = 'real-world';
  if (!existsSync(path.join(root, folder))) return [];
  const category = new Map(allRules.map((r) => [r.id, r.category]));
  return installsOf(root, folder).map((unit) => {
    const result = api.lint(unit.files, { cwd: root });
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of result.findings) counts[f.severity]++;
    const falseErrors = result.findings.filter(
      (f) => f.severity === 'error' && (category.get(f.ruleId) ?? 'validation') !== 'security',
    );
    return { name: unit.name, objects: result.manifests.length, counts, falseErrors, findings: result.findings };
  });
}

/** The real-world table: install, objects, errors, warnings, infos, errors outside security (each one listed). */
export function formatInstalls(installs) {
  const rows = installs.map((i) => [
    i.name,
    i.objects,
    i.counts.error,
    i.counts.warning,
    i.counts.info,
    i.falseErrors.length,
  ]);
  const out = [
    'real-world installs: error-level findings outside the security category must be 0',
    table(['install', 'objects', 'errors', 'warnings', 'infos', 'errors outside security'], rows, [
      'l',
      'r',
      'r',
      'r',
      'r',
      'r',
    ]),
  ];
  for (const i of installs)
    for (const f of i.falseErrors) out.push(`  ✖ ${f.file}:${f.line}:${f.column} ${f.ruleId} ${f.message}`);
  return out.join('\n');
}

/** The corpus folders, sorted (those with a README.md of their own only). */
export function foldersOf(root) {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

function countDocuments(text) {
  let n = 0;
  for (const token of new Parser().parse(text)) if (token.type === 'document') n++;
  return n;
}

/** Runs the CLI in-process; returns exit code and output (never throws: a throw is a crash). */
async function cli(run, argv, cwd) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => new Uint8Array(),
    cwd,
    env: {},
    isTTY: false,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}

/** Which of `plan` and `check` this build has (the lead wires them into the CLI). */
export async function plannerCommands(run, root) {
  const out = [];
  for (const command of ['plan', 'check']) {
    const r = await cli(run, [command, 'kubeconform-fixtures/valid.yaml'], root);
    if (!/not available yet|unknown command/.test(r.stderr)) out.push(command);
  }
  return out;
}

/**
 * Lints (and plans) every unit of every folder.
 * api: { lint, run } — the library's lint() and the CLI's run() (from dist/ for the script, src/ for the test).
 */
export async function analyzeCorpus(api, root, options = {}) {
  const folders = options.folders ?? foldersOf(root);
  const commands = options.commands ?? (await plannerCommands(api.run, root));
  const report = { root, commands, folders: [], findings: new Map() };
  for (const folder of folders) {
    const row = {
      name: folder,
      units: 0,
      files: 0,
      documents: 0,
      objects: 0,
      counts: { error: 0, warning: 0, info: 0 },
      byRule: new Map(),
      crashes: [],
      lintMs: 0,
      planMs: 0,
      exitCodes: {},
    };
    const all = [];
    for (const unit of unitsOf(root, folder)) {
      row.units++;
      let result;
      const t0 = performance.now();
      try {
        result = api.lint(unit.files, { cwd: root });
      } catch (err) {
        row.crashes.push({
          unit: unit.name,
          command: 'lint()',
          message: err instanceof Error ? err.message : String(err),
        });
      }
      row.lintMs += performance.now() - t0;
      if (result) {
        row.files += result.files.length;
        row.objects += result.manifests.length;
        for (const text of result.sources.values()) row.documents += countDocuments(text);
        for (const f of result.findings) {
          row.counts[f.severity]++;
          row.byRule.set(f.ruleId, (row.byRule.get(f.ruleId) ?? 0) + 1);
          if (f.ruleId.startsWith('internal/'))
            row.crashes.push({ unit: unit.name, command: 'lint()', message: `${f.ruleId}: ${f.message}` });
          all.push(f);
        }
      }
      for (const command of commands) {
        const t1 = performance.now();
        let r;
        try {
          r = await cli(
            api.run,
            [command, ...unit.files, '--format', 'json', ...(options.planArgs?.(folder, unit) ?? [])],
            root,
          );
        } catch (err) {
          r = { code: 2, stdout: '', stderr: `threw: ${err instanceof Error ? err.message : String(err)}` };
        }
        row.planMs += performance.now() - t1;
        const key = `${command}:${r.code}`;
        row.exitCodes[key] = (row.exitCodes[key] ?? 0) + 1;
        if (r.code !== 0 && r.code !== 1)
          row.crashes.push({ unit: unit.name, command, message: r.stderr.trim().split('\n')[0] ?? `exit ${r.code}` });
      }
    }
    report.folders.push(row);
    report.findings.set(folder, all);
  }
  return report;
}

// ---------------------------------------------------------------------------------------------------------------
// kubeconform's expectations (kubeconform-fixtures/EXPECTED.md), in kubeplan's terms.

/** Error-level findings that mean "the object is not valid": YAML, input and schema problems. */
const isValidityError = (f) => f.severity === 'error' && /^(schema|yaml|input)\//.test(f.ruleId);

/** 1-based line of the first line of `file` containing `needle`. */
function lineOf(root, file, needle) {
  const lines = readFileSync(path.join(root, file), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${file}: no line contains ${JSON.stringify(needle)}`);
  return i + 1;
}

/**
 * Each expectation: file(s), what kubeconform says, and a check over kubeplan's lint result of those files alone.
 * `check` returns undefined when kubeplan agrees, else a short reason.
 */
export const KUBECONFORM_EXPECTATIONS = [
  ...[
    ['valid.yaml', 1],
    ['valid.json', 1],
    ['multi_valid.yaml', 6],
    ['list_valid.yaml', 6],
    ['list_empty_valid.yaml', 0],
    ['multi_with_list.yaml', 2],
    ['blank.yaml', 0],
    ['comment.yaml', 0],
    ['int_or_string.yaml', 1],
    ['generate_name.yaml', 1],
    ['quantity.yaml', 1],
    ['null_string.yaml', 1],
    ['multi_valid_source.yaml', undefined],
    ['valid_version.yaml', undefined],
    ['full_domain_group.yaml', undefined],
    ['null_array.yaml', undefined],
    ['unconventional_keys.yaml', undefined],
  ].map(([file, objects]) => ({
    files: [file],
    kubeconform: objects === undefined ? 'valid (not referenced by a test; inferred)' : `valid, ${objects} resource(s)`,
    check: (r) => {
      const errors = r.findings.filter(isValidityError);
      if (errors.length > 0)
        return `validity errors: ${errors.map((f) => `${f.line}:${f.column} ${f.ruleId}`).join(', ')}`;
      if (objects !== undefined && r.manifests.length !== objects)
        return `${r.manifests.length} objects, expected ${objects}`;
      return undefined;
    },
  })),
  {
    files: ['folder/multi_valid.yaml', 'folder/valid.yaml'],
    kubeconform: 'valid, 7 resources in 2 files',
    check: (r) =>
      r.findings.some(isValidityError)
        ? 'validity errors'
        : r.manifests.length !== 7 || r.files.length !== 2
          ? `${r.manifests.length} objects in ${r.files.length} files`
          : undefined,
  },
  ...[
    ['invalid.yaml', 'replicas:', 'replicas is a string'],
    ['invalid.yaml', 'templates:', 'unknown field templates'],
    ['multi_invalid.yaml', 'port: sds', 'port is a string'],
    ['list_invalid.yaml', 'replicas:', 'replicas is a string (in a List)'],
  ].map(([file, needle, what]) => ({
    files: [file],
    kubeconform: `invalid: ${what}`,
    check: (r, root) => {
      const line = lineOf(root, `kubeconform-fixtures/${file}`, needle);
      return r.findings.some((f) => isValidityError(f) && f.line === line)
        ? undefined
        : `no validity error on line ${line} (${needle})`;
    },
  })),
  {
    files: ['list_invalid.yaml'],
    kubeconform: '2 resources: 1 valid, 1 invalid',
    check: (r) => {
      const bad = new Set(r.findings.filter(isValidityError).map((f) => `${f.object?.kind}/${f.object?.name}`));
      return r.manifests.length === 2 && bad.size === 1
        ? undefined
        : `${r.manifests.length} objects, ${bad.size} invalid`;
    },
  },
  ...[
    ['missing_kind_value.yaml', "missing 'kind' key"],
    ['missing_apiversion.yaml', "missing 'apiVersion' key"],
    ['multi_invalid_resources.yaml', '5 documents of a bare kind: (inferred)'],
  ].map(([file, what]) => ({
    files: [file],
    kubeconform: `invalid: ${what}`,
    check: (r) => (r.findings.some(isValidityError) ? undefined : 'no validity error'),
  })),
  {
    // `key: value` has neither apiVersion nor kind: not a Kubernetes object. Named on the command line it is reported
    // (a warning, issue 10), not checked; in a walked folder it is skipped and counted.
    files: ['missing_kind.yaml'],
    kubeconform: "invalid: missing 'kind' key (kubeplan: not a Kubernetes object, reported as input/not-kubernetes)",
    check: (r) =>
      r.findings.some((f) => f.ruleId === 'input/not-kubernetes') && r.manifests.length === 0
        ? undefined
        : 'no input/not-kubernetes finding',
  },
  {
    files: ['test_crd.yaml'],
    kubeconform: 'fails by default: no schema for the custom resource (passes with -ignore-missing-schemas)',
    check: (r) =>
      r.findings.some((f) => f.ruleId === 'schema/unknown-kind') ? undefined : 'no schema/unknown-kind finding',
  },
  {
    files: ['extra_property.yaml'],
    kubeconform:
      'invalid with -strict: spec.replicas is not a DaemonSet field (kubeplan is always strict, as the API server with strict field validation)',
    check: (r, root) => {
      const line = lineOf(root, 'kubeconform-fixtures/extra_property.yaml', 'replicas:');
      return r.findings.some((f) => f.ruleId === 'schema/unknown-field' && f.line === line)
        ? undefined
        : `no schema/unknown-field on line ${line}`;
    },
  },
  {
    files: ['duplicate_property.yaml'],
    kubeconform: 'invalid with -strict: the containers key twice',
    check: (r) => (r.findings.some((f) => f.ruleId === 'yaml/duplicate-key') ? undefined : 'no yaml/duplicate-key'),
  },
  ...['duplicates.yaml', 'duplicates-non-namespaced.yaml', 'duplicates-with-namespace.yaml'].map((file) => ({
    files: [file],
    kubeconform: 'the same object twice (kubeval duplicate detection; inferred)',
    check: (r) => (r.findings.some((f) => f.ruleId === 'duplicate-object') ? undefined : 'no duplicate-object finding'),
  })),
  {
    files: ['duplicates-with-namespace-default.yaml'],
    options: { defaultNamespace: 'the-default-namespace' },
    kubeconform:
      'the same object twice once the namespace-less one gets the default namespace (--namespace the-default-namespace; inferred)',
    check: (r) => (r.findings.some((f) => f.ruleId === 'duplicate-object') ? undefined : 'no duplicate-object finding'),
  },
  {
    files: ['duplicates-with-namespace-default.yaml'],
    kubeconform: 'not duplicates with the default namespace "default" (inferred)',
    check: (r) => (r.findings.some((f) => f.ruleId === 'duplicate-object') ? 'duplicate-object reported' : undefined),
  },
  ...['same-object-different-namespace.yaml', 'same-object-different-namespace-default.yaml'].map((file) => ({
    files: [file],
    kubeconform: 'not duplicates: different namespaces (inferred)',
    check: (r) => (r.findings.some((f) => f.ruleId === 'duplicate-object') ? 'duplicate-object reported' : undefined),
  })),
];

/** Runs every expectation; returns rows { files, kubeconform, ok, reason }. */
export function checkKubeconform(api, root) {
  const dir = 'kubeconform-fixtures';
  return KUBECONFORM_EXPECTATIONS.map((e) => {
    const files = e.files.map((f) => `${dir}/${f}`);
    let reason;
    try {
      reason = e.check(api.lint(files, { cwd: root, ...(e.options ?? {}) }), root);
    } catch (err) {
      reason = `crash: ${err instanceof Error ? err.message : String(err)}`;
    }
    return {
      files,
      ...(e.options ? { options: e.options } : {}),
      kubeconform: e.kubeconform,
      ok: reason === undefined,
      ...(reason ? { reason } : {}),
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Output

function table(headers, rows, align) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells.map((c, i) => (align[i] === 'r' ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * The per-check agreement with kube-linter and kube-score (peerAgreement()'s result): a table of peer, check, kubeplan
 * rule(s) and agree/total with a total line, then every disagreement: documented (≠, with its reason) or not (✖),
 * documented ones that agree now (✖) and problems (✖).
 */
export function formatPeerAgreement(result) {
  const documented = result.rows.reduce((n, r) => n + r.disagreements.filter((d) => d.documented).length, 0);
  const out = [
    `agreement with ${(result.peers ?? [...new Set(result.rows.map((r) => r.peer))]).join(' and ')} on their own fixtures, per check: ${result.agree}/${result.total} cases ` +
      `(${documented} documented disagreement(s), ${result.undocumented.length} undocumented)`,
  ];
  const rows = result.rows.map((r) => [r.peer, r.check, r.rules.join(' + '), `${r.agree}/${r.total}`]);
  rows.push(['total', `${result.rows.length} checks`, '', `${result.agree}/${result.total}`]);
  out.push(table(['peer', 'check', 'kubeplan rule(s)', 'agree/total'], rows, ['l', 'l', 'l', 'r']));
  for (const r of result.rows)
    for (const d of r.disagreements) out.push(`  ${d.documented ? '≠' : '✖'} ${d.case}: ${d.why}`);
  for (const d of result.stale) out.push(`  ✖ ${d.case}: ${d.why}`);
  for (const p of result.problems) out.push(`  ✖ ${p}`);
  return out.join('\n');
}

export function formatReport(report, kubeconform, options = {}) {
  const out = [];
  const planned = report.commands.length > 0 ? report.commands.join('+') : 'not available yet';
  out.push(
    `kubeplan corpus run: ${report.root}`,
    `lint per unit; ${planned === 'not available yet' ? 'plan/check: not available yet' : `CLI ${planned} per unit`}`,
    '',
  );
  const rows = report.folders.map((f) => [
    f.name,
    f.units,
    f.files,
    f.documents,
    f.objects,
    f.counts.error,
    f.counts.warning,
    f.counts.info,
    f.crashes.length,
    `${Math.round(f.lintMs)}`,
    report.commands.length ? `${Math.round(f.planMs)}` : '—',
  ]);
  const total = (k) => report.folders.reduce((n, f) => n + (typeof k === 'function' ? k(f) : f[k]), 0);
  rows.push([
    'total',
    total('units'),
    total('files'),
    total('documents'),
    total('objects'),
    total((f) => f.counts.error),
    total((f) => f.counts.warning),
    total((f) => f.counts.info),
    total((f) => f.crashes.length),
    `${Math.round(total('lintMs'))}`,
    report.commands.length ? `${Math.round(total('planMs'))}` : '—',
  ]);
  out.push(
    table(
      [
        'folder',
        'units',
        'files',
        'docs',
        'objects',
        'errors',
        'warnings',
        'infos',
        'crashes',
        'lint ms',
        `${report.commands.join('+') || 'plan'} ms`,
      ],
      rows,
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  );
  for (const f of report.folders) {
    out.push('', `${f.name}: findings by rule`);
    const rules = [...f.byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    out.push(rules.length ? rules.map(([id, n]) => `  ${String(n).padStart(5)}  ${id}`).join('\n') : '  (none)');
    if (Object.keys(f.exitCodes).length)
      out.push(
        `  exit codes: ${Object.entries(f.exitCodes)
          .map(([k, n]) => `${k}×${n}`)
          .join(', ')}`,
      );
    for (const c of f.crashes) out.push(`  CRASH ${c.command} ${c.unit}: ${c.message}`);
  }
  if (kubeconform?.length) {
    const ok = kubeconform.filter((r) => r.ok).length;
    out.push('', `agreement with kubeconform's EXPECTED.md: ${ok}/${kubeconform.length}`);
    for (const r of kubeconform) {
      const flags = r.options
        ? ` (${Object.entries(r.options)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')})`
        : '';
      out.push(
        `  ${r.ok ? '✔' : '✖'} ${r.files.map((f) => f.replace(/^kubeconform-fixtures\//, '')).join(' + ')}${flags}: ${r.kubeconform}${r.ok ? '' : ` — ${r.reason}`}`,
      );
    }
  }
  if (options.installs?.length) out.push('', formatInstalls(options.installs));
  if (options.peers && options.peers.peers.length > 0) out.push('', formatPeerAgreement(options.peers));
  for (const folder of options.list ?? []) {
    out.push('', `${folder}: every finding`);
    for (const f of report.findings.get(folder) ?? [])
      out.push(
        `  ${f.file}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.message.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')}`,
      );
  }
  return out.join('\n') + '\n';
}

async function main(argv) {
  const root = corpusRoot();
  if (!existsSync(root)) {
    process.stdout.write(`corpus not found at ${root} (set KUBEPLAN_CORPUS); nothing to do\n`);
    return 0;
  }
  const dist = path.resolve(HERE, '../dist/src');
  if (!existsSync(path.join(dist, 'index.js'))) {
    process.stderr.write('dist/ is missing: run `npm run compile` first\n');
    return 2;
  }
  const { lint } = await import(pathToFileURL(path.join(dist, 'index.js')).href);
  const { run } = await import(pathToFileURL(path.join(dist, 'cli/main.js')).href);
  const { loadText } = await import(pathToFileURL(path.join(dist, 'load/index.js')).href);
  const { runRules, DEFAULT_RULE_OPTIONS } = await import(pathToFileURL(path.join(dist, 'rules/engine.js')).href);
  const { allRules } = await import(pathToFileURL(path.join(dist, 'rules/registry.js')).href);
  const list = [];
  for (let i = 0; i < argv.length; i++) if (argv[i] === '--list' && argv[i + 1]) list.push(argv[++i]);
  const api = { lint, run };
  const report = await analyzeCorpus(api, root);
  const kubeconform = existsSync(path.join(root, 'kubeconform-fixtures')) ? checkKubeconform(api, root) : [];
  const peers = peerAgreement({ loadText, runRules, DEFAULT_RULE_OPTIONS, allRules }, root);
  const installs = realWorldInstalls(api, root, allRules);
  process.stdout.write(formatReport(report, kubeconform, { list, peers, installs }));
  const crashes = report.folders.reduce((n, f) => n + f.crashes.length, 0);
  const disagreements =
    kubeconform.filter((r) => !r.ok).length + peers.undocumented.length + peers.stale.length + peers.problems.length;
  const falseErrors = installs.reduce((n, i) => n + i.falseErrors.length, 0);
  return crashes > 0 || disagreements > 0 || falseErrors > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
