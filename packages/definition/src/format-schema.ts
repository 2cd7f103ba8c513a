/*
 * JSON Schemas of the definition format, generated from the format table, for YAML-aware
 * editors (completion, hover docs, checks). `pnpm format-schemas` writes them to
 * packages/definition/schema/; a test fails when the committed files are stale.
 */
import {
  FIELD_COMMON_KEYS,
  FIELD_TYPE_KEYS,
  FIELD_TYPES,
  type KeySpec,
  NODE_KEYS,
  type NodeKind,
  type ValueSpec,
} from './format.ts';

type Schema = Record<string, unknown>;

const TEXT: Schema = {
  type: 'object',
  description: 'A text per language: { fr: …, nl: …, en: … }',
  propertyNames: { pattern: '^[a-z]{2}$' },
  additionalProperties: { type: 'string', minLength: 1 },
  minProperties: 1,
};

function value(spec: ValueSpec): Schema {
  switch (spec.t) {
    case 'string':
      return {
        type: 'string',
        ...(spec.enum ? { enum: [...spec.enum] } : {}),
        ...(spec.pattern ? { pattern: spec.pattern.source } : {}),
      };
    case 'number':
      return { type: 'number' };
    case 'integer':
      return { type: 'integer', ...(spec.minimum !== undefined ? { minimum: spec.minimum } : {}) };
    case 'boolean':
      return { type: 'boolean' };
    case 'text':
      return { $ref: '#/definitions/text' };
    case 'condition':
    case 'expression':
      return { type: 'string', minLength: 1 };
    case 'required':
      return { type: ['boolean', 'string'] };
    case 'bound':
      return { type: ['number', 'string'] };
    case 'list':
      return { type: 'array', items: value(spec.of) };
    case 'oneOrList':
      return { anyOf: [value(spec.of), { type: 'array', items: value(spec.of), minItems: 1 }] };
    case 'map':
      return {
        type: 'object',
        propertyNames: { pattern: spec.keys.source },
        additionalProperties: value(spec.of),
      };
    case 'node':
      return { $ref: `#/definitions/${spec.kind}` };
    case 'sectionItem':
      return { anyOf: [{ $ref: '#/definitions/use' }, { $ref: '#/definitions/section' }] };
    case 'fieldItem':
      return { anyOf: [{ $ref: '#/definitions/use' }, { $ref: '#/definitions/field' }] };
  }
}

function object(keys: Record<string, KeySpec>): Schema {
  return {
    type: 'object',
    properties: Object.fromEntries(
      Object.entries(keys).map(([k, s]) => [k, { ...value(s.value), description: s.doc }]),
    ),
    required: Object.entries(keys)
      .filter(([, s]) => s.required)
      .map(([k]) => k),
    additionalProperties: false,
  };
}

/**
 * A field: the keys of every type are listed (for completion), loosely; per type an if/then
 * gives its own keys their exact schemas and forbids the others.
 */
function fieldSchema(): Schema {
  const loose: Record<string, Schema> = {};
  for (const t of FIELD_TYPES)
    for (const [k, spec] of Object.entries(FIELD_TYPE_KEYS[t])) loose[k] ??= { description: spec.doc };
  const common = object(FIELD_COMMON_KEYS);
  return {
    type: 'object',
    properties: { ...loose, ...(common.properties as Schema) },
    required: common.required,
    allOf: FIELD_TYPES.map((t) => {
      const own = object({ ...FIELD_COMMON_KEYS, ...FIELD_TYPE_KEYS[t] });
      return {
        if: { properties: { type: { const: t } }, required: ['type'] },
        then: {
          properties: own.properties,
          propertyNames: { enum: Object.keys(own.properties as Schema) },
          required: own.required,
        },
      };
    }),
  };
}

const ROOTS: Record<string, NodeKind> = {
  registry: 'registry',
  version: 'version',
  fragment: 'fragment',
  codelist: 'codelist',
};

/** The four schemas (registry, version, fragment, codelist), by file name. */
export function formatSchemas(): Record<string, Schema> {
  const definitions: Record<string, Schema> = { text: TEXT, field: fieldSchema() };
  for (const kind of Object.keys(NODE_KEYS) as NodeKind[]) definitions[kind] = object(NODE_KEYS[kind]);
  const out: Record<string, Schema> = {};
  for (const [file, kind] of Object.entries(ROOTS))
    out[`${file}.schema.json`] = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: `https://regforms.dev/schema/${file}.schema.json`,
      title: `regforms ${file} definition`,
      ...definitions[kind],
      definitions,
    };
  return out;
}
