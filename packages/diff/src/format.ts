/* The diff as people read it: changes grouped by class, breaking first. */
import type { Change, ChangeClass, VersionDiff } from './types.ts';

const HEADINGS: Record<ChangeClass, string> = {
  major: 'major — breaking: existing drafts or records may become invalid',
  minor: 'minor — compatible: existing records stay valid',
  patch: 'patch — wording and layout only',
};

/** Where a change is: `CD_FOO (id foo)`, `PCI › DT_PCI`, `section admission`, `form`. */
export function changeTarget(c: Change): string {
  if (c.kind.startsWith('section-')) return `section ${c.fieldId}`;
  if (c.fieldId === '') return 'form';
  const name = c.technicalName ?? `note ${c.fieldId}`;
  return c.repeat ? `${c.repeat} › ${name}` : name;
}

/** The text report of a diff: a summary line, then one block per class with one line per change. */
export function formatDiff(diff: VersionDiff): string {
  const id = `${diff.registry}/${diff.registrationType}`;
  const lines = [
    `${id} ${diff.from} → ${diff.to}: ${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'}${
      diff.bump ? `, needs a ${diff.bump} version` : ''
    }`,
  ];
  for (const cls of ['major', 'minor', 'patch'] as const) {
    const list = diff.changes.filter((c) => c.class === cls);
    if (list.length === 0) continue;
    lines.push('', `${HEADINGS[cls]} (${list.length})`);
    for (const c of list) lines.push(`  ${c.kind.padEnd(24)} ${changeTarget(c)}: ${c.reason}`);
  }
  return lines.join('\n');
}
