/*
 * The renderer's own words (buttons, statuses, navigation, repeats) in fr/nl/en/de, one catalog of
 * the message system of @regforms/runtime (ICU). The compiled form's bundle comes first: a
 * registry may reword any of them.
 */
import { type MessageCatalog, messageFormatter } from '@regforms/runtime';

export const RENDERER_MESSAGES = {
  save: {
    fr: 'Enregistrer',
    nl: 'Opslaan',
    en: 'Save',
    de: 'Speichern',
  },
  send: {
    fr: 'Envoyer',
    nl: 'Versturen',
    en: 'Send',
    de: 'Senden',
  },
  delete: {
    fr: 'Supprimer',
    nl: 'Verwijderen',
    en: 'Delete',
    de: 'Löschen',
  },
  saved: {
    fr: 'Enregistré',
    nl: 'Opgeslagen',
    en: 'Saved',
    de: 'Gespeichert',
  },
  saving: {
    fr: 'Enregistrement…',
    nl: 'Opslaan…',
    en: 'Saving…',
    de: 'Speichern…',
  },
  unsaved: {
    fr: 'Modifications non enregistrées',
    nl: 'Niet-opgeslagen wijzigingen',
    en: 'Unsaved changes',
    de: 'Nicht gespeicherte Änderungen',
  },
  'status.open': {
    fr: 'Ouvert',
    nl: 'Open',
    en: 'Open',
    de: 'Offen',
  },
  'status.sent': {
    fr: 'Envoyé',
    nl: 'Verzonden',
    en: 'Sent',
    de: 'Gesendet',
  },
  'status.deleted': {
    fr: 'Supprimé',
    nl: 'Verwijderd',
    en: 'Deleted',
    de: 'Gelöscht',
  },
  registrationCode: {
    fr: "Code d'enregistrement",
    nl: 'Registratiecode',
    en: 'Registration code',
    de: 'Registrierungscode',
  },
  sections: {
    fr: 'Sections',
    nl: 'Secties',
    en: 'Sections',
    de: 'Abschnitte',
  },
  errors: {
    fr: 'erreurs',
    nl: 'fouten',
    en: 'errors',
    de: 'Fehler',
  },
  'sync.pending': {
    fr: 'Enregistré sur cet appareil, pas encore sur le serveur',
    nl: 'Opgeslagen op dit toestel, nog niet op de server',
    en: 'Saved on this device, not yet on the server',
    de: 'Auf diesem Gerät gespeichert, noch nicht auf dem Server',
  },
  'sync.refused': {
    fr: 'Enregistré sur cet appareil ; le serveur l’a refusé : {reason}',
    nl: 'Opgeslagen op dit toestel; de server heeft het geweigerd: {reason}',
    en: 'Saved on this device; the server refused it: {reason}',
    de: 'Auf diesem Gerät gespeichert; der Server hat es abgelehnt: {reason}',
  },
  sendFailed: {
    fr: "L'enregistrement n'a pas été envoyé : corrigez ces erreurs.",
    nl: 'De registratie werd niet verzonden: verbeter deze fouten.',
    en: 'The registration was not sent: correct these errors.',
    de: 'Die Registrierung wurde nicht gesendet: korrigieren Sie diese Fehler.',
  },
  'sendFailed.count': {
    fr: "L'enregistrement n'a pas été envoyé : {count, plural, one {# erreur à corriger} other {# erreurs à corriger}}.",
    nl: 'De registratie werd niet verzonden: {count, plural, one {# fout te verbeteren} other {# fouten te verbeteren}}.',
    en: 'The registration was not sent: {count, plural, one {# error to correct} other {# errors to correct}}.',
    de: 'Die Registrierung wurde nicht gesendet: {count, plural, one {# Fehler zu korrigieren} other {# Fehler zu korrigieren}}.',
  },
  preview: {
    fr: 'Aperçu — rien n’est enregistré',
    nl: 'Voorbeeld — er wordt niets opgeslagen',
    en: 'Preview — nothing is stored',
    de: 'Vorschau — nichts wird gespeichert',
  },
  'preview.note': {
    fr: 'Vérifie le formulaire comme l’envoi le ferait ; rien n’est enregistré ni envoyé.',
    nl: 'Controleert het formulier zoals verzenden het zou doen; er wordt niets opgeslagen of verzonden.',
    en: 'Checks the form as Send would; nothing is stored or sent.',
    de: 'Prüft das Formular wie beim Senden; nichts wird gespeichert oder gesendet.',
  },
  check: {
    fr: 'Vérifier',
    nl: 'Controleren',
    en: 'Check',
    de: 'Prüfen',
  },
  checkOk: {
    fr: 'Le formulaire serait accepté. Rien n’a été enregistré ni envoyé (aperçu).',
    nl: 'Het formulier zou aanvaard worden. Er werd niets opgeslagen of verzonden (voorbeeld).',
    en: 'The form would be accepted. Nothing was stored or sent (preview).',
    de: 'Das Formular würde angenommen. Nichts wurde gespeichert oder gesendet (Vorschau).',
  },
  'computed.empty': {
    fr: 'calculé dès que les champs dont il dépend sont remplis',
    nl: 'berekend zodra de velden waarvan het afhangt ingevuld zijn',
    en: 'computed once the fields it is made from are filled',
    de: 'berechnet, sobald die Felder ausgefüllt sind, aus denen es entsteht',
  },
  'counter.title': {
    fr: '{filled} sur {required} {required, plural, one {champ obligatoire rempli} other {champs obligatoires remplis}}',
    nl: '{filled} van {required} verplichte velden ingevuld',
    en: '{filled} of {required} required {required, plural, one {field} other {fields}} filled',
    de: '{filled} von {required} Pflichtfeldern ausgefüllt',
  },
  'counter.legend': {
    fr: '2/5 : champs obligatoires remplis sur ceux de la section',
    nl: '2/5: ingevulde verplichte velden van de sectie',
    en: '2/5: required fields of the section filled',
    de: '2/5: ausgefüllte Pflichtfelder des Abschnitts',
  },
  'checkFailed.count': {
    fr: 'Le formulaire serait refusé : {count, plural, one {# erreur à corriger} other {# erreurs à corriger}}.',
    nl: 'Het formulier zou geweigerd worden: {count, plural, one {# fout te verbeteren} other {# fouten te verbeteren}}.',
    en: 'The form would be refused: {count, plural, one {# error to correct} other {# errors to correct}}.',
    de: 'Das Formular würde abgelehnt: {count, plural, one {# Fehler zu korrigieren} other {# Fehler zu korrigieren}}.',
  },
  sentOk: {
    fr: "L'enregistrement a été envoyé.",
    nl: 'De registratie werd verzonden.',
    en: 'The registration was sent.',
    de: 'Die Registrierung wurde gesendet.',
  },
  readOnly: {
    fr: 'Lecture seule',
    nl: 'Alleen-lezen',
    en: 'Read-only',
    de: 'Schreibgeschützt',
  },
  previous: {
    fr: 'Section précédente',
    nl: 'Vorige sectie',
    en: 'Previous section',
    de: 'Vorheriger Abschnitt',
  },
  next: {
    fr: 'Section suivante',
    nl: 'Volgende sectie',
    en: 'Next section',
    de: 'Nächster Abschnitt',
  },
  'repeat.errors': {
    fr: '{count, plural, one {# erreur} other {# erreurs}}',
    nl: '{count, plural, one {# fout} other {# fouten}}',
    en: '{count, plural, one {# error} other {# errors}}',
    de: '{count} Fehler',
  },
  'date.choose': {
    fr: 'Choisir la date',
    nl: 'Kies datum',
    en: 'Choose date',
    de: 'Datum auswählen',
  },
  'date.chooseSelected': {
    fr: 'Choisir la date, la date sélectionnée est {date}',
    nl: 'Kies datum, geselecteerde datum is {date}',
    en: 'Choose date, selected date is {date}',
    de: 'Datum auswählen, gewähltes Datum ist {date}',
  },
  'repeat.empty': { fr: 'Aucun élément.', nl: 'Geen items.', en: 'No items.', de: 'Keine Einträge.' },
} satisfies MessageCatalog;

export type RendererMessageKey = keyof typeof RENDERER_MESSAGES;

/** One of the renderer's own words in `lang` (English for a language the catalog lacks). */
export const rendererText = messageFormatter<RendererMessageKey>(RENDERER_MESSAGES);
const isRendererKey = (key: string): key is RendererMessageKey => key in RENDERER_MESSAGES;

/**
 * A text of a compiled form (the registry's own words, not ICU) with its `{name}` filled in; a
 * name without a value stays as it is, so it shows.
 */
export function fillText(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

/**
 * A text in the form language: the compiled form's bundle (its `{name}` filled in), else the
 * renderer's own words, else the fallback.
 */
export function translator(bundle: Record<string, string> | undefined, lang: string) {
  return (
    key: string,
    fallback?: string,
    values: Record<string, string | number> = {},
  ): string | undefined => {
    const own = bundle?.[key];
    if (own !== undefined) return fillText(own, values);
    return isRendererKey(key) ? rendererText(lang, key, values) : fallback;
  };
}
