/**
 * JUnit XML (`--format junit`) for CI systems that show test reports: one <testsuite> per file, one <testcase> per
 * object in it (plus a "(file)" case for findings not about one object: YAML errors, unreadable files). A case with
 * error-level findings has a <failure> per finding; warnings and info go to its <system-out>, so they are visible
 * without failing the case. Deterministic: files, objects and findings in a fixed order; no timestamps.
 */
import { compareFindings } from '../core/findings.js';
import { compareStrings } from '../core/compare.js';
import type { Finding, Manifest, ObjectRef } from '../core/types.js';
import { boundReport } from './bound.js';
import type { Report } from './report.js';

/** XML 1.0 text (or, with `attribute`, an attribute value): markup escaped, characters XML cannot carry as \uXXXX. */
export function escapeXml(text: string, attribute = true): string {
  return text
    .replace(
      /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\n\r\t]/g, (c) => (attribute ? `&#${c.charCodeAt(0)};` : c));
}

const FILE_CASE = '(file)';

function objectName(ref: ObjectRef): string {
  const ns = ref.namespace ? `${ref.namespace}/` : '';
  return `${ref.kind ?? '(no kind)'} ${ns}${ref.name ?? '(no name)'}`;
}

function sameObject(a: ObjectRef, b: ObjectRef): boolean {
  return a.kind === b.kind && a.name === b.name && (a.namespace ?? '') === (b.namespace ?? '');
}

interface Case {
  name: string;
  findings: Finding[];
}

function casesOf(manifests: Manifest[], findings: Finding[]): Case[] {
  const cases: Case[] = manifests.map((m) => ({ name: objectName(m.ref), findings: [] }));
  const loose: Finding[] = [];
  for (const f of findings) {
    const index = f.object ? manifests.findIndex((m) => sameObject(m.ref, f.object!)) : -1;
    if (index >= 0) cases[index]!.findings.push(f);
    else loose.push(f);
  }
  if (loose.length > 0 || cases.length === 0) cases.unshift({ name: FILE_CASE, findings: loose });
  return cases;
}

function line(f: Finding): string {
  return `${f.file}:${f.line}:${f.column} ${f.severity} ${f.message} (${f.ruleId})`;
}

export function renderJunit(given: Report): string {
  const { report } = boundReport(given);
  const files = [...new Set([...report.files, ...report.findings.map((f) => f.file)])].sort(compareStrings);
  const suites: string[] = [];
  let totalTests = 0;
  let totalFailures = 0;
  for (const file of files) {
    const manifests = report.manifests.filter((m) => m.file === file);
    const findings = report.findings.filter((f) => f.file === file).sort(compareFindings);
    const cases = casesOf(manifests, findings);
    const failures = cases.filter((c) => c.findings.some((f) => f.severity === 'error')).length;
    totalTests += cases.length;
    totalFailures += failures;
    const body = cases.map((c) => {
      const errors = c.findings.filter((f) => f.severity === 'error');
      const others = c.findings.filter((f) => f.severity !== 'error');
      const parts = [
        ...errors.map(
          (f) =>
            `      <failure message="${escapeXml(f.message)}" type="${escapeXml(f.ruleId)}">${escapeXml(line(f), false)}</failure>`,
        ),
        ...(others.length > 0
          ? [`      <system-out>${escapeXml(others.map(line).join('\n'), false)}</system-out>`]
          : []),
      ];
      const open = `    <testcase classname="${escapeXml(file)}" name="${escapeXml(c.name)}"`;
      return parts.length === 0 ? `${open}/>` : `${open}>\n${parts.join('\n')}\n    </testcase>`;
    });
    suites.push(
      `  <testsuite name="${escapeXml(file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n${body.join('\n')}\n  </testsuite>`,
    );
  }
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="kubeplan" tests="${totalTests}" failures="${totalFailures}" errors="0">\n` +
    (suites.length > 0 ? suites.join('\n') + '\n' : '') +
    '</testsuites>\n'
  );
}
