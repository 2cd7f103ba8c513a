/*
 * What the lifecycle refuses, in words, for every path that stores registrations (a form's
 * Send, CSV import, the hospital node's API): one catalog of the message system.
 */
import { type MessageCatalog, messageFormatter } from '@regforms/runtime';

export type LifecycleMessage = 'SENT_WITH_SAME_KEY';

export const LIFECYCLE_MESSAGES = {
  // The seeds: a Sent registration is corrected through the registry's helpdesk, not sent again.
  SENT_WITH_SAME_KEY: {
    fr: "L'enregistrement {code} a déjà été envoyé pour ce patient et cette date ({key}). Un enregistrement envoyé se corrige par le helpdesk du registre (healthdata.be), pas par un nouvel envoi.",
    nl: 'Registratie {code} werd al verzonden voor deze patiënt en deze datum ({key}). Een verzonden registratie wordt verbeterd via de helpdesk van het register (healthdata.be), niet door ze opnieuw te verzenden.',
    en: "Registration {code} was already sent for this patient and date ({key}). A sent registration is corrected through the registry's helpdesk (healthdata.be), not by sending it again.",
    de: 'Die Registrierung {code} wurde für diesen Patienten und dieses Datum ({key}) bereits gesendet. Eine gesendete Registrierung wird über den Helpdesk des Registers (healthdata.be) korrigiert, nicht durch erneutes Senden.',
  },
} satisfies MessageCatalog<LifecycleMessage>;

const format = messageFormatter<LifecycleMessage>(LIFECYCLE_MESSAGES);

/** A lifecycle refusal in `lang` (fr, nl, en or de; English otherwise). */
export function lifecycleMessage(
  lang: string | undefined,
  key: LifecycleMessage,
  params: Record<string, string | number>,
): string {
  return format(lang, key, params);
}
