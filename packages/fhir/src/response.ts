/*
 * Registrations as FHIR QuestionnaireResponses and back. The response follows the
 * Questionnaire's nesting (sections as groups, a repeat as one group item per entry); reading
 * one back gives registration data keyed by technical name, and every problem located by
 * linkId (and entry number in a repeat), worded in the chosen language. Whether the data may be
 * sent is the form's own validator's business, as for every other way in (CSV, the S2S API).
 */
import type { CompiledForm, FieldLogic, FormError, RegistrationData } from '@regforms/runtime';
import { codingOf, DEFAULT_BASE, patientPseudonymSystem, questionnaireUrl } from './canonical.ts';
import { type MessageKey, renderMessage } from './messages.ts';
import { linkIdOf, toQuestionnaire } from './questionnaire.ts';
import type {
  Answer,
  Coding,
  QuestionnaireItem,
  QuestionnaireResponseResource,
  ResponseItem,
} from './types.ts';

export interface ResponseOptions {
  base?: string;
  /** Open → in-progress, Sent → completed. */
  status: 'open' | 'sent';
  id?: string;
  /** When it was last saved (ISO date-time). */
  authored?: string;
  /** The registration code of a sent registration: the response's identifier. */
  registrationCode?: string;
  /** The patient as a pseudonymous identifier (the data are then expected pseudonymised too). */
  patientPseudonym?: string;
}

/** A registration's data as a QuestionnaireResponse to the form's Questionnaire. */
export function toResponse(
  form: CompiledForm,
  data: RegistrationData,
  options: ResponseOptions,
): QuestionnaireResponseResource {
  const base = options.base ?? DEFAULT_BASE;
  const byLinkId = new Map(form.logic.fields.map((f) => [linkIdOf(f), f]));
  const codings = new Codings(form, base);
  const items = (qItems: QuestionnaireItem[] | undefined, holder: RegistrationData): ResponseItem[] =>
    (qItems ?? []).flatMap((q): ResponseItem[] => {
      if (q.type === 'display') return [];
      const f = byLinkId.get(q.linkId);
      if (q.type === 'group' && f?.type === 'repeat') {
        const entries = holder[f.name];
        if (!Array.isArray(entries)) return [];
        return entries.flatMap((entry) => {
          const inner = items(q.item, (entry ?? {}) as RegistrationData);
          return inner.length ? [{ linkId: q.linkId, item: inner }] : [];
        });
      }
      if (q.type === 'group') {
        const inner = items(q.item, holder);
        return inner.length ? [{ linkId: q.linkId, item: inner }] : [];
      }
      if (!f) return [];
      const answers = answersOf(f, holder[f.name], codings);
      return answers.length ? [{ linkId: q.linkId, answer: answers }] : [];
    });
  return {
    resourceType: 'QuestionnaireResponse',
    ...(options.id ? { id: options.id } : {}),
    ...(options.registrationCode
      ? {
          identifier: {
            system: `${base.replace(/\/+$/, '')}/NamingSystem/registration-code`,
            value: options.registrationCode,
          },
        }
      : {}),
    questionnaire: `${questionnaireUrl(base, form.meta)}|${form.meta.version}`,
    status: options.status === 'sent' ? 'completed' : 'in-progress',
    ...(options.patientPseudonym
      ? { subject: { identifier: { system: patientPseudonymSystem(base), value: options.patientPseudonym } } }
      : {}),
    ...(options.authored ? { authored: options.authored } : {}),
    item: items(itemsOf(form, base), data),
  };
}

class Codings {
  constructor(
    readonly form: CompiledForm,
    readonly base: string,
  ) {}
  of(f: FieldLogic, code: string): Coding {
    return codingOf(this.base, this.form, f, code);
  }
}

/**
 * The Questionnaire's items a response follows, built once per form and base: an export of
 * many registrations and every submission to the node read the same structure.
 */
const itemsCache = new WeakMap<CompiledForm, Map<string, QuestionnaireItem[]>>();
function itemsOf(form: CompiledForm, base: string): QuestionnaireItem[] {
  const byBase = itemsCache.get(form) ?? new Map<string, QuestionnaireItem[]>();
  itemsCache.set(form, byBase);
  const items = byBase.get(base) ?? toQuestionnaire(form, { base }).questionnaire.item ?? [];
  byBase.set(base, items);
  return items;
}

function answersOf(f: FieldLogic, v: unknown, codings: Codings): Answer[] {
  if (v === undefined || v === null || v === '') return [];
  switch (f.type) {
    case 'multichoice':
      return Array.isArray(v) ? v.map((c) => ({ valueCoding: codings.of(f, String(c)) })) : [];
    case 'choice':
      return [{ valueCoding: codings.of(f, String(v)) }];
    case 'boolean':
      return [{ valueBoolean: v === true }];
    case 'integer':
      return [{ valueInteger: Number(v) }];
    case 'decimal':
      return [{ valueDecimal: Number(v) }];
    case 'date':
      return [{ valueDate: String(v) }];
    case 'time':
      // FHIR times have seconds; regforms' have minutes.
      return [{ valueTime: String(v).length === 5 ? `${v}:00` : String(v) }];
    default:
      return [{ valueString: String(v) }];
  }
}

/** A problem with a response: where (linkId, entry of a repeat), what, in the chosen language. */
export interface ResponseIssue {
  /** The question's linkId, or '' for the response as a whole. */
  linkId: string;
  /** In a repeat: which entry (1-based), and the repeat's linkId. */
  entry?: { repeat: string; index: number };
  /** FHIRPath-like location in the response, e.g. item[2].item[0].answer[0]. */
  expression: string;
  message: string;
}

export interface ReadResponse {
  data: RegistrationData;
  /** Sent (completed, amended) or Open (in-progress). */
  status: 'open' | 'sent';
  issues: ResponseIssue[];
}

const VALUE_KEY: Partial<Record<FieldLogic['type'], { key: keyof Answer; want: string }>> = {
  text: { key: 'valueString', want: 'valueString' },
  niss: { key: 'valueString', want: 'valueString' },
  integer: { key: 'valueInteger', want: 'valueInteger' },
  decimal: { key: 'valueDecimal', want: 'valueDecimal' },
  date: { key: 'valueDate', want: 'valueDate' },
  time: { key: 'valueTime', want: 'valueTime' },
  boolean: { key: 'valueBoolean', want: 'valueBoolean' },
  choice: { key: 'valueCoding', want: 'valueCoding' },
  multichoice: { key: 'valueCoding', want: 'valueCoding' },
};

/**
 * Registration data from a response to this form's Questionnaire: structure and answer types
 * checked here (the issues), the values' own rules left to the form's validator.
 */
export function fromResponse(
  form: CompiledForm,
  qr: QuestionnaireResponseResource,
  options: { lang?: string; base?: string } = {},
): ReadResponse {
  const lang = options.lang ?? form.meta.defaultLanguage;
  const say = (key: MessageKey, params: Record<string, string>) => renderMessage(lang, key, params);
  const base = options.base ?? DEFAULT_BASE;
  const byLinkId = new Map(form.logic.fields.map((f) => [linkIdOf(f), f]));
  const qByLinkId = new Map<string, QuestionnaireItem>();
  const index = (items: QuestionnaireItem[] | undefined) => {
    for (const q of items ?? []) {
      qByLinkId.set(q.linkId, q);
      index(q.item);
    }
  };
  index(itemsOf(form, base));
  const codings = new Codings(form, base);
  const issues: ResponseIssue[] = [];
  const data: RegistrationData = {};
  const status = qr.status === 'completed' || qr.status === 'amended' ? 'sent' : 'open';
  if (qr.status !== 'in-progress' && status === 'open')
    issues.push({ linkId: '', expression: 'status', message: say('STATUS', { status: String(qr.status) }) });

  const read = (
    items: ResponseItem[] | undefined,
    holder: RegistrationData,
    at: string,
    entry?: ResponseIssue['entry'],
  ) => {
    for (const [i, item] of (items ?? []).entries()) {
      const where = `${at}item[${i}]`;
      const issue = (message: string, expression = where) =>
        issues.push({ linkId: item.linkId, ...(entry ? { entry } : {}), expression, message });
      const q = qByLinkId.get(item.linkId);
      if (!q) {
        issue(say('UNKNOWN_ITEM', { linkId: item.linkId }));
        continue;
      }
      const f = byLinkId.get(item.linkId);
      if (q.type === 'group' && f?.type === 'repeat') {
        if (!Array.isArray(holder[f.name])) holder[f.name] = [];
        const list = holder[f.name] as RegistrationData[];
        const entryData: RegistrationData = {};
        list.push(entryData);
        read(item.item, entryData, `${where}.`, { repeat: item.linkId, index: list.length });
        continue;
      }
      if (q.type === 'group' || q.type === 'display') {
        if (item.answer?.length) issue(say('NOT_A_QUESTION', { linkId: item.linkId }));
        read(item.item, holder, `${where}.`, entry);
        continue;
      }
      if (!f) continue;
      const spec = VALUE_KEY[f.type];
      const values: unknown[] = [];
      for (const [j, a] of (item.answer ?? []).entries()) {
        const expr = `${where}.answer[${j}]`;
        const v = spec ? a[spec.key] : undefined;
        if (!spec || v === undefined) {
          issue(say('WRONG_TYPE', { linkId: item.linkId, want: spec?.want ?? 'value' }), expr);
          continue;
        }
        if (spec.key === 'valueCoding') {
          const c = v as Coding;
          const want = codings.of(f, String(c.code)).system!;
          if (c.system !== undefined && c.system !== want) {
            issue(
              say('WRONG_SYSTEM', { linkId: item.linkId, got: String(c.system), want }),
              `${expr}.valueCoding.system`,
            );
            continue;
          }
          values.push(String(c.code ?? ''));
        } else if (spec.key === 'valueTime') {
          const t = String(v);
          if (/^\d{2}:\d{2}:\d{2}/.test(t) && !/^\d{2}:\d{2}:00(\.0+)?$/.test(t)) {
            issue(say('SECONDS', { linkId: item.linkId }), `${expr}.valueTime`);
            continue;
          }
          values.push(t.slice(0, 5));
        } else values.push(v);
      }
      if (values.length === 0) continue;
      if (f.type === 'multichoice') holder[f.name] = values;
      else {
        if (values.length > 1) issue(say('ONE_ANSWER', { linkId: item.linkId }));
        holder[f.name] = values[0];
      }
      if (item.item?.length) read(item.item, holder, `${where}.`, entry);
    }
  };
  read(qr.item, data, '');
  deriveNext(form, data);
  return { data, status, issues };
}

/**
 * A repeat's "another entry follows?" answer, where the client left it out (a FHIR client adds
 * entries itself): yes in every entry but the last, no in the last unless the repeat is full.
 */
function deriveNext(form: CompiledForm, data: RegistrationData): void {
  for (const r of form.logic.fields) {
    const entries = data[r.name];
    if (r.type !== 'repeat' || !r.next || !Array.isArray(entries)) continue;
    const max = (form.schema.properties as Record<string, { maxItems?: number }>)[r.name]?.maxItems;
    for (const [i, e] of entries.entries()) {
      const entry = e as RegistrationData;
      if (entry[r.next.name] !== undefined) continue;
      if (i < entries.length - 1) entry[r.next.name] = r.next.yes;
      else if (max === undefined || entries.length < max) entry[r.next.name] = r.next.no;
    }
  }
}

/** A validator's error as a response issue: by linkId, the entry of a repeat, the message. */
export function issueOf(form: CompiledForm, error: FormError): ResponseIssue {
  const [first, index, name] = error.path;
  const repeat = form.logic.fields.find((f) => f.type === 'repeat' && f.name === first);
  if (repeat && typeof index === 'number') {
    const inner = form.logic.fields.find((f) => f.repeat === repeat.name && f.name === name);
    return {
      linkId: inner ? linkIdOf(inner) : linkIdOf(repeat),
      entry: { repeat: linkIdOf(repeat), index: index + 1 },
      expression: `item.where(linkId='${linkIdOf(repeat)}')[${index}]${inner ? `.item.where(linkId='${linkIdOf(inner)}')` : ''}`,
      message: error.message,
    };
  }
  const f = form.logic.fields.find((x) => !x.repeat && x.name === (error.name || first));
  const linkId = f ? linkIdOf(f) : '';
  return { linkId, expression: linkId ? `item.where(linkId='${linkId}')` : '', message: error.message };
}

/** One line per issue: "PCI.DT_PCI (PCI, entry 2): message", in the issue's language. */
export function formatIssue(i: ResponseIssue, lang?: string): string {
  const where = !i.linkId
    ? 'QuestionnaireResponse'
    : i.entry
      ? renderMessage(lang, 'ENTRY', {
          linkId: i.linkId,
          repeat: i.entry.repeat,
          index: String(i.entry.index),
        })
      : i.linkId;
  return `${where}: ${i.message}`;
}

/** The form a response is to: its `questionnaire` canonical (url|version) among the forms. */
export function formOfResponse(
  qr: { questionnaire?: string },
  forms: readonly CompiledForm[],
  base = DEFAULT_BASE,
): CompiledForm | undefined {
  const [url, version] = String(qr.questionnaire ?? '').split('|');
  const matching = forms.filter((f) => questionnaireUrl(base, f.meta) === url);
  if (version) return matching.find((f) => f.meta.version === version);
  return undefined;
}
