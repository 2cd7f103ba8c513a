/*
 * Text typed in the editor and not yet saved to disk lives in localStorage, per file, so
 * nothing typed is lost on a reload or a crash; a new version exists only here until saved.
 */
import { bumpVersion, type ChangeClass } from '@regforms/diff';
import { isMap, isScalar, LineCounter, parseDocument, type Scalar } from 'yaml';

const PREFIX = 'regforms-studio:draft:';

export interface LocalDraft {
  text: string;
  /** The file's text on disk when editing began (absent for a new file). */
  base?: string;
  updatedAt: string;
}

export function loadDraft(path: string): LocalDraft | undefined {
  const raw = localStorage.getItem(PREFIX + path);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as LocalDraft;
  } catch {
    return undefined;
  }
}

export function storeDraft(path: string, text: string, base: string | undefined): void {
  const draft: LocalDraft = {
    text,
    ...(base !== undefined ? { base } : {}),
    updatedAt: new Date().toISOString(),
  };
  localStorage.setItem(PREFIX + path, JSON.stringify(draft));
}

export function clearDraft(path: string): void {
  localStorage.removeItem(PREFIX + path);
}

/** Versions of a registration type that exist only as local drafts (new, not yet saved). */
export function localVersions(registry: string, type: string, onDisk: readonly string[]): string[] {
  const out: string[] = [];
  const start = `${PREFIX}${registry}/${type}/`;
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    const m = key?.startsWith(start) ? /^(.+)\.yaml$/.exec(key.slice(start.length)) : null;
    if (m && !m[1]!.includes('/') && !onDisk.includes(m[1]!)) out.push(m[1]!);
  }
  return out.sort();
}

/** The next version numbers from a base, one per kind of change. */
export function nextVersions(base: string): Record<ChangeClass, string> {
  return {
    major: bumpVersion(base, 'major'),
    minor: bumpVersion(base, 'minor'),
    patch: bumpVersion(base, 'patch'),
  };
}

/**
 * The text of a new draft copied from a version: `version`, `status: draft` and `effective`
 * rewritten in place, so comments, order and layout of the copied file stay as they were.
 */
export function newVersionText(baseText: string, version: string, effective: string): string {
  const lineCounter = new LineCounter();
  const doc = parseDocument(baseText, { lineCounter });
  const edits: { from: number; to: number; text: string }[] = [];
  const wanted: Record<string, string> = { version, status: 'draft', effective };
  const found = new Set<string>();
  if (isMap(doc.contents))
    for (const pair of doc.contents.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const value = pair.value as Scalar | null;
      if (key in wanted && isScalar(value) && value.range) {
        edits.push({ from: value.range[0], to: value.range[1], text: wanted[key]! });
        found.add(key);
      }
    }
  let out = baseText;
  for (const e of edits.sort((a, b) => b.from - a.from))
    out = out.slice(0, e.from) + e.text + out.slice(e.to);
  // A key the copied file lacks goes first, after the leading comments.
  const missing = Object.keys(wanted).filter((k) => !found.has(k));
  if (missing.length) {
    const lines = out.split('\n');
    const at = lines.findIndex((l) => l.trim() !== '' && !l.startsWith('#'));
    lines.splice(at < 0 ? lines.length : at, 0, ...missing.map((k) => `${k}: ${wanted[k]}`));
    out = lines.join('\n');
  }
  return out;
}
