/*
 * A compiled form as a FHIR R4 Questionnaire (with the SDC extensions that say what R4 core
 * cannot): sections become groups, fields questions, notes display items, repeats repeating
 * groups; conditions enableWhen or FHIRPath; computations calculatedExpression; checks
 * constraints; every text in every language. Built from the compiled form alone, walking its
 * UI schema (the order and nesting a user sees). What a FHIR consumer cannot honour exactly is
 * listed in the report, one line per field and reason: nothing is left out silently.
 */
import {
  AUTOCOMPLETE_THRESHOLD,
  type CompiledForm,
  comparisonBase,
  type FieldLogic,
  type JsonSchema,
} from '@regforms/runtime';
import {
  codingOf,
  DEFAULT_BASE,
  dcdSystem,
  EXT,
  equivalentCodingExtension,
  questionnaireId,
  questionnaireUrl,
  SYSTEMS,
} from './canonical.ts';
import {
  type Cond,
  conditionPath,
  expressionPath,
  type FieldRef,
  readCondition,
  simplify,
  toEnableWhen,
  UntranslatableError,
} from './fhirpath.ts';
import type { Extension, QuestionnaireItem, QuestionnaireResource } from './types.ts';

export interface QuestionnaireOptions {
  /** Canonical base URL (see DEFAULT_BASE). */
  base?: string;
  /** The version this one follows (the previous version of the type): `derivedFrom`. */
  previousVersion?: string;
}

/** One thing a FHIR consumer cannot honour exactly. */
export interface Loss {
  linkId: string;
  /** The regforms feature concerned. */
  feature: string;
  /** Why, and what regforms does instead. */
  why: string;
}

export interface QuestionnaireResult {
  questionnaire: QuestionnaireResource;
  report: Loss[];
}

type UiElement = {
  type: string;
  scope?: string;
  label?: string;
  text?: string;
  elements?: UiElement[];
  options?: Record<string, unknown>;
  rule?: { effect: string; condition: { scope: string; schema: JsonSchema } };
};

const FHIR_TYPE: Record<FieldLogic['type'], QuestionnaireItem['type']> = {
  text: 'string',
  integer: 'integer',
  decimal: 'decimal',
  date: 'date',
  time: 'time',
  boolean: 'boolean',
  choice: 'choice',
  multichoice: 'choice',
  niss: 'string',
  note: 'display',
  repeat: 'group',
};

/** The pattern a Belgian national number is written in (its check digits: regforms checks them). */
const NISS_REGEX = '^\\d{2}\\.?\\d{2}\\.?\\d{2}-?\\d{3}\\.?\\d{2}$|^\\d{11}$';

export function toQuestionnaire(form: CompiledForm, options: QuestionnaireOptions = {}): QuestionnaireResult {
  return new QuestionnaireBuilder(form, options.base ?? DEFAULT_BASE).build(options.previousVersion);
}

/**
 * The version a form's Questionnaire is derived from: the previous published version of the
 * same registration type (the one its changes are compared with), if any.
 */
export function previousVersion(form: CompiledForm, forms: readonly CompiledForm[]): string | undefined {
  const same = forms
    .filter(
      (f) => f.meta.registry === form.meta.registry && f.meta.registrationType === form.meta.registrationType,
    )
    .map((f) => f.meta);
  return comparisonBase(same, form.meta.version)?.version;
}

/** The linkId of a field: its technical name (REPEAT.NAME in a repeat, as its i18n key). */
export function linkIdOf(f: FieldLogic): string {
  return f.key;
}

class QuestionnaireBuilder {
  readonly report: Loss[] = [];
  readonly lang: string;
  readonly byName = new Map<string, FieldLogic>();
  readonly byRepeat = new Map<string, Map<string, FieldLogic>>();

  constructor(
    readonly form: CompiledForm,
    readonly base: string,
  ) {
    this.lang = form.meta.defaultLanguage;
    for (const f of form.logic.fields) {
      if (!f.repeat) this.byName.set(f.name, f);
      else {
        const m = this.byRepeat.get(f.repeat) ?? new Map<string, FieldLogic>();
        m.set(f.name, f);
        this.byRepeat.set(f.repeat, m);
      }
    }
  }

  lose(linkId: string, feature: string, why: string): void {
    this.report.push({ linkId, feature, why });
  }

  /** The text of an i18n key in the default language, and the others as translations. */
  text(key: string): { text?: string; translations?: { extension: Extension[] } } {
    const i18n = this.form.i18n;
    const text = i18n[this.lang]?.[key];
    if (text === undefined) return {};
    const others = this.form.meta.languages
      .filter((l) => l !== this.lang && i18n[l]?.[key] !== undefined && i18n[l]?.[key] !== text)
      .map((l) => ({
        url: EXT.translation,
        extension: [
          { url: 'lang', valueCode: l },
          { url: 'content', valueString: i18n[l]![key]! },
        ],
      }));
    return { text, ...(others.length ? { translations: { extension: others } } : {}) };
  }

  /** `{ text, _text }` of a key (the underscore property carries the translations). */
  textProps(key: string, prop = 'text'): Record<string, unknown> {
    const t = this.text(key);
    if (t.text === undefined) return {};
    return { [prop]: t.text, ...(t.translations ? { [`_${prop}`]: t.translations } : {}) };
  }

  lookup(repeat?: string) {
    return (name: string): FieldRef => {
      const f = (repeat ? this.byRepeat.get(repeat)?.get(name) : undefined) ?? this.byName.get(name);
      if (!f) throw new UntranslatableError(`no field ${name}`);
      return { logic: f, linkId: linkIdOf(f) };
    };
  }

  answerOf = (ref: FieldRef, value: unknown): Record<string, unknown> => {
    switch (ref.logic.type) {
      case 'choice':
      case 'multichoice':
        return { answerCoding: this.coding(ref.logic, String(value)) };
      case 'boolean':
        return { answerBoolean: value };
      case 'integer':
        return { answerInteger: value };
      case 'decimal':
        return { answerDecimal: value };
      case 'date':
        return { answerDate: value };
      case 'time':
        return { answerTime: String(value).length === 5 ? `${value}:00` : value };
      default:
        return { answerString: String(value) };
    }
  };

  coding(f: FieldLogic, code: string) {
    return codingOf(this.base, this.form, f, code);
  }

  build(previousVersion?: string): QuestionnaireResult {
    const meta = this.form.meta;
    const url = questionnaireUrl(this.base, meta);
    const root = this.form.uischema as UiElement;
    const items = (root.type === 'Categorization' ? (root.elements ?? []) : [root]).flatMap((e) =>
      this.element(e, undefined, []),
    );
    const title = this.text('form.title');
    const description = this.text('form.description');
    const publisher = this.text('registry.title');
    const questionnaire: QuestionnaireResource = {
      resourceType: 'Questionnaire',
      id: questionnaireId(meta),
      language: this.lang,
      url,
      ...(meta.dcd ? { identifier: [{ system: dcdSystem(this.base), value: meta.dcd }] } : {}),
      version: meta.version,
      name: computableName(`${meta.registry} ${meta.registrationType}`),
      ...(title.text !== undefined ? { title: title.text } : {}),
      ...(title.translations ? { _title: title.translations } : {}),
      ...(previousVersion ? { derivedFrom: [`${url}|${previousVersion}`] } : {}),
      status: meta.status === 'published' ? 'active' : 'draft',
      subjectType: ['Patient'],
      ...(publisher.text !== undefined ? { publisher: publisher.text } : {}),
      ...(description.text !== undefined ? { description: description.text } : {}),
      ...(description.translations ? { _description: description.translations } : {}),
      effectivePeriod: { start: meta.effective },
      item: items,
    };
    return { questionnaire, report: this.report };
  }

  /** A UI schema element as Questionnaire items; `conds` are the rules of wrapping layouts. */
  element(
    el: UiElement,
    repeat: string | undefined,
    conds: { effect: string; schema: JsonSchema }[],
  ): QuestionnaireItem[] {
    const rules = el.rule ? [...conds, { effect: el.rule.effect, schema: el.rule.condition.schema }] : conds;
    switch (el.type) {
      case 'Category':
      case 'Group': {
        const id = String(el.options?.id ?? el.label);
        const linkId = `section.${id}`;
        const item: QuestionnaireItem = {
          linkId,
          ...this.textProps(`${el.options?.i18n ?? `section.${id}`}.label`),
          type: 'group',
          ...this.enableWhen(linkId, rules, repeat),
          item: [
            ...this.helpItem(linkId, `${el.options?.i18n ?? `section.${id}`}.description`),
            ...(el.elements ?? []).flatMap((c) => this.element(c, repeat, [])),
          ],
        };
        return [item];
      }
      case 'VerticalLayout':
      case 'HorizontalLayout':
        return (el.elements ?? []).flatMap((c) => this.element(c, repeat, rules));
      case 'Label': {
        const key = String(el.options?.i18n ?? '');
        const linkId = key || `note.${this.report.length}`;
        return [
          {
            linkId,
            ...this.textProps(`${key}.text`),
            type: 'display',
            ...this.enableWhen(linkId, rules, repeat),
          },
        ];
      }
      case 'Control':
        return [this.control(el, repeat, rules)];
      default:
        this.lose(
          String(el.type),
          'layout',
          `a UI schema element of type ${el.type} is not in the Questionnaire`,
        );
        return [];
    }
  }

  helpItem(linkId: string, key: string): QuestionnaireItem[] {
    const help = this.textProps(key);
    if (!('text' in help)) return [];
    return [
      {
        linkId: `${linkId}.help`,
        ...help,
        type: 'display',
        extension: [
          {
            url: EXT.itemControl,
            valueCodeableConcept: {
              coding: [{ system: SYSTEMS.itemControl, code: 'help', display: 'Help-Button' }],
            },
          },
        ],
      },
    ];
  }

  control(
    el: UiElement,
    repeat: string | undefined,
    rules: { effect: string; schema: JsonSchema }[],
  ): QuestionnaireItem {
    const name = String(el.scope).replace('#/properties/', '');
    const f = (repeat ? this.byRepeat.get(repeat)?.get(name) : undefined) ?? this.byName.get(name);
    if (!f) throw new Error(`The compiled form has a control for ${name} but no field logic for it`);
    const linkId = linkIdOf(f);
    const schema = this.schemaOf(f);
    const ext: Extension[] = [];
    const item: QuestionnaireItem = {
      linkId,
      ...this.textProps(`${f.key}.label`),
      type: f.type === 'text' && el.options?.multi ? 'text' : FHIR_TYPE[f.type],
    };
    Object.assign(item, this.enableWhen(linkId, rules, repeat));
    if (f.required === true) item.required = true;
    else if (f.required)
      this.lose(
        linkId,
        'conditional requiredness',
        `required only when ${describe(f.required)}: FHIR's required is fixed, so it is left optional here; regforms requires it on import`,
      );
    if (f.compute) {
      item.readOnly = true;
      try {
        if (repeat)
          throw new UntranslatableError(
            'computed from other fields of the same repeat item, which FHIRPath cannot reach from an item',
          );
        ext.push({
          url: EXT.calculatedExpression,
          valueExpression: {
            language: 'text/fhirpath',
            expression: expressionPath(f.compute, this.lookup()),
          },
        });
      } catch (e) {
        if (!(e instanceof UntranslatableError)) throw e;
        this.lose(
          linkId,
          'computation',
          `${e.message}: the value is not computed by the client; regforms computes it on import`,
        );
      }
    }
    if (f.type === 'multichoice') item.repeats = true;
    this.constraints(f, schema, item, ext);
    if (f.type === 'choice' || f.type === 'multichoice') this.answerOptions(f, schema, item);
    // The control regforms shows: radio buttons where the definition asks for them, check
    // boxes for a multiple choice, a searched list for a long one (as the renderer decides),
    // a drop-down list otherwise.
    const codeCount = ((schema.enum ?? (schema.items as JsonSchema | undefined)?.enum ?? []) as unknown[])
      .length;
    const control =
      el.options?.format === 'radio'
        ? 'radio-button'
        : f.type === 'multichoice'
          ? 'check-box'
          : f.type !== 'choice'
            ? undefined
            : el.options?.display === 'autocomplete' || codeCount > AUTOCOMPLETE_THRESHOLD
              ? 'autocomplete'
              : 'drop-down';
    if (control)
      ext.push({
        url: EXT.itemControl,
        valueCodeableConcept: { coding: [{ system: SYSTEMS.itemControl, code: control }] },
      });
    this.checks(f, ext);
    if (f.type === 'repeat') {
      item.repeats = true;
      const detail = el.options?.detail as UiElement | undefined;
      const min = el.options?.min as number | undefined;
      const max = el.options?.max as number | undefined;
      if (max !== undefined) ext.push({ url: EXT.maxOccurs, valueInteger: max });
      if (min !== undefined && min > 0) ext.push({ url: EXT.minOccurs, valueInteger: min });
      item.item = detail ? this.element(detail, f.name, []) : [];
      if (f.next)
        this.lose(
          linkId,
          'repeat',
          `its items say whether another follows (${f.next.name}); a FHIR client adds items itself, so that answer is derived from the item count on import`,
        );
    }
    if (ext.length) item.extension = ext;
    const help = this.helpItem(linkId, `${f.key}.description`);
    if (help.length) item.item = [...(item.item ?? []), ...help];
    return item;
  }

  schemaOf(f: FieldLogic): JsonSchema {
    const props = (this.form.schema.properties ?? {}) as Record<string, JsonSchema>;
    if (!f.repeat) return props[f.name] ?? {};
    const items = props[f.repeat]?.items as JsonSchema | undefined;
    return ((items?.properties ?? {}) as Record<string, JsonSchema>)[f.name] ?? {};
  }

  constraints(f: FieldLogic, s: JsonSchema, item: QuestionnaireItem, ext: Extension[]): void {
    const linkId = item.linkId;
    if (typeof s.maxLength === 'number') item.maxLength = s.maxLength;
    if (typeof s.minLength === 'number' && s.minLength > 0)
      ext.push({ url: EXT.minLength, valueInteger: s.minLength });
    if (f.type === 'niss') ext.push({ url: EXT.regex, valueString: NISS_REGEX });
    else if (typeof s.pattern === 'string') ext.push({ url: EXT.regex, valueString: s.pattern });
    const valueKey =
      f.type === 'integer' ? 'valueInteger' : f.type === 'decimal' ? 'valueDecimal' : 'valueDate';
    const bound = (url: string, v: unknown) => ext.push({ url, [valueKey]: v } as Extension);
    if (f.type === 'integer' || f.type === 'decimal') {
      if (typeof s.minimum === 'number') bound(EXT.minValue, s.minimum);
      if (typeof s.maximum === 'number') bound(EXT.maxValue, s.maximum);
      if (s.exclusiveMinimum !== undefined || s.exclusiveMaximum !== undefined)
        this.lose(
          linkId,
          'bound',
          'an exclusive bound: FHIR minValue/maxValue are inclusive; regforms checks it on import',
        );
      if (typeof s.multipleOf === 'number') {
        const places = Math.round(-Math.log10(s.multipleOf));
        if (f.type === 'decimal' && 10 ** -places === s.multipleOf)
          ext.push({ url: EXT.maxDecimalPlaces, valueInteger: places });
        else this.lose(linkId, 'step', `a multiple of ${s.multipleOf}: regforms checks it on import`);
      }
    }
    if (f.type === 'date') {
      if (typeof s.formatMinimum === 'string') bound(EXT.minValue, s.formatMinimum);
      if (typeof s.formatMaximum === 'string') bound(EXT.maxValue, s.formatMaximum);
    }
    if (f.unit) {
      if (f.ucum)
        ext.push({ url: EXT.unit, valueCoding: { system: SYSTEMS.ucum, code: f.ucum, display: f.unit } });
      else {
        ext.push({ url: EXT.unit, valueCoding: { display: f.unit } });
        this.lose(
          linkId,
          'unit',
          `the unit '${f.unit}' has no UCUM code: the client shows it but cannot convert it`,
        );
      }
    }
  }

  answerOptions(f: FieldLogic, s: JsonSchema, item: QuestionnaireItem): void {
    const codes = ((f.type === 'multichoice' ? (s.items as JsonSchema | undefined)?.enum : s.enum) ??
      []) as string[];
    const equivalent = equivalentCodingExtension(this.base);
    item.answerOption = codes.map((code) => {
      const coding = this.coding(f, code);
      const display = this.text(`${f.key}.${code}`);
      const bound = f.bindings?.[code];
      const extension: Extension[] = [
        ...(bound?.snomed
          ? [{ url: equivalent, valueCoding: { system: SYSTEMS.snomed, code: bound.snomed } }]
          : []),
        ...(bound?.loinc
          ? [{ url: equivalent, valueCoding: { system: SYSTEMS.loinc, code: bound.loinc } }]
          : []),
      ];
      return {
        ...(extension.length ? { extension } : {}),
        valueCoding: { ...coding, ...(display.translations ? { _display: display.translations } : {}) },
      };
    });
    if (f.itemCodes)
      this.lose(
        item.linkId,
        'codes per repeat item',
        'each item of the repeat has its own code list; the Questionnaire offers their union in every item; regforms refuses a code outside the item’s list on import',
      );
  }

  /** Cross-field checks as questionnaire-constraint (FHIRPath that must not be false). */
  checks(f: FieldLogic, ext: Extension[]): void {
    for (const [i, check] of (f.checks ?? []).entries()) {
      const key = `${linkIdOf(f)}-${i + 1}`;
      let expression: string;
      try {
        if (f.repeat) {
          // Evaluated over every item of the repeat, wherever the client evaluates it.
          const rule = expressionPath(check.rule, this.lookup(f.repeat), '$this');
          expression = `%resource.repeat(item).where(linkId = '${f.repeat}').all((${rule}).empty() or (${rule}))`;
        } else {
          const rule = expressionPath(check.rule, this.lookup());
          expression = `(${rule}).empty() or (${rule})`;
        }
      } catch (e) {
        if (!(e instanceof UntranslatableError)) throw e;
        this.lose(linkIdOf(f), 'check', `${e.message}: regforms checks it on import`);
        continue;
      }
      const human = this.text(check.message);
      ext.push({
        url: EXT.constraint,
        extension: [
          { url: 'key', valueId: key.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 64) },
          { url: 'severity', valueCode: 'error' },
          { url: 'expression', valueString: expression },
          {
            url: 'human',
            valueString: human.text ?? check.message,
            ...(human.translations ? { _valueString: human.translations } : {}),
          },
        ],
      } as Extension);
    }
  }

  /** SHOW/ENABLE rules as enableWhen where exact, else an SDC enableWhenExpression. */
  enableWhen(
    linkId: string,
    rules: { effect: string; schema: JsonSchema }[],
    repeat?: string,
  ): Partial<QuestionnaireItem> {
    if (rules.length === 0) return {};
    if (rules.some((r) => r.effect === 'ENABLE'))
      this.lose(
        linkId,
        'enabled',
        'shown but disabled while its condition does not hold: a FHIR client hides it instead',
      );
    let cond: Cond;
    try {
      const parts = rules.map((r) => readCondition(r.schema));
      cond = simplify(parts.length === 1 ? parts[0]! : { k: 'and', of: parts });
      if (cond.k === 'const' && cond.value) return {};
      const exact = toEnableWhen(cond, this.lookup(repeat), this.answerOf);
      if (exact) return exact;
      if (repeat) {
        this.lose(
          linkId,
          'condition',
          `shown when ${describe(rules[0]!.schema)}: a condition on other fields of the same repeat item that enableWhen cannot say; FHIRPath cannot reach a sibling from an item, so the client always shows it; regforms ignores its answer when the condition does not hold`,
        );
        return {};
      }
      return {
        extension: [
          {
            url: EXT.enableWhenExpression,
            valueExpression: { language: 'text/fhirpath', expression: conditionPath(cond, this.lookup()) },
          },
        ],
      };
    } catch (e) {
      if (!(e instanceof UntranslatableError)) throw e;
      this.lose(linkId, 'condition', `${e.message}: the client always shows it`);
      return {};
    }
  }
}

/** A short reading of a condition for the report. */
function describe(schema: JsonSchema | true): string {
  if (schema === true) return 'always';
  try {
    return show(simplify(readCondition(schema)));
  } catch {
    return 'a condition';
  }
}

function show(c: Cond): string {
  switch (c.k) {
    case 'const':
      return String(c.value);
    case 'and':
    case 'or':
      return `(${c.of.map(show).join(` ${c.k} `)})`;
    case 'not':
      return c.of.k === 'present' ? `${c.of.name} is empty` : `not (${show(c.of)})`;
    case 'present':
      return `${c.name} is filled`;
    case 'test':
      return `${c.name} ${c.op} ${JSON.stringify(c.value)}`;
  }
}

/** A computable name: letters and digits, starting with a capital (FHIR's que-0). */
function computableName(words: string): string {
  return words
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('')
    .replace(/^[^A-Z]+/, '');
}
