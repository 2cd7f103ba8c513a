/*
 * What a move to a newer version did with a value it could not keep, in words: one catalog of
 * the message system (@regforms/runtime), keyed by the reason a MigrationIssue carries. Shown
 * after the field's label and value, so each says what happened, not which field.
 */
import { type MessageCatalog, messageFormatter } from '@regforms/runtime';
import type { MigrationIssue, MigrationReason } from './migrate.ts';

export const MIGRATION_MESSAGES = {
  'field-removed': {
    fr: 'ne fait pas partie de la version {version} : non repris.',
    nl: 'maakt geen deel uit van versie {version}: niet overgenomen.',
    en: 'not part of version {version}: not carried over.',
    de: 'nicht Teil von Version {version}: nicht übernommen.',
  },
  'type-changed': {
    fr: 'son type a changé dans la version {version} ({from} → {to}) : non repris.',
    nl: 'het type is gewijzigd in versie {version} ({from} → {to}): niet overgenomen.',
    en: 'its type changed in version {version} ({from} → {to}): not carried over.',
    de: 'der Typ hat sich in Version {version} geändert ({from} → {to}): nicht übernommen.',
  },
  'code-removed': {
    fr: 'ce code n’existe plus dans la version {version}.',
    nl: 'deze code bestaat niet meer in versie {version}.',
    en: 'this code no longer exists in version {version}.',
    de: 'dieser Code existiert in Version {version} nicht mehr.',
  },
  'out-of-bounds': {
    fr: 'n’est plus valide dans la version {version} : {detail}',
    nl: 'niet meer geldig in versie {version}: {detail}',
    en: 'no longer valid in version {version}: {detail}',
    de: 'in Version {version} nicht mehr gültig: {detail}',
  },
  hidden: {
    fr: 'n’est pas affiché dans la version {version} avec les autres réponses : non gardé.',
    nl: 'wordt in versie {version} niet getoond met de andere antwoorden: niet bewaard.',
    en: 'not shown in version {version} with the other answers: not kept.',
    de: 'wird in Version {version} bei den anderen Antworten nicht angezeigt: nicht behalten.',
  },
  'extra-item': {
    fr: 'la version {version} accepte au plus {max, plural, one {# élément} other {# éléments}} : cet élément n’est pas repris.',
    nl: 'versie {version} neemt hoogstens {max, plural, one {# item} other {# items}}: dit item wordt niet overgenomen.',
    en: 'version {version} takes at most {max, plural, one {# item} other {# items}}: this item is not carried over.',
    de: 'Version {version} nimmt höchstens {max, plural, one {# Element} other {# Elemente}} an: Dieses Element wird nicht übernommen.',
  },
} satisfies MessageCatalog<MigrationReason>;

const format = messageFormatter<MigrationReason>(MIGRATION_MESSAGES);

/** What happened to a value not carried over, in `lang` (fr, nl, en or de). */
export function migrationIssueText(
  issue: Pick<MigrationIssue, 'reason' | 'params'>,
  lang: string | undefined,
): string {
  return format(lang, issue.reason, issue.params);
}
