/*
 * The definition format as data: which keys each kind of node has, what values they take.
 * The checker reads this table to report unknown, missing and mistyped keys, and the JSON
 * Schemas published for editors are generated from it, so the two never disagree.
 */

export const FIELD_TYPES = [
  'text',
  'integer',
  'decimal',
  'date',
  'time',
  'boolean',
  'choice',
  'multichoice',
  'niss',
  'note',
  'repeat',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const KEBAB_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
export const FIELD_ID = /^[A-Za-z][A-Za-z0-9_]*$/;
export const TECHNICAL_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
export const LANGUAGE = /^[a-z]{2}$/;
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$/;
export const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export type ValueSpec =
  | { t: 'string'; pattern?: RegExp; what?: string; enum?: readonly string[] }
  | { t: 'number' }
  | { t: 'integer'; minimum?: number }
  | { t: 'boolean' }
  | { t: 'text' }
  | { t: 'condition' }
  | { t: 'expression' }
  | { t: 'required' }
  | { t: 'bound' }
  | { t: 'list'; of: ValueSpec }
  | { t: 'oneOrList'; of: ValueSpec }
  | { t: 'map'; of: ValueSpec; keys: RegExp; what: string }
  | { t: 'node'; kind: NodeKind }
  | { t: 'sectionItem' }
  | { t: 'fieldItem' };

export interface KeySpec {
  value: ValueSpec;
  required?: boolean;
  doc: string;
}

export type NodeKind =
  | 'registry'
  | 'programme'
  | 'languages'
  | 'registrationType'
  | 'version'
  | 'section'
  | 'use'
  | 'override'
  | 'fragment'
  | 'codelist'
  | 'code'
  | 'check';

const text = (doc: string, required = false): KeySpec => ({ value: { t: 'text' }, doc, required });
const id = (doc: string): KeySpec => ({
  value: { t: 'string', pattern: KEBAB_ID, what: 'a kebab-case id (a-z, 0-9, -)' },
  required: true,
  doc,
});

const SECTION_KEYS: Record<string, KeySpec> = {
  title: text('Title of the section', true),
  help: text('Explanation shown under the title'),
  name: {
    value: { t: 'string', pattern: TECHNICAL_NAME, what: 'a technical name (letters, digits, _)' },
    doc: 'Technical name of the title (TX_TTL_…); carries no data',
  },
  visible: { value: { t: 'condition' }, doc: 'The section is shown only when this condition holds' },
  fields: { value: { t: 'list', of: { t: 'fieldItem' } }, doc: 'Fields, in order' },
  sections: { value: { t: 'list', of: { t: 'sectionItem' } }, doc: 'Sub-sections, after the fields' },
};

export const NODE_KEYS: Record<NodeKind, Record<string, KeySpec>> = {
  registry: {
    registry: id('Registry id; equals the folder name'),
    dcd: {
      value: { t: 'string', pattern: /^[A-Z]{2,6}\d{3,6}$/, what: 'a DCD code such as HDBP0012' },
      doc: 'healthdata.be data collection definition code',
    },
    programme: { value: { t: 'node', kind: 'programme' }, required: true, doc: 'The programme' },
    title: text('Registry title', true),
    description: text('What the registry is for'),
    languages: { value: { t: 'node', kind: 'languages' }, required: true, doc: 'Languages of every text' },
    registrationTypes: {
      value: {
        t: 'map',
        of: { t: 'node', kind: 'registrationType' },
        keys: KEBAB_ID,
        what: 'a kebab-case id',
      },
      required: true,
      doc: 'Registration types, by id (each has a folder of version files)',
    },
  },
  programme: {
    id: id('Programme id'),
    title: text('Programme title', true),
  },
  languages: {
    required: {
      value: { t: 'list', of: { t: 'string', pattern: LANGUAGE, what: 'a two-letter language code' } },
      required: true,
      doc: 'Languages every text must have',
    },
    optional: {
      value: { t: 'list', of: { t: 'string', pattern: LANGUAGE, what: 'a two-letter language code' } },
      doc: 'Languages a text may have',
    },
    fallback: {
      value: {
        t: 'map',
        of: { t: 'string', pattern: LANGUAGE, what: 'a two-letter language code' },
        keys: LANGUAGE,
        what: 'a two-letter language code',
      },
      doc: 'For an optional language, the language shown where its text is missing',
    },
  },
  registrationType: {
    title: text('Title of the registration type', true),
    description: text('Who registers what'),
  },
  version: {
    version: {
      value: { t: 'string', pattern: SEMVER, what: 'a semver version such as 1.2.0' },
      required: true,
      doc: 'Version (semver); equals the file name',
    },
    status: {
      value: { t: 'string', enum: ['draft', 'published'] },
      required: true,
      doc: 'draft or published; a published file is never edited',
    },
    effective: {
      value: { t: 'string', pattern: ISO_DATE, what: 'a date yyyy-mm-dd' },
      required: true,
      doc: 'Date from which registrations use this version',
    },
    title: text('Title of this version', true),
    description: text('What changed, who must register'),
    businessKey: {
      value: {
        t: 'list',
        of: { t: 'oneOrList', of: { t: 'string', pattern: FIELD_ID, what: 'a field id' } },
      },
      required: true,
      doc: 'Field ids that identify one registration; a list in it means the first of its fields that is filled (e.g. [patientNiss, patientGeneratedId])',
    },
    sections: {
      value: { t: 'list', of: { t: 'sectionItem' } },
      required: true,
      doc: 'Sections of the form, in order',
    },
  },
  section: { id: id('Section id, unique in the form'), ...SECTION_KEYS },
  fragment: { fragment: id('Fragment id; equals the file name'), ...SECTION_KEYS },
  use: {
    use: {
      value: { t: 'string', pattern: KEBAB_ID, what: 'a fragment id' },
      required: true,
      doc: 'Fragment id',
    },
    with: {
      value: {
        t: 'map',
        of: { t: 'node', kind: 'override' },
        keys: FIELD_ID,
        what: 'a field id of the fragment',
      },
      doc: "Per-use changes to the fragment's fields, by field id: what this form asks differently (e.g. required: false)",
    },
  },
  override: {
    required: {
      value: { t: 'required' },
      doc: 'true, false or a condition: required (when shown) in this form',
    },
    visible: { value: { t: 'condition' }, doc: 'Shown only when this condition holds, in this form' },
    label: text('The label in this form'),
    help: text('The help text in this form'),
    codelist: {
      value: { t: 'string', pattern: KEBAB_ID, what: 'a code list id' },
      doc: "Another code list for this form (instead of the fragment's options or code list)",
    },
    itemCodelists: {
      value: { t: 'list', of: { t: 'string', pattern: KEBAB_ID, what: 'a code list id' } },
      doc: 'In a repeat: one code list per item (item n takes the n-th)',
    },
    next: {
      value: { t: 'string', pattern: FIELD_ID, what: 'a field id' },
      doc: 'On a repeat: the yes/no field of an item that says whether another item follows',
    },
  },
  codelist: {
    codelist: id('Code list id; equals the file name'),
    title: text('Title of the code list'),
    codes: { value: { t: 'list', of: { t: 'node', kind: 'code' } }, required: true, doc: 'The codes' },
  },
  code: {
    code: {
      value: { t: 'string', pattern: /^\S(.*\S)?$/, what: 'a code without surrounding spaces' },
      required: true,
      doc: 'The code (quote numbers: "1")',
    },
    label: text('Label of the code', true),
    snomed: {
      value: { t: 'string', pattern: /^\d{6,18}$/, what: 'a SNOMED CT concept id' },
      doc: 'SNOMED CT concept',
    },
    loinc: { value: { t: 'string', pattern: /^[\dA-Z]{1,7}-\d$/, what: 'a LOINC code' }, doc: 'LOINC code' },
  },
  check: {
    rule: { value: { t: 'expression' }, required: true, doc: 'An expression that must hold' },
    message: text('Message shown when it does not hold', true),
  },
};

/** Keys every field has. */
export const FIELD_COMMON_KEYS: Record<string, KeySpec> = {
  id: {
    value: { t: 'string', pattern: FIELD_ID, what: 'a camelCase field id (letters, digits, _)' },
    required: true,
    doc: 'Stable id, used by conditions, the business key and version diffs',
  },
  name: {
    value: { t: 'string', pattern: TECHNICAL_NAME, what: 'a technical name (letters, digits, _)' },
    doc: 'Technical name: CSV column and S2S key',
  },
  type: { value: { t: 'string', enum: FIELD_TYPES }, required: true, doc: 'Field type' },
  label: text('The text shown beside the input', true),
  help: text('Help text shown under the input'),
  visible: { value: { t: 'condition' }, doc: 'Shown only when this condition holds' },
};

const DATA_KEYS: Record<string, KeySpec> = {
  required: { value: { t: 'required' }, doc: 'true, or a condition: required (when shown) when it holds' },
  enabled: { value: { t: 'condition' }, doc: 'Editable only when this condition holds' },
  compute: { value: { t: 'expression' }, doc: 'Computed value; read-only in the form' },
  checks: { value: { t: 'list', of: { t: 'node', kind: 'check' } }, doc: 'Cross-field rules' },
  messages: {
    value: {
      t: 'map',
      of: { t: 'text' },
      keys: /^(required|min|max|minLength|maxLength|pattern|format|minItems|maxItems)$/,
      what: 'required, min, max, minLength, maxLength, pattern, format, minItems or maxItems',
    },
    doc: 'Custom error messages per rule',
  },
};

const codeChoice: Record<string, KeySpec> = {
  options: { value: { t: 'list', of: { t: 'node', kind: 'code' } }, doc: 'Inline codes' },
  codelist: {
    value: { t: 'string', pattern: KEBAB_ID, what: 'a code list id' },
    doc: 'Code list id (registry first, then _shared)',
  },
};
const itemCodelists: KeySpec = {
  value: { t: 'list', of: { t: 'string', pattern: KEBAB_ID, what: 'a code list id' } },
  doc: "In a repeat: one code list per item, item n takes the n-th (as many as the repeat's max), instead of codelist/options",
};
const unit: KeySpec = { value: { t: 'string' }, doc: 'Unit shown beside the value' };
const ucum: KeySpec = {
  value: { t: 'string', pattern: /^\S+$/, what: 'a UCUM unit code without spaces' },
  doc: "The unit as a UCUM code (kg/m2, mm[Hg], mL/min/{1.73_m2}): what FHIR and lab systems exchange; checked against UCUM's tables",
};

/** Keys each field type adds to the common ones. */
export const FIELD_TYPE_KEYS: Record<FieldType, Record<string, KeySpec>> = {
  text: {
    ...DATA_KEYS,
    minLength: { value: { t: 'integer', minimum: 0 }, doc: 'Minimum length' },
    maxLength: { value: { t: 'integer', minimum: 1 }, doc: 'Maximum length' },
    pattern: { value: { t: 'string' }, doc: 'Regular expression the value must match' },
    multiline: { value: { t: 'boolean' }, doc: 'A multi-line input' },
    identifier: {
      value: { t: 'boolean' },
      doc: 'Identifies the patient (a name, an internal number): replaced by a keyed pseudonym when registrations leave the hospital node, as national numbers are',
    },
  },
  integer: {
    ...DATA_KEYS,
    min: { value: { t: 'number' }, doc: 'Minimum' },
    max: { value: { t: 'number' }, doc: 'Maximum' },
    unit,
    ucum,
  },
  decimal: {
    ...DATA_KEYS,
    min: { value: { t: 'number' }, doc: 'Minimum' },
    max: { value: { t: 'number' }, doc: 'Maximum' },
    precision: { value: { t: 'integer', minimum: 0 }, doc: 'Digits after the decimal point' },
    unit,
    ucum,
  },
  date: {
    ...DATA_KEYS,
    min: { value: { t: 'bound' }, doc: 'Earliest date (yyyy-mm-dd or today)' },
    max: { value: { t: 'bound' }, doc: 'Latest date (yyyy-mm-dd or today)' },
  },
  time: { ...DATA_KEYS },
  boolean: { ...DATA_KEYS },
  choice: {
    ...DATA_KEYS,
    ...codeChoice,
    itemCodelists,
    display: { value: { t: 'string', enum: ['radio', 'select', 'autocomplete'] }, doc: 'How to show it' },
  },
  multichoice: {
    ...DATA_KEYS,
    ...codeChoice,
    minItems: { value: { t: 'integer', minimum: 0 }, doc: 'Fewest codes' },
    maxItems: { value: { t: 'integer', minimum: 1 }, doc: 'Most codes' },
    itemCodelists,
    display: { value: { t: 'string', enum: ['checkbox', 'autocomplete'] }, doc: 'How to show it' },
  },
  niss: { ...DATA_KEYS },
  note: {},
  repeat: {
    required: DATA_KEYS.required!,
    min: { value: { t: 'integer', minimum: 0 }, doc: 'Fewest items' },
    max: { value: { t: 'integer', minimum: 1 }, required: true, doc: 'Most items (CSV columns _1…_max)' },
    itemLabel: text('Label of one item'),
    next: {
      value: { t: 'string', pattern: FIELD_ID, what: 'a field id' },
      doc: 'The yes/no field of an item that says whether another item follows: asked in items 1…max-1 only, yes exactly when the next item exists',
    },
    fields: { value: { t: 'list', of: { t: 'fieldItem' } }, required: true, doc: 'Fields of one item' },
  },
};

/** Longest repeat: the CSV gets `max` columns per field of the repeat. */
export const MAX_REPEAT = 20;
