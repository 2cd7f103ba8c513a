/*
 * The compiled form: the one JSON document per version that every consumer reads
 * (renderer, studio, Storybook, CSV, servers). Its types live here, with the runtime that
 * applies it, so a consumer needs this package and nothing of the compiler.
 */
import type { CompiledExpr } from '@regforms/expression';

export type Lang = string;

/**
 * The comparison keywords of compiled conditions (the compiler's conditionSchema) and the
 * operator each stands for: numbers by JSON Schema's, dates by ajv-formats' format* keywords.
 * Consumers that read a condition back (the CSV dictionary, FHIR) take them from here.
 */
export const COMPARISON_KEYWORDS = [
  ['exclusiveMaximum', '<'],
  ['formatExclusiveMaximum', '<'],
  ['maximum', '<='],
  ['formatMaximum', '<='],
  ['exclusiveMinimum', '>'],
  ['formatExclusiveMinimum', '>'],
  ['minimum', '>='],
  ['formatMinimum', '>='],
] as const;

/**
 * Above this many codes a choice is searched (autocomplete), not scrolled through: the
 * renderer's choice, and the control a FHIR Questionnaire asks its clients for.
 */
export const AUTOCOMPLETE_THRESHOLD = 12;
export type JsonSchema = Record<string, unknown>;
export type FieldType =
  | 'text'
  | 'integer'
  | 'decimal'
  | 'date'
  | 'time'
  | 'boolean'
  | 'choice'
  | 'multichoice'
  | 'niss'
  | 'note'
  | 'repeat';

export interface FormMeta {
  registry: string;
  registrationType: string;
  version: string;
  status: 'draft' | 'published';
  effective: string;
  dcd: string | null;
  programme: string;
  /** i18n keys of the titles: form.title, registry.title, registrationType.title, programme.title. */
  languages: Lang[];
  defaultLanguage: Lang;
  /**
   * Technical names of the fields that identify one registration. A list stands for one part:
   * its first filled field (e.g. the national number, else the pseudonymous code).
   */
  businessKey: (string | string[])[];
  /** sha256 of the compiled form without this field: stored on every registration. */
  hash: string;
  compiler: string;
}

/** What the runtime needs per data field: visibility, computation, cross-field rules. */
export interface FieldLogic {
  id: string;
  /** Technical name: the data key. */
  name: string;
  /** i18n key prefix: the technical name, or `REPEAT.NAME` for a field in a repeat. */
  key: string;
  type: FieldType;
  /** Technical name of the repeat whose items hold it. */
  repeat?: string;
  /**
   * JSON Schema that the data (the repeat item, for a field in a repeat) must match for the
   * field to be shown: sections' and own conditions together. Absent: always shown.
   */
  visible?: JsonSchema;
  /**
   * Required when shown (`true`), or required when shown and this JSON Schema holds.
   * Absent: optional. The schema's `required`/`if-then` say the same; this is for UIs.
   */
  required?: true | JsonSchema;
  compute?: CompiledExpr;
  /** Rules that must hold; `message` is an i18n key. `keyword` names the rule in errors. */
  checks?: { rule: CompiledExpr; message: string; keyword: string }[];
  /**
   * Identifies the patient (every national number, and text fields the definition marks):
   * replaced by a keyed pseudonym when registrations leave the hospital node.
   */
  identifier?: true;
  /** A field in a repeat whose items each have their own code list: the codes of item n. */
  itemCodes?: string[][];
  /**
   * A repeat's "another item follows?" field: its technical name, yes in every item that
   * another follows, no in the last one, absent from the last possible item (the schema's
   * positional rules say the same; this is for UIs and data generators).
   */
  next?: { name: string; yes: string | boolean; no: string | boolean };
  /** A choice's code list (absent: the definition lists the codes itself, or per repeat item). */
  codelist?: string;
  /** Codes bound to outside terminologies: code → SNOMED CT concept id, LOINC code. */
  bindings?: Record<string, { snomed?: string; loinc?: string }>;
  /** A number's unit as shown, and as a UCUM code. */
  unit?: string;
  ucum?: string;
}

export interface CsvColumn {
  /** Header cell: the technical name, `_n` appended for repeat items. */
  column: string;
  /** Field id and technical name. */
  id: string;
  name: string;
  type: Exclude<FieldType, 'note' | 'repeat'>;
  /** Where the value goes in registration data. */
  path: (string | number)[];
  codes?: string[];
  required: 'always' | 'conditional' | 'never';
  computed?: boolean;
}

export interface CsvMap {
  separator: ';';
  multiSeparator: '|';
  dateFormat: 'dd/mm/yyyy';
  columns: CsvColumn[];
  /** Columns the CSV may have beside the data: STATUS=draft keeps a row Open. */
  control: string[];
}

export interface CompiledForm {
  meta: FormMeta;
  schema: JsonSchema;
  uischema: Record<string, unknown>;
  /** language → key → text; every language complete (fallbacks filled in). */
  i18n: Record<Lang, Record<string, string>>;
  csv: CsvMap;
  logic: { fields: FieldLogic[] };
}

/** Registration data: technical name → value; a repeat is a list of such objects. */
export type RegistrationData = Record<string, unknown>;
