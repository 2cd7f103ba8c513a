/*
 * The catalog and the version rules every consumer shares: which version of a registration
 * type is the most recent, which one a version is compared with, how versions sort. Written
 * once here, so the CLI, the studio, Storybook and the registrations agree by construction.
 */
import semverCompare from 'semver/functions/compare.js';
import semverValid from 'semver/functions/valid.js';
import type { Lang } from './form.ts';

/** A text in several languages: language → text. */
export type Text = Record<Lang, string>;

/** A version is a draft (may still change) or published (immutable). */
export type VersionStatus = 'draft' | 'published';

/** The lock of published versions, at the root of a definitions folder. */
export const LOCK_FILE = 'published.lock.json';

export interface CatalogVersion {
  version: string;
  status: VersionStatus;
  effective: string;
  title: Text;
  /** This is the most recent version of its registration type (JSON key of the published contract). */
  latest: boolean;
}

export interface CatalogType {
  id: string;
  title: Text;
  description?: Text;
  /** The most recent version, or null when only drafts exist. */
  latest: string | null;
  versions: CatalogVersion[];
}

export interface CatalogRegistry {
  id: string;
  dcd: string | null;
  programme: { id: string; title: Text };
  title: Text;
  description?: Text;
  languages: { required: Lang[]; optional: Lang[]; fallback: Record<Lang, Lang> };
  registrationTypes: CatalogType[];
}

/** Programme → registry → registration type → versions (`catalog.json`). */
export interface Catalog {
  registries: CatalogRegistry[];
}

/**
 * Semver order (pre-releases before their release, `rc.2` before `rc.10`). A string that is
 * not semver (only met in a definition that does not check yet) sorts after every version.
 */
export function compareVersions(a: string, b: string): number {
  const va = semverValid(a);
  const vb = semverValid(b);
  if (va && vb) return semverCompare(va, vb);
  if (va) return -1;
  if (vb) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

interface Versioned {
  version: string;
  status: VersionStatus;
}

/** The most recent version: the highest published semver. A draft never is. */
export function mostRecent<V extends Versioned>(versions: readonly V[]): V | undefined {
  let best: V | undefined;
  for (const v of versions)
    if (v.status === 'published' && (!best || compareVersions(v.version, best.version) > 0)) best = v;
  return best;
}

/**
 * The version a version is compared with: the highest published version below it. `check`
 * holds a version's declared bump to its changes against this one; the studio and Storybook
 * show "what changed" against the same one.
 */
export function comparisonBase<V extends Versioned>(versions: readonly V[], version: string): V | undefined {
  let best: V | undefined;
  for (const v of versions)
    if (
      v.status === 'published' &&
      compareVersions(v.version, version) < 0 &&
      (!best || compareVersions(v.version, best.version) > 0)
    )
      best = v;
  return best;
}

/** JSON with every object's keys in code-point order: the text that content hashes are taken of. */
export function canonicalJson(value: unknown, replacer?: (key: string, value: unknown) => unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    const r = replacer ? replacer(key, v) : v;
    if (r && typeof r === 'object' && !Array.isArray(r))
      return Object.fromEntries(
        Object.entries(r as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)),
      );
    return r;
  });
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The closest candidate within a third of the word's length, if any. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    const d = distance(lower, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}
