/* The typed model of a definitions folder: what the loader builds and the compiler reads. */
import type { Expr } from '@regforms/expression';
import type { FieldType } from './format.ts';

export type Lang = string;
/** A text in several languages: language → text. */
export type Text = Record<Lang, string>;

/** A place in a definition file (1-based line and column). */
export interface Loc {
  file: string;
  line: number;
  col: number;
  path: string;
}

/** A condition or expression as written, parsed, with a way to locate its parts. */
export interface Source {
  text: string;
  expr: Expr;
  loc: Loc;
  /** Location of an offset inside `text` (for diagnostics on one operand). */
  at(offset: number): Loc;
}

export interface Code {
  code: string;
  label: Text;
  snomed?: string;
  loinc?: string;
  loc: Loc;
}

export interface CodeList {
  id: string;
  title?: Text;
  codes: Code[];
  loc: Loc;
}

export interface Check {
  rule: Source;
  message: Text;
  loc: Loc;
}

export type MessageKey =
  | 'required'
  | 'min'
  | 'max'
  | 'minLength'
  | 'maxLength'
  | 'pattern'
  | 'format'
  | 'minItems'
  | 'maxItems';

export interface Field {
  kind: 'field';
  id: string;
  /** Technical name; absent only on notes. */
  name?: string;
  type: FieldType;
  label: Text;
  help?: Text;
  required: boolean | Source;
  visible?: Source;
  enabled?: Source;
  compute?: Source;
  checks: Check[];
  messages: Partial<Record<MessageKey, Text>>;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  multiline?: boolean;
  /** Identifies the patient: pseudonymised on export (niss fields always are). */
  identifier?: boolean;
  min?: number | string;
  max?: number | string;
  precision?: number;
  unit?: string;
  /** The unit as a UCUM code. */
  ucum?: string;
  /** Codes of a choice/multichoice, inline or from the code list. */
  codes?: Code[];
  codelist?: string;
  /** In a repeat: the codes of item n (n-th list); `codes` is then their union. */
  itemCodes?: Code[][];
  itemCodelists?: string[];
  display?: string;
  minItems?: number;
  maxItems?: number;
  /** Repeat: fields of one item; `min`/`max` hold the item counts. */
  fields?: Field[];
  itemLabel?: Text;
  /** Repeat: id of the item's yes/no field saying whether another item follows. */
  next?: string;
  loc: Loc;
}

export interface Section {
  kind: 'section';
  id: string;
  name?: string;
  title: Text;
  help?: Text;
  visible?: Source;
  fields: Field[];
  sections: Section[];
  /** Fragment it came from, if any. */
  fragment?: string;
  loc: Loc;
}

export type Status = 'draft' | 'published';

export interface Version {
  registry: string;
  registrationType: string;
  version: string;
  status: Status;
  effective: string;
  title: Text;
  description?: Text;
  /** Field ids identifying one registration; `or`: fields that stand in, in order, while `id` is empty. */
  businessKey: { id: string; or?: string[]; loc: Loc }[];
  sections: Section[];
  /** The version file, relative to the definitions folder, and its text (for hashing). */
  file: string;
  sourceText: string;
  /** Every file this version is built from: itself, registry.yaml, fragments, code lists. */
  sources: string[];
  loc: Loc;
}

export interface Languages {
  required: Lang[];
  optional: Lang[];
  fallback: Record<Lang, Lang>;
}

export interface RegistrationType {
  id: string;
  title: Text;
  description?: Text;
  versions: Version[];
  loc: Loc;
}

export interface Registry {
  id: string;
  dcd?: string;
  programme: { id: string; title: Text };
  title: Text;
  description?: Text;
  languages: Languages;
  registrationTypes: RegistrationType[];
  file: string;
  loc: Loc;
}

/** Everything in a definitions folder. */
export interface Definitions {
  registries: Registry[];
}
