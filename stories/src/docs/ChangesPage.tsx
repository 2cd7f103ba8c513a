/*
 * "What changed" between the versions of a registration type, drawn from the generator's
 * @regforms/diff output: the summary per version step, every change with its class and reason,
 * and the CLI's text report (`regforms diff`) under it, word for word.
 */
import type { Change, VersionDiff } from '@regforms/diff';

export interface ChangesData {
  registry: string;
  registrationType: string;
  diffs: {
    from: { version: string; status: string };
    to: { version: string; status: string };
    diff: VersionDiff;
    text: string;
  }[];
}

const CLASS_TEXT: Record<Change['class'], string> = {
  major: 'major — breaking',
  minor: 'minor — compatible',
  patch: 'patch — wording',
};
const CLASS_COLOUR: Record<Change['class'], string> = {
  major: '#8a1c1c',
  minor: '#7a4b00',
  patch: '#1d5b2a',
};

const where = (c: Change) =>
  c.kind.startsWith('section-')
    ? `section ${c.fieldId}`
    : c.fieldId === ''
      ? 'form'
      : c.repeat
        ? `${c.repeat} › ${c.technicalName ?? c.fieldId}`
        : (c.technicalName ?? `note ${c.fieldId}`);

export function ChangesPage({ changes }: { changes: ChangesData }) {
  return (
    <div className="regforms-changes">
      <h1>
        {changes.registry} — {changes.registrationType}: what changed
      </h1>
      <p>
        Each version against the one before it. Major: existing drafts or records may become invalid; minor:
        they stay valid; patch: wording and layout.
      </p>
      {[...changes.diffs].reverse().map(({ from, to, diff, text }) => (
        <section key={`${from.version}-${to.version}`} aria-labelledby={`step-${to.version}`}>
          <h2 id={`step-${to.version}`}>
            {from.version} → {to.version}
            {to.status === 'draft' ? ' (draft)' : ''}
          </h2>
          <p>
            {diff.changes.length} change{diff.changes.length === 1 ? '' : 's'}
            {diff.bump ? `; needs a ${diff.bump} version` : '; nothing changed'}.
          </p>
          {diff.changes.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">class</th>
                  <th scope="col">change</th>
                  <th scope="col">where</th>
                  <th scope="col">why</th>
                </tr>
              </thead>
              <tbody>
                {diff.changes.map((c, i) => (
                  <tr key={`${c.kind}-${c.fieldId}-${c.property ?? ''}-${i}`} data-class={c.class}>
                    <td style={{ color: CLASS_COLOUR[c.class], fontWeight: 600, whiteSpace: 'nowrap' }}>
                      {CLASS_TEXT[c.class]}
                    </td>
                    <td>
                      <code>{c.kind}</code>
                    </td>
                    <td>
                      <code>{where(c)}</code>
                    </td>
                    <td>{c.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <details>
            <summary>
              The same as <code>regforms diff</code> prints it
            </summary>
            <pre>{text}</pre>
          </details>
        </section>
      ))}
    </div>
  );
}
