/*
 * The parts of FHIR R4 that regforms writes and reads, typed as far as this package needs
 * (the full definitions are large; the tests validate every resource against them).
 */
export interface Extension {
  url: string;
  extension?: Extension[];
  [value: `value${string}`]: unknown;
  [underscore: `_${string}`]: unknown;
}

export interface Coding {
  system?: string;
  code?: string;
  display?: string;
  _display?: unknown;
}

export interface QuestionnaireItem {
  linkId: string;
  text?: string;
  type:
    | 'group'
    | 'display'
    | 'boolean'
    | 'decimal'
    | 'integer'
    | 'date'
    | 'dateTime'
    | 'time'
    | 'string'
    | 'text'
    | 'url'
    | 'choice'
    | 'open-choice'
    | 'attachment'
    | 'reference'
    | 'quantity';
  required?: boolean;
  repeats?: boolean;
  readOnly?: boolean;
  maxLength?: number;
  enableWhen?: { question: string; operator: string; [answer: string]: unknown }[];
  enableBehavior?: 'all' | 'any';
  answerOption?: { valueCoding?: Coding; extension?: Extension[] }[];
  extension?: Extension[];
  item?: QuestionnaireItem[];
  [underscore: `_${string}`]: unknown;
}

export interface QuestionnaireResource {
  resourceType: 'Questionnaire';
  id?: string;
  url?: string;
  version?: string;
  status: 'draft' | 'active' | 'retired' | 'unknown';
  item?: QuestionnaireItem[];
  [key: string]: unknown;
}

export interface Answer {
  valueBoolean?: boolean;
  valueDecimal?: number;
  valueInteger?: number;
  valueDate?: string;
  valueDateTime?: string;
  valueTime?: string;
  valueString?: string;
  valueCoding?: Coding;
  valueQuantity?: { value?: number; unit?: string; system?: string; code?: string };
  item?: ResponseItem[];
  [key: string]: unknown;
}

export interface ResponseItem {
  linkId: string;
  text?: string;
  answer?: Answer[];
  item?: ResponseItem[];
}

export interface QuestionnaireResponseResource {
  resourceType: 'QuestionnaireResponse';
  id?: string;
  questionnaire?: string;
  status: 'in-progress' | 'completed' | 'amended' | 'entered-in-error' | 'stopped';
  subject?: { identifier?: { system?: string; value?: string }; reference?: string; display?: string };
  authored?: string;
  identifier?: { system?: string; value?: string };
  item?: ResponseItem[];
  [key: string]: unknown;
}
