/*
 * Stage 4, emit: one checked version → one compiled form. Each part (schema, UI schema,
 * i18n, CSV map, logic) is emitted from the same model walk so they agree by construction.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import {
  type Field,
  type FieldInfo,
  fieldsOf,
  type Registry,
  type Section,
  type Source,
  type Text,
  type Version,
  visibilityOf,
} from '@regforms/definition';
import { toCompiled } from '@regforms/expression';
import {
  type CompiledForm,
  type CsvColumn,
  canonicalJson,
  type FieldLogic,
  type JsonSchema,
} from '@regforms/runtime';
import { allOf, conditionSchema, type FieldLookup } from './condition.ts';
import { GENERIC_MESSAGES, KEYWORD_ALIASES, NEXT_MESSAGES } from './messages.ts';

export const COMPILER_VERSION = 'regforms-compiler/0.3.0';
const TIME_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d$';

/** Message keys of the format → the JSON Schema keyword whose error they replace. */
const MESSAGE_KEYWORDS: Record<string, (f: Field) => string> = {
  required: () => 'required',
  min: (f) => (f.type === 'date' ? 'formatMinimum' : f.type === 'repeat' ? 'minItems' : 'minimum'),
  max: (f) => (f.type === 'date' ? 'formatMaximum' : f.type === 'repeat' ? 'maxItems' : 'maximum'),
  minLength: () => 'minLength',
  maxLength: () => 'maxLength',
  pattern: () => 'pattern',
  format: () => 'format',
  minItems: () => 'minItems',
  maxItems: () => 'maxItems',
};

/** i18n key prefix of a field: its technical name, `REPEAT.NAME` inside a repeat (JSON Forms' own convention). */
function keyOf(f: Field, repeat?: Field): string {
  return repeat ? `${repeat.name}.${f.name}` : f.name!;
}

class Emitter {
  readonly infos: FieldInfo[];
  private readonly top = new Map<string, Field>();
  readonly langs: string[];
  readonly i18n: Record<string, Record<string, string>> = {};

  constructor(
    readonly registry: Registry,
    readonly version: Version,
  ) {
    this.infos = fieldsOf(version);
    for (const i of this.infos) if (!i.repeat) this.top.set(i.field.id, i.field);
    this.langs = [...registry.languages.required, ...registry.languages.optional];
    for (const l of this.langs) this.i18n[l] = {};
  }

  lookup(repeat?: Field): FieldLookup {
    return (id) => repeat?.fields?.find((f) => f.id === id) ?? this.top.get(id);
  }

  condition(src: Source, repeat?: Field): JsonSchema {
    return conditionSchema(src.expr, this.lookup(repeat));
  }

  /** Adds a text under a key in every language, filling optional ones from their fallback. */
  text(key: string, t: Text | undefined): void {
    if (!t) return;
    const { fallback, required } = this.registry.languages;
    for (const l of this.langs) {
      const v = t[l] ?? t[fallback[l] ?? ''] ?? t[required[0] ?? ''];
      if (v !== undefined) this.i18n[l]![key] = v;
    }
  }

  defaultText(t: Text | undefined): string {
    return t?.[this.langs[0] ?? ''] ?? '';
  }

  // ---- JSON Schema -------------------------------------------------------------------

  fieldSchema(f: Field): JsonSchema {
    const s: JsonSchema = {};
    switch (f.type) {
      case 'text':
        Object.assign(s, {
          type: 'string',
          minLength: f.minLength,
          maxLength: f.maxLength,
          pattern: f.pattern,
        });
        break;
      case 'niss':
        Object.assign(s, { type: 'string', pattern: '^\\d{11}$', format: 'niss' });
        break;
      case 'integer':
      case 'decimal':
        Object.assign(s, {
          type: f.type === 'integer' ? 'integer' : 'number',
          minimum: f.min,
          maximum: f.max,
          multipleOf: f.type === 'decimal' && f.precision !== undefined ? 10 ** -f.precision : undefined,
        });
        break;
      case 'date':
        Object.assign(s, {
          type: 'string',
          format: 'date',
          formatMinimum: f.min !== 'today' ? f.min : undefined,
          formatMaximum: f.max !== 'today' ? f.max : undefined,
        });
        break;
      case 'time':
        Object.assign(s, { type: 'string', pattern: TIME_PATTERN });
        break;
      case 'boolean':
        s.type = 'boolean';
        break;
      case 'choice':
        Object.assign(s, { type: 'string', enum: (f.codes ?? []).map((c) => c.code) });
        break;
      case 'multichoice':
        Object.assign(s, {
          type: 'array',
          uniqueItems: true,
          items: { type: 'string', enum: (f.codes ?? []).map((c) => c.code) },
          minItems: f.minItems,
          maxItems: f.maxItems,
        });
        break;
      case 'repeat': {
        const perItem = itemRules(f);
        Object.assign(s, {
          type: 'array',
          minItems: typeof f.min === 'number' && f.min > 0 ? f.min : undefined,
          maxItems: f.max,
          items: this.objectSchema(
            (f.fields ?? []).map((field) => ({ field, repeat: f, sections: [] })),
            f,
          ),
          allOf: perItem.length ? perItem : undefined,
        });
        break;
      }
      case 'note':
        break;
    }
    if (f.compute) s.readOnly = true;
    for (const k of Object.keys(s)) if (s[k] === undefined) delete s[k];
    return s;
  }

  objectSchema(infos: FieldInfo[], repeat?: Field): JsonSchema {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    const conditional: JsonSchema[] = [];
    for (const info of infos) {
      const f = info.field;
      if (!f.name || f.type === 'note') continue;
      properties[f.name] = this.fieldSchema(f);
      // A repeat's `next` field is required by position (itemRules), not in every item.
      if (f.required === false || repeat?.next === f.id) continue;
      const conds = visibilityOf(info).map((s) => this.condition(s, repeat));
      if (typeof f.required !== 'boolean') conds.push(this.condition(f.required, repeat));
      const when = allOf(conds);
      if (!when) required.push(f.name);
      else conditional.push({ if: when, then: { required: [f.name] } });
    }
    return {
      type: 'object',
      properties,
      ...(required.length ? { required } : {}),
      ...(conditional.length ? { allOf: conditional } : {}),
      additionalProperties: false,
    };
  }

  // ---- UI schema ---------------------------------------------------------------------

  withRules(
    el: Record<string, unknown>,
    visible?: Source,
    enabled?: Source,
    repeat?: Field,
  ): Record<string, unknown> {
    const show = visible && {
      effect: 'SHOW',
      condition: { scope: '#', schema: this.condition(visible, repeat) },
    };
    const enable = enabled && {
      effect: 'ENABLE',
      condition: { scope: '#', schema: this.condition(enabled, repeat) },
    };
    if (show && enable) return { type: 'VerticalLayout', elements: [{ ...el, rule: enable }], rule: show };
    if (show || enable) return { ...el, rule: show ?? enable };
    return el;
  }

  control(f: Field, repeat?: Field): Record<string, unknown> {
    if (f.type === 'note')
      return this.withRules(
        { type: 'Label', text: this.defaultText(f.label), options: { i18n: `note.${f.id}` } },
        f.visible,
        undefined,
        repeat,
      );
    const options: Record<string, unknown> = { i18n: keyOf(f, repeat), id: f.id, fieldType: f.type };
    if (f.compute) options.readonly = true;
    if (f.multiline) options.multi = true;
    if (f.unit) options.unit = f.unit;
    if (f.display === 'radio') options.format = 'radio';
    else if (f.display) options.display = f.display;
    if (f.itemCodes) options.itemCodes = f.itemCodes.map((l) => l.map((c) => c.code));
    const next = f.type === 'repeat' ? nextOf(f) : undefined;
    if (next) options.next = { name: next.field.name, yes: next.yes, no: next.no };
    if (f.type === 'repeat') {
      options.detail = {
        type: 'VerticalLayout',
        elements: (f.fields ?? []).map((c) => this.control(c, f)),
      };
      options.min = f.min;
      options.max = f.max;
    }
    return this.withRules(
      { type: 'Control', scope: `#/properties/${f.name}`, label: this.defaultText(f.label), options },
      f.visible,
      f.enabled,
      repeat,
    );
  }

  section(s: Section, depth: number): Record<string, unknown> {
    const el = {
      type: depth === 0 ? 'Category' : 'Group',
      label: this.defaultText(s.title),
      options: { i18n: `section.${s.id}`, id: s.id },
      elements: [
        ...s.fields.map((f) => this.control(f)),
        ...s.sections.map((c) => this.section(c, depth + 1)),
      ],
    };
    return this.withRules(el, s.visible);
  }

  // ---- i18n --------------------------------------------------------------------------

  fieldTexts(info: FieldInfo): void {
    const f = info.field;
    if (f.type === 'note') {
      this.text(`note.${f.id}.text`, f.label);
      return;
    }
    const k = keyOf(f, info.repeat);
    this.text(`${k}.label`, f.label);
    this.text(`${k}.description`, f.help);
    this.text(`${k}.item`, f.itemLabel);
    for (const c of f.codes ?? []) this.text(`${k}.${c.code}`, c.label);
    for (const [mk, t] of Object.entries(f.messages)) {
      const keyword = MESSAGE_KEYWORDS[mk]!(f);
      this.text(`${k}.error.${keyword}`, t);
      for (const alias of KEYWORD_ALIASES[keyword] ?? []) this.text(`${k}.error.${alias}`, t);
    }
    for (const [i, c] of f.checks.entries()) this.text(`check.${k}.${i + 1}`, c.message);
    if (info.repeat && nextOf(info.repeat)?.field === f) {
      for (const l of this.langs) {
        const m = NEXT_MESSAGES[l] ?? NEXT_MESSAGES.en!;
        this.i18n[l]![`${k}.error.const`] ??= m.next;
        this.i18n[l]![`${k}.error.not`] ??= m.nextInLast;
      }
    }
  }

  // ---- logic -------------------------------------------------------------------------

  logic(info: FieldInfo): FieldLogic | undefined {
    const f = info.field;
    if (!f.name || f.type === 'note') return undefined;
    const next = f.type === 'repeat' ? nextOf(f) : undefined;
    const rename = (id: string) => this.lookup(info.repeat)(id)?.name ?? id;
    const visible = allOf(visibilityOf(info).map((s) => this.condition(s, info.repeat)));
    const key = keyOf(f, info.repeat);
    const checks = f.checks.map((c, i) => ({
      rule: toCompiled(c.rule.expr, rename),
      message: `check.${key}.${i + 1}`,
      keyword: 'check',
    }));
    // A bound of `today` cannot be a static schema keyword: it becomes a rule.
    const self = { kind: 'ref' as const, name: f.name };
    const today = { kind: 'call' as const, fn: 'today' as const, args: [] };
    if (f.type === 'date' && f.max === 'today')
      checks.push({
        rule: { kind: 'binary', op: '<=', left: self, right: today },
        message: f.messages.max ? `${key}.error.formatMaximum` : 'error.notAfterToday',
        keyword: 'formatMaximum',
      });
    if (f.type === 'date' && f.min === 'today')
      checks.push({
        rule: { kind: 'binary', op: '>=', left: self, right: today },
        message: f.messages.min ? `${key}.error.formatMinimum` : 'error.notBeforeToday',
        keyword: 'formatMinimum',
      });
    const bindings = (f.codes ?? [])
      .filter((c) => c.snomed || c.loinc)
      .map((c) => [
        c.code,
        { ...(c.snomed ? { snomed: c.snomed } : {}), ...(c.loinc ? { loinc: c.loinc } : {}) },
      ]);
    return {
      id: f.id,
      name: f.name,
      key,
      type: f.type,
      ...(info.repeat ? { repeat: info.repeat.name } : {}),
      ...(visible ? { visible } : {}),
      ...(f.required === true ? { required: true as const } : {}),
      ...(f.required && f.required !== true ? { required: this.condition(f.required, info.repeat) } : {}),
      ...(f.compute ? { compute: toCompiled(f.compute.expr, rename) } : {}),
      ...(checks.length ? { checks } : {}),
      ...(f.type === 'niss' || f.identifier ? { identifier: true as const } : {}),
      ...(f.itemCodes ? { itemCodes: f.itemCodes.map((l) => l.map((c) => c.code)) } : {}),
      ...(next ? { next: { name: next.field.name!, yes: next.yes, no: next.no } } : {}),
      ...(f.codelist ? { codelist: f.codelist } : {}),
      ...(bindings.length ? { bindings: Object.fromEntries(bindings) } : {}),
      ...(f.unit ? { unit: f.unit } : {}),
      ...(f.ucum ? { ucum: f.ucum } : {}),
    };
  }

  // ---- CSV ---------------------------------------------------------------------------

  csvColumns(): CsvColumn[] {
    const columns: CsvColumn[] = [];
    const column = (info: FieldInfo, column: string, path: (string | number)[], item?: number): CsvColumn => {
      const f = info.field;
      const codes = item !== undefined && f.itemCodes ? f.itemCodes[item - 1] : f.codes;
      const conditional = visibilityOf(info).length > 0 || typeof f.required !== 'boolean' || info.repeat;
      return {
        column,
        id: f.id,
        name: f.name!,
        type: f.type as CsvColumn['type'],
        path,
        ...(codes ? { codes: codes.map((c) => c.code) } : {}),
        required: f.required === false ? 'never' : conditional ? 'conditional' : 'always',
        ...(f.compute ? { computed: true } : {}),
      };
    };
    for (const info of this.infos) {
      const f = info.field;
      if (info.repeat || !f.name || f.type === 'note') continue;
      if (f.type !== 'repeat') {
        columns.push(column(info, f.name, [f.name]));
        continue;
      }
      // HD4DP numbers repeat items: every field of item 1, then of item 2, …
      // The `next` field is not asked in the last possible item: nothing can follow it.
      const max = Number(f.max ?? 0);
      for (let i = 1; i <= max; i++)
        for (const child of f.fields ?? [])
          if (child.name && child.type !== 'note' && !(child.id === f.next && i === max))
            columns.push(
              column(
                { field: child, repeat: f, sections: info.sections },
                `${child.name}_${i}`,
                [f.name, i - 1, child.name],
                i,
              ),
            );
    }
    return columns;
  }
}

/** A repeat's `next` field and its yes/no values (booleans, or the codes '1' and '0'). */
function nextOf(repeat: Field): { field: Field; yes: string | boolean; no: string | boolean } | undefined {
  const field = repeat.next ? repeat.fields?.find((c) => c.id === repeat.next) : undefined;
  if (!field?.name) return undefined;
  return field.type === 'boolean' ? { field, yes: true, no: false } : { field, yes: '1', no: '0' };
}

/**
 * What depends on an item's position: item n's own code lists (`itemCodelists`), and the `next`
 * field (yes in every item that another follows, no in the last one, absent from the last
 * possible item). One rule per number of items n, each a full tuple of n item schemas (draft-07
 * `items` as a list, with minItems = maxItems = n, as strict JSON Schema tools want tuples).
 */
function itemRules(repeat: Field): JsonSchema[] {
  const max = Number(repeat.max ?? 0);
  const next = nextOf(repeat);
  const coded = (repeat.fields ?? []).filter((c) => c.itemCodes && c.name);
  if (!next && coded.length === 0) return [];
  const itemSchema = (i: number, count: number): JsonSchema => {
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const child of coded) {
      const e = { type: 'string', enum: (child.itemCodes![i] ?? []).map((c) => c.code) };
      properties[child.name!] = child.type === 'multichoice' ? { type: 'array', items: e } : e;
    }
    if (next) {
      const name = next.field.name!;
      if (i === max - 1) properties[name] = { not: {} };
      else {
        properties[name] = { const: i < count - 1 ? next.yes : next.no };
        required.push(name);
      }
    }
    return { type: 'object', properties, ...(required.length ? { required } : {}) };
  };
  const rules: JsonSchema[] = [];
  for (let n = 1; n <= max; n++) {
    const items = Array.from({ length: n }, (_, i) => itemSchema(i, n));
    rules.push({
      if: { type: 'array', minItems: n, maxItems: n },
      then: { type: 'array', minItems: n, maxItems: n, items },
    });
  }
  return rules;
}

/** Compiles one version of a registration type (already checked without errors). */
export function emitForm(registry: Registry, version: Version): CompiledForm {
  const e = new Emitter(registry, version);
  const topLevel = e.infos.filter((i) => !i.repeat);
  const schema: JsonSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `regforms:${registry.id}/${version.registrationType}/${version.version}`,
    title: e.defaultText(version.title),
    ...e.objectSchema(topLevel),
  };
  const uischema = {
    type: 'Categorization',
    elements: version.sections.map((s) => e.section(s, 0)),
    options: { variant: 'stepper', showNavButtons: true },
  };
  const type = registry.registrationTypes.find((t) => t.id === version.registrationType);
  e.text('form.title', version.title);
  e.text('form.description', version.description);
  e.text('registry.title', registry.title);
  e.text('programme.title', registry.programme.title);
  e.text('registrationType.title', type?.title);
  const walk = (list: Section[]) => {
    for (const s of list) {
      e.text(`section.${s.id}.label`, s.title);
      e.text(`section.${s.id}.description`, s.help);
      walk(s.sections);
    }
  };
  walk(version.sections);
  for (const info of e.infos) e.fieldTexts(info);
  for (const l of e.langs)
    Object.assign(e.i18n[l]!, { ...(GENERIC_MESSAGES[l] ?? GENERIC_MESSAGES.en), ...e.i18n[l] });

  const logic = { fields: e.infos.map((i) => e.logic(i)).filter((x): x is FieldLogic => x !== undefined) };
  const byId = new Map(e.infos.map((i) => [i.field.id, i.field]));
  const body = {
    schema,
    uischema,
    i18n: e.i18n,
    csv: {
      separator: ';' as const,
      multiSeparator: '|' as const,
      dateFormat: 'dd/mm/yyyy' as const,
      columns: e.csvColumns(),
      control: ['STATUS'],
    },
    logic,
  };
  const meta = {
    registry: registry.id,
    registrationType: version.registrationType,
    version: version.version,
    status: version.status,
    effective: version.effective,
    dcd: registry.dcd ?? null,
    programme: registry.programme.id,
    languages: e.langs,
    defaultLanguage: e.langs[0] ?? 'en',
    businessKey: version.businessKey.map((k) => {
      const names = [k.id, ...(k.or ?? [])].map((id) => byId.get(id)?.name ?? id);
      return names.length === 1 ? names[0]! : names;
    }),
    compiler: COMPILER_VERSION,
  };
  const hash = bytesToHex(sha256(utf8ToBytes(canonicalJson({ meta, ...body }))));
  return { meta: { ...meta, hash }, ...body };
}
