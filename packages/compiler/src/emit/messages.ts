/** Keywords that share a message: a date's bounds read like a number's. */
export const KEYWORD_ALIASES: Record<string, string[]> = {
  minimum: ['exclusiveMinimum', 'formatMinimum', 'formatExclusiveMinimum'],
  maximum: ['exclusiveMaximum', 'formatMaximum', 'formatExclusiveMaximum'],
};

/*
 * The generic messages and button texts of every compiled form, per language. Definitions
 * override them per field (`messages:`); `{limit}` is filled in from the error.
 */
export const GENERIC_MESSAGES: Record<string, Record<string, string>> = {
  fr: {
    'error.notAfterToday': 'La date ne peut pas être dans le futur.',
    'error.notBeforeToday': 'La date ne peut pas être dans le passé.',
    'error.required': 'Ce champ est obligatoire.',
    'error.minimum': 'La valeur doit être au moins {limit}.',
    'error.maximum': 'La valeur doit être au plus {limit}.',
    'error.minLength': 'Au moins {limit} caractères.',
    'error.maxLength': 'Au plus {limit} caractères.',
    'error.pattern': "Le format n'est pas valide.",
    'error.format': "Le format n'est pas valide.",
    'error.type': "Le type de valeur n'est pas valide.",
    'error.enum': "Ce code n'est pas dans la liste.",
    'error.minItems': 'Choisissez au moins {limit} éléments.',
    'error.maxItems': 'Choisissez au plus {limit} éléments.',
    'error.multipleOf': 'Trop de décimales.',
    'error.additionalProperties': "Ce champ n'existe pas dans ce formulaire.",
    'error.check': 'Cette valeur ne respecte pas une règle du formulaire.',
    'repeat.add': 'Ajouter',
    'repeat.remove': 'Supprimer',
  },
  nl: {
    'error.notAfterToday': 'De datum mag niet in de toekomst liggen.',
    'error.notBeforeToday': 'De datum mag niet in het verleden liggen.',
    'error.required': 'Dit veld is verplicht.',
    'error.minimum': 'De waarde moet minstens {limit} zijn.',
    'error.maximum': 'De waarde mag hoogstens {limit} zijn.',
    'error.minLength': 'Minstens {limit} tekens.',
    'error.maxLength': 'Hoogstens {limit} tekens.',
    'error.pattern': 'Het formaat is niet geldig.',
    'error.format': 'Het formaat is niet geldig.',
    'error.type': 'Het soort waarde is niet geldig.',
    'error.enum': 'Deze code staat niet in de lijst.',
    'error.minItems': 'Kies minstens {limit} elementen.',
    'error.maxItems': 'Kies hoogstens {limit} elementen.',
    'error.multipleOf': 'Te veel decimalen.',
    'error.additionalProperties': 'Dit veld bestaat niet in dit formulier.',
    'error.check': 'Deze waarde voldoet niet aan een regel van het formulier.',
    'repeat.add': 'Toevoegen',
    'repeat.remove': 'Verwijderen',
  },
  en: {
    'error.notAfterToday': 'The date cannot be in the future.',
    'error.notBeforeToday': 'The date cannot be in the past.',
    'error.required': 'This field is required.',
    'error.minimum': 'The value must be at least {limit}.',
    'error.maximum': 'The value must be at most {limit}.',
    'error.minLength': 'At least {limit} characters.',
    'error.maxLength': 'At most {limit} characters.',
    'error.pattern': 'The format is not valid.',
    'error.format': 'The format is not valid.',
    'error.type': 'The kind of value is not valid.',
    'error.enum': 'This code is not in the list.',
    'error.minItems': 'Choose at least {limit} items.',
    'error.maxItems': 'Choose at most {limit} items.',
    'error.multipleOf': 'Too many decimals.',
    'error.additionalProperties': 'This field does not exist in this form.',
    'error.check': 'This value breaks a rule of the form.',
    'repeat.add': 'Add',
    'repeat.remove': 'Remove',
  },
  de: {
    'error.notAfterToday': 'Das Datum darf nicht in der Zukunft liegen.',
    'error.notBeforeToday': 'Das Datum darf nicht in der Vergangenheit liegen.',
    'error.required': 'Dieses Feld ist erforderlich.',
    'error.minimum': 'Der Wert muss mindestens {limit} sein.',
    'error.maximum': 'Der Wert darf höchstens {limit} sein.',
    'error.minLength': 'Mindestens {limit} Zeichen.',
    'error.maxLength': 'Höchstens {limit} Zeichen.',
    'error.pattern': 'Das Format ist ungültig.',
    'error.format': 'Das Format ist ungültig.',
    'error.type': 'Die Art des Wertes ist ungültig.',
    'error.enum': 'Dieser Code steht nicht in der Liste.',
    'error.minItems': 'Wählen Sie mindestens {limit} Elemente.',
    'error.maxItems': 'Wählen Sie höchstens {limit} Elemente.',
    'error.multipleOf': 'Zu viele Dezimalstellen.',
    'error.additionalProperties': 'Dieses Feld gibt es in diesem Formular nicht.',
    'error.check': 'Dieser Wert verletzt eine Regel des Formulars.',
    'repeat.add': 'Hinzufügen',
    'repeat.remove': 'Entfernen',
  },
};

/*
 * The messages of a repeat's `next` field (written only into forms that have one, so forms
 * without it compile exactly as before): a wrong answer, and an answer in the last possible item.
 */
export const NEXT_MESSAGES: Record<string, { next: string; nextInLast: string }> = {
  fr: {
    next: 'Répondez Oui si un élément suit, Non pour le dernier.',
    nextInLast: "Cette question n'est pas posée pour le dernier élément possible.",
  },
  nl: {
    next: 'Antwoord Ja als er nog een element volgt, Neen bij het laatste.',
    nextInLast: 'Deze vraag wordt niet gesteld bij het laatst mogelijke element.',
  },
  en: {
    next: 'Answer Yes when another item follows, No for the last one.',
    nextInLast: 'This question is not asked for the last possible item.',
  },
  de: {
    next: 'Antworten Sie Ja, wenn ein weiteres Element folgt, Nein beim letzten.',
    nextInLast: 'Diese Frage wird beim letztmöglichen Element nicht gestellt.',
  },
};
