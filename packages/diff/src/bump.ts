/* Semver bumps: which one a version declares, and the version a bump leads to. */
import type { ChangeClass } from './types.ts';

const parts = (v: string): [number, number, number] => {
  const [core = ''] = v.split('-', 1);
  const [a = 0, b = 0, c = 0] = core.split('.').map(Number);
  return [a, b, c];
};

/** The bump from one version to a higher one: major, minor or patch (null when not higher). */
export function declaredBump(from: string, to: string): ChangeClass | null {
  const [fa, fb, fc] = parts(from);
  const [ta, tb, tc] = parts(to);
  if (ta !== fa) return ta > fa ? 'major' : null;
  if (tb !== fb) return tb > fb ? 'minor' : null;
  if (tc !== fc) return tc > fc ? 'patch' : null;
  return null;
}

/** The version a bump of this class leads to: 1.2.3 + major = 2.0.0. */
export function bumpVersion(from: string, bump: ChangeClass): string {
  const [a, b, c] = parts(from);
  if (bump === 'major') return `${a + 1}.0.0`;
  if (bump === 'minor') return `${a}.${b + 1}.0`;
  return `${a}.${b}.${c + 1}`;
}
