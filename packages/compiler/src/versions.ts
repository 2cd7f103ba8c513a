/*
 * Version safety, the check stage that needs the semantic diff (so it lives here, beside
 * compile, rather than in @regforms/definition, which the diff itself builds on):
 *  - the compatibility rule: a version's changes against the previous published version must
 *    not need a higher semver bump than it declares (VERSION_BUMP_TOO_SMALL);
 *  - immutability: published.lock.json records every published version's content hash,
 *    compiled form hash and the sha256 of each of its files; a published version whose content
 *    changed is an error (PUBLISHED_CHANGED).
 */

import type { Definitions, Diagnostic, Loc, Registry, SourceFile, Version } from '@regforms/definition';
import {
  bumpVersion,
  compareClasses,
  contentHash,
  declaredBump,
  diffVersions,
  fileHash,
} from '@regforms/diff';
import { type CompiledForm, comparisonBase, LOCK_FILE } from '@regforms/runtime';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';

/** What the lock records of one published version. */
export interface LockEntry {
  /** sha256 of the version's meaning (the resolved definition), independent of the compiler. */
  contentHash: string;
  /** meta.hash of its compiled form: the hash every registration made with it carries. */
  formHash: string;
  /** The compiler that produced formHash. */
  compiler: string;
  /** sha256 of every file it is built from: the version file, registry.yaml, fragments, code lists. */
  sources: Record<string, string>;
}

export interface Lock {
  about: string;
  /** `<registry>/<type>@<version>` → entry. */
  versions: Record<string, LockEntry>;
}

const ABOUT =
  'Written by `regforms lock`: one entry per published version, never edited by hand. A published version is immutable: publish a new version instead of changing it.';

/** `angio/hospitalisation@1.0.0`: how the lock and messages name a version. */
export function versionKey(v: Pick<Version, 'registry' | 'registrationType' | 'version'>): string {
  return `${v.registry}/${v.registrationType}@${v.version}`;
}

/** Where the `version:` key of a version file is (the model keeps only the file's start). */
export function versionLine(v: Version): Loc {
  const lineCounter = new LineCounter();
  const doc = parseDocument(v.sourceText, { lineCounter });
  if (isMap(doc.contents))
    for (const pair of doc.contents.items)
      if (isScalar(pair.key) && pair.key.value === 'version' && pair.key.range) {
        const { line, col } = lineCounter.linePos(pair.key.range[0]);
        return { file: v.file, line, col, path: 'version' };
      }
  return v.loc;
}

function* versionsOf(defs: Definitions) {
  for (const registry of defs.registries)
    for (const type of registry.registrationTypes)
      for (const version of type.versions) yield { registry, type, version };
}

/**
 * The compatibility rule: each version (draft or published) against the previous published
 * one. Versions touched by an error elsewhere are skipped: their model is incomplete.
 */
export function checkVersionBumps(defs: Definitions, broken: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const clean = (v: Version) => !v.sources.some((f) => broken.has(f));
  for (const { type, version } of versionsOf(defs)) {
    const prev = comparisonBase(type.versions, version.version);
    if (!prev || !clean(version) || !clean(prev)) continue;
    const diff = diffVersions(prev, version);
    const declared = declaredBump(prev.version, version.version);
    if (!diff.bump || compareClasses(diff.bump, declared) <= 0) continue;
    const needing = diff.changes.filter((c) => c.class === diff.bump);
    // Each reason names its field or section, so it stands alone in the list.
    const listed = needing.slice(0, 5).map((c) => c.reason.replace(/\.$/, ''));
    const more = needing.length > 5 ? `; and ${needing.length - 5} more` : '';
    const fix = bumpVersion(prev.version, diff.bump);
    out.push({
      code: 'VERSION_BUMP_TOO_SMALL',
      severity: 'error',
      message: `${versionKey(version)} is a ${declared ?? 'no'} bump over ${prev.version}, but ${needing.length} change${needing.length === 1 ? '' : 's'} need${needing.length === 1 ? 's' : ''} a ${diff.bump} version: ${listed.join('; ')}${more}`,
      hint: `Declare ${fix} (version: ${fix} in a file named ${fix}.yaml${version.status === 'published' ? '; if registrations were made with it, leave it and publish the fix as a new version' : ''}), or undo these changes; 'regforms diff ${version.registry}/${version.registrationType}@${prev.version}..${version.version}' lists every change.`,
      ...versionLine(version),
    });
  }
  return out;
}

/** sha256 of each file a version is built from; `hashes` caches them across versions. */
function sourceHashes(
  version: Version,
  texts: ReadonlyMap<string, string>,
  hashes: Map<string, string>,
): Record<string, string> {
  const sources: Record<string, string> = {};
  for (const f of [...version.sources].sort()) {
    let sha = hashes.get(f);
    if (sha === undefined) {
      sha = fileHash(texts.get(f) ?? '');
      hashes.set(f, sha);
    }
    sources[f] = sha;
  }
  return sources;
}

/** Reads the lock among a folder's files: absent, or parsed, or a diagnostic. */
export function readLock(files: readonly SourceFile[]): { lock?: Lock; diagnostics: Diagnostic[] } {
  const file = files.find((f) => f.path === LOCK_FILE);
  if (!file) return { diagnostics: [] };
  const bad = (message: string, line = 1, col = 1): { diagnostics: Diagnostic[] } => ({
    diagnostics: [
      {
        code: 'LOCK_INVALID',
        severity: 'error',
        message,
        hint: `Restore ${LOCK_FILE} from version control; it is written by 'regforms lock' only.`,
        file: LOCK_FILE,
        line,
        col,
        path: '',
      },
    ],
  });
  let value: unknown;
  try {
    value = JSON.parse(file.text);
  } catch (e) {
    // JSON.parse gives no position in a portable form; Node's message carries it in words.
    const at = /position (\d+)/.exec((e as Error).message);
    const { line, col } = at ? position(file.text, Number(at[1])) : { line: 1, col: 1 };
    return bad(`${LOCK_FILE} is not valid JSON: ${(e as Error).message}`, line, col);
  }
  const versions = (value as Lock | null)?.versions;
  if (!versions || typeof versions !== 'object') return bad(`${LOCK_FILE} has no "versions" object`);
  for (const [key, entry] of Object.entries(versions))
    if (
      typeof entry?.contentHash !== 'string' ||
      typeof entry.formHash !== 'string' ||
      typeof entry.sources !== 'object'
    )
      return bad(`Entry "${key}" lacks contentHash, formHash or sources`, ...lineCol(file.text, key));
  return { lock: value as Lock, diagnostics: [] };
}

function position(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}

function lineCol(text: string, key: string): [number, number] {
  const i = text.indexOf(JSON.stringify(key));
  const { line, col } = position(text, Math.max(0, i));
  return [line, col];
}

interface Compared {
  key: string;
  registry: Registry;
  version: Version;
  form: CompiledForm;
  entry?: LockEntry;
  now: LockEntry;
  /** Files whose sha256 differs from the lock's, or that the version now uses besides. */
  changedFiles: string[];
  state: 'new' | 'same' | 'changed' | 'recompiled';
}

/** Every published, compiled version against its lock entry. */
function compare(
  defs: Definitions,
  forms: readonly CompiledForm[],
  files: readonly SourceFile[],
  lock?: Lock,
) {
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const hashes = new Map<string, string>();
  const byKey = new Map(forms.map((f) => [versionKey({ ...f.meta }), f]));
  const out: Compared[] = [];
  for (const { registry, version } of versionsOf(defs)) {
    if (version.status !== 'published') continue;
    const key = versionKey(version);
    const form = byKey.get(key);
    if (!form) continue; // not compiled: an error already names the file
    const entry = lock?.versions[key];
    const sources = sourceHashes(version, texts, hashes);
    const changedFiles = entry
      ? [
          ...Object.entries(entry.sources)
            .filter(([f, sha]) => sources[f] !== sha)
            .map(([f]) => f),
          ...Object.keys(sources).filter((f) => !(f in entry.sources)),
        ]
      : [];
    // Byte-identical files mean the same definition, whatever the loader makes of them today,
    // so the content hash is only recomputed (the costly part) when a file differs.
    const content = entry && changedFiles.length === 0 ? entry.contentHash : contentHash(registry, version);
    const now: LockEntry = {
      contentHash: content,
      formHash: form.meta.hash,
      compiler: form.meta.compiler,
      sources,
    };
    const state = !entry
      ? 'new'
      : entry.contentHash !== now.contentHash
        ? 'changed'
        : entry.formHash !== now.formHash
          ? 'recompiled'
          : 'same';
    out.push({ key, registry, version, form, entry, now, changedFiles, state });
  }
  return out;
}

/** Immutability of published versions against the lock; nothing when the folder has no lock. */
export function checkLock(
  defs: Definitions,
  forms: readonly CompiledForm[],
  files: readonly SourceFile[],
): Diagnostic[] {
  const { lock, diagnostics } = readLock(files);
  if (!lock) return diagnostics;
  const lockText = files.find((f) => f.path === LOCK_FILE)!.text;
  const out: Diagnostic[] = [];
  const compared = compare(defs, forms, files, lock);
  for (const c of compared) {
    if (c.state === 'same') continue;
    // Re-reading the file for the `version:` position is only worth it for a diagnostic.
    const at = versionLine(c.version);
    if (c.state === 'new')
      out.push({
        code: 'PUBLISHED_NOT_LOCKED',
        severity: 'warning',
        message: `${c.key} is published but not recorded in ${LOCK_FILE}`,
        hint: "Run 'pnpm regforms lock' to record it; from then on it cannot change.",
        ...at,
      });
    else if (c.state === 'changed') {
      const own = c.changedFiles.includes(c.version.file);
      const others = c.changedFiles.filter((f) => f !== c.version.file);
      const what = [
        ...(own ? ['this file'] : []),
        ...(others.length ? [`${others.join(', ')} (which it uses)`] : []),
      ];
      out.push({
        code: 'PUBLISHED_CHANGED',
        severity: 'error',
        message: `Published ${c.key} changed since it was locked${what.length ? `: ${what.join(' and ')} changed` : ''}`,
        hint: `A published version is immutable: restore ${what.length ? c.changedFiles.join(', ') : 'its files'} and publish the change as a new version (a new file, with a new fragment or code list if it changes one).`,
        ...at,
      });
    } else if (c.state === 'recompiled')
      out.push({
        code: 'PUBLISHED_RECOMPILED',
        severity: 'warning',
        message: `The compiled form of ${c.key} changed (${c.entry!.compiler} → ${c.now.compiler}) although its definition did not: registrations made with form ${c.entry!.formHash.slice(0, 12)} no longer match it`,
        hint: "Run 'pnpm regforms lock' to record the new form hash, and migrate the Open registrations that carry the old one.",
        ...at,
      });
  }
  // A locked version that is gone, or back to draft, breaks every registration made with it.
  const present = new Map(
    [...versionsOf(defs)].map(({ version }) => [versionKey(version), version] as const),
  );
  for (const key of Object.keys(lock.versions)) {
    const v = present.get(key);
    if (v && v.status === 'published') continue;
    const [line, col] = lineCol(lockText, key);
    out.push({
      code: 'PUBLISHED_CHANGED',
      severity: 'error',
      message: v
        ? `Published ${key} is a draft again (${v.file})`
        : `Published ${key} is locked but its file is gone`,
      hint: v
        ? `Write 'status: published' back in ${v.file}: a published version stays published.`
        : 'Restore the version file: registrations were made with it. Publish changes as a new version.',
      file: LOCK_FILE,
      line,
      col,
      path: `versions.${key}`,
    });
  }
  return [...diagnostics, ...out];
}

export interface LockUpdate {
  lock: Lock;
  /** Published versions recorded for the first time. */
  added: string[];
  /** Entries whose form hash or file hashes were refreshed: the definition did not change. */
  refreshed: string[];
  /** Entries not overwritten because the published version changed. */
  refused: { key: string; files: string[] }[];
}

/**
 * What `regforms lock` writes: the lock with every newly published version added. An entry
 * whose version changed is never overwritten (refused); one whose meaning is the same but whose
 * compiled form or file bytes changed (a compiler change, a comment) is refreshed.
 */
export function updateLock(
  defs: Definitions,
  forms: readonly CompiledForm[],
  files: readonly SourceFile[],
  lock?: Lock,
): LockUpdate {
  const versions: Record<string, LockEntry> = { ...(lock?.versions ?? {}) };
  const update: LockUpdate = { lock: { about: ABOUT, versions }, added: [], refreshed: [], refused: [] };
  for (const c of compare(defs, forms, files, lock)) {
    if (c.state === 'new') {
      versions[c.key] = c.now;
      update.added.push(c.key);
    } else if (c.state === 'changed') update.refused.push({ key: c.key, files: c.changedFiles });
    else if (JSON.stringify(c.entry) !== JSON.stringify(c.now)) {
      versions[c.key] = c.now;
      update.refreshed.push(c.key);
    }
  }
  update.lock.versions = Object.fromEntries(Object.entries(versions).sort(([a], [b]) => a.localeCompare(b)));
  return update;
}

/** The lock file's text: stable key order, one entry per published version. */
export function formatLock(lock: Lock): string {
  return `${JSON.stringify(lock, null, 2)}\n`;
}
