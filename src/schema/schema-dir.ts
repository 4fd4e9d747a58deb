/**
 * --schema-dir DIR: the user's own JSON Schemas, found by kubeconform's file naming so an
 * existing kubeconform schema directory or a CRDs-catalog checkout works as-is:
 *   {kind}-{group's first label}-{version}.json   deployment-apps-v1.json, trainingjob-sagemaker-v1.json
 *   {kind}-{version}.json                         core kinds: service-v1.json
 *   {kind}_{version}.json                         CRDs catalog: grafanaalertrulegroup_v1beta1.json
 *   {group}/{kind}_{version}.json                 CRDs catalog tree: monitoring.coreos.com/prometheusrule_v1.json
 * Names are lower-case. A file is read and compiled only when a manifest of its kind is present.
 */
import path from 'node:path';
import { readRegularFile } from '../core/safe-read.js';

const MAX_SCHEMA_BYTES = 16 * 1024 * 1024;

export interface UserSchema {
  file: string;
  schema: unknown;
}

/** apiVersion and kind come from the inputs: only plain names may become file names (no `../`). */
const SAFE_GROUP = /^[a-z0-9][a-z0-9.-]{0,252}$/;
const SAFE_NAME = /^[A-Za-z0-9]{1,253}$/;

export function candidateFileNames(apiVersion: string, kind: string): string[] {
  const [group, version] = apiVersion.includes('/') ? (apiVersion.split('/') as [string, string]) : ['', apiVersion];
  if (
    apiVersion.split('/').length > 2 ||
    !SAFE_NAME.test(kind) ||
    !SAFE_NAME.test(version ?? '') ||
    (group !== '' && (!SAFE_GROUP.test(group) || group.includes('..')))
  )
    return [];
  const k = kind.toLowerCase();
  const names = [];
  if (group === '') names.push(`${k}-${version}.json`);
  else
    names.push(
      `${k}-${group.split('.')[0]}-${version}.json`,
      `${k}-${group}-${version}.json`,
      path.join(group, `${k}_${version}.json`),
    );
  names.push(`${k}_${version}.json`);
  return [...new Set(names.map((n) => n.toLowerCase()))];
}

/** The first matching schema file in `dirs` (in order), parsed; throws with a readable message when it is not valid JSON. */
export function findUserSchema(dirs: readonly string[], apiVersion: string, kind: string): UserSchema | undefined {
  for (const dir of dirs) {
    for (const name of candidateFileNames(apiVersion, kind)) {
      const file = path.join(dir, name);
      // A schema folder may come from a committed .kubeplan.yaml: no symlink out of it, regular files only, capped.
      const read = readRegularFile(file, { root: dir, rootName: dir, maxBytes: MAX_SCHEMA_BYTES });
      if (!read.ok && read.reason === 'not-found') continue;
      if (!read.ok)
        throw new Error(
          read.reason === 'too-large'
            ? `${file}: schema file is larger than ${MAX_SCHEMA_BYTES / 1024 / 1024} MB`
            : `${file}: ${read.message}`,
        );
      try {
        return { file, schema: JSON.parse(read.bytes.toString('utf8')) as unknown };
      } catch (err) {
        throw new Error(`${file}: not valid JSON (${err instanceof Error ? err.message : String(err)})`, {
          cause: err,
        });
      }
    }
  }
  return undefined;
}
