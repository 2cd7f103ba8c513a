/*
 * Every text @regforms/fhir writes itself: what is wrong with a QuestionnaireResponse, one
 * whole sentence per entry and language (ICU MessageFormat, the one message system of
 * @regforms/runtime). The form's own validation messages are not here: they come with the form.
 */
import { type MessageCatalog, messageFormatter } from '@regforms/runtime';

export const MESSAGES = {
  UNKNOWN_ITEM: {
    fr: "Le formulaire n'a pas de question {linkId}",
    nl: 'Het formulier heeft geen vraag {linkId}',
    en: 'The form has no question {linkId}',
    de: 'Das Formular hat keine Frage {linkId}',
  },
  NOT_A_QUESTION: {
    fr: '{linkId} est un groupe ou un texte, pas une question : il ne prend pas de réponse',
    nl: '{linkId} is een groep of een tekst, geen vraag: er hoort geen antwoord bij',
    en: '{linkId} is a group or a text, not a question: it takes no answer',
    de: '{linkId} ist eine Gruppe oder ein Text, keine Frage: es nimmt keine Antwort',
  },
  ONE_ANSWER: {
    fr: '{linkId} prend une seule réponse',
    nl: '{linkId} heeft één antwoord',
    en: '{linkId} takes one answer',
    de: '{linkId} nimmt eine einzige Antwort',
  },
  WRONG_TYPE: {
    fr: '{linkId} prend une réponse {want}',
    nl: '{linkId} verwacht een antwoord {want}',
    en: '{linkId} takes a {want} answer',
    de: '{linkId} erwartet eine Antwort {want}',
  },
  WRONG_SYSTEM: {
    fr: "{linkId} : le système de codes {got} n'est pas celui du formulaire ({want})",
    nl: '{linkId}: het codesysteem {got} is niet dat van het formulier ({want})',
    en: "{linkId}: the code system {got} is not the form's ({want})",
    de: '{linkId}: das Codesystem {got} ist nicht das des Formulars ({want})',
  },
  SECONDS: {
    fr: '{linkId} : une heure avec secondes ; le formulaire enregistre heures et minutes',
    nl: '{linkId}: een tijd met seconden; het formulier bewaart uren en minuten',
    en: '{linkId}: a time with seconds; the form records hours and minutes',
    de: '{linkId}: eine Uhrzeit mit Sekunden; das Formular speichert Stunden und Minuten',
  },
  STATUS: {
    fr: 'Une réponse au statut {status} ne peut pas devenir un enregistrement (in-progress ou completed)',
    nl: 'Een antwoord met status {status} kan geen registratie worden (in-progress of completed)',
    en: 'A response with status {status} cannot become a registration (in-progress or completed)',
    de: 'Eine Antwort mit dem Status {status} kann keine Registrierung werden (in-progress oder completed)',
  },
  ENTRY: {
    fr: '{linkId} ({repeat}, entrée {index})',
    nl: '{linkId} ({repeat}, item {index})',
    en: '{linkId} ({repeat}, entry {index})',
    de: '{linkId} ({repeat}, Eintrag {index})',
  },
} satisfies MessageCatalog;

export type MessageKey = keyof typeof MESSAGES;
export const renderMessage = messageFormatter<MessageKey>(MESSAGES);
