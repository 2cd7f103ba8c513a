/*
 * What a designer hands out per version: the template (the header line) and the dictionary
 * (column, label, type, format, codes, when required), all read from the compiled form. The
 * dictionary's own words come from the message catalog in its language; what a user types or
 * the file holds (column names, codes, types, conditions, dd/mm/yyyy, true/false) does not
 * change with it.
 */
import {
  COMPARISON_KEYWORDS,
  type CompiledForm,
  type CsvColumn,
  type FieldLogic,
  type JsonSchema,
} from '@regforms/runtime';
import { columnKey, writeCsv } from './cells.ts';
import { STATUS_COLUMN } from './header.ts';
import { type MessageKey, type MessageParams, renderMessage } from './messages.ts';

/** The header of technical names in form order, then the STATUS control column. */
export function templateColumns(form: CompiledForm): string[] {
  return [...form.csv.columns.map((c) => c.column), STATUS_COLUMN];
}

/** The template file: the header line, `;`-separated, UTF-8. */
export function templateCsv(form: CompiledForm): string {
  return writeCsv(templateColumns(form), [], form.csv.separator);
}

export interface DictionaryEntry {
  column: string;
  label: string;
  type: string;
  format: string;
  codes: { code: string; label: string }[];
  /** required | optional | required when shown [and <condition>] | computed, in the dictionary's language */
  required: string;
  /** The condition under which the column is shown (filled); '' when always. */
  shownWhen: string;
}

const q = (v: unknown) => (typeof v === 'string' ? `'${v}'` : String(v));

/**
 * A compiled condition (the JSON Schema the compiler emits for `visible`/`required`) as text;
 * `rename` turns a technical name into the column that holds it (`NAME_n` in a repeat item).
 */
export function describeCondition(s: JsonSchema, rename: (name: string) => string = (n) => n): string {
  const describe = (x: JsonSchema) => describeCondition(x, rename);
  const group = (x: JsonSchema) => {
    const t = describe(x);
    return / (and|or) /.test(t) ? `(${t})` : t;
  };
  const keys = Object.keys(s);
  if (keys.length === 0) return 'always';
  if (s.allOf) return (s.allOf as JsonSchema[]).map((x) => group(x)).join(' and ');
  if (s.anyOf) {
    const list = s.anyOf as JsonSchema[];
    const first = list[0];
    const name = (first?.not as JsonSchema | undefined)?.required as string[] | undefined;
    if (name?.length === 1 && first && Object.keys(first).length === 1) return `${rename(name[0]!)} is empty`;
    return list.map((x) => group(x)).join(' or ');
  }
  if (s.not) {
    const inner = s.not as JsonSchema;
    if (Object.keys(inner).length === 0) return 'never';
    const req = inner.required as string[] | undefined;
    if (req?.length === 1 && !inner.properties) return `${rename(req[0]!)} is empty`;
    const text = describe(inner);
    if (/ is empty$/.test(text) && !/ (and|or) /.test(text)) return text.replace(/ is empty$/, ' is filled');
    const eq = /^(\w+) = (.*)$/.exec(text);
    if (eq) return `${eq[1]} != ${eq[2]}`;
    return / /.test(text) ? `not (${text})` : `not ${text}`;
  }
  const props = s.properties as Record<string, JsonSchema> | undefined;
  if (props) {
    const [technical, v] = Object.entries(props)[0] as [string, JsonSchema];
    const name = rename(technical);
    if ('const' in v) return v.const === '' ? `${name} is empty` : `${name} = ${q(v.const)}`;
    if (v.enum) return `${name} in [${(v.enum as unknown[]).map(q).join(', ')}]`;
    if (v.maxItems === 0) return `${name} is empty`;
    const nested = (v.not as JsonSchema | undefined)?.items as JsonSchema | undefined;
    const contained = (nested?.not as JsonSchema | undefined)?.const;
    if (contained !== undefined) return `${name} contains ${q(contained)}`;
    for (const [kw, op] of COMPARISON_KEYWORDS) if (kw in v) return `${name} ${op} ${q(v[kw])}`;
  }
  return JSON.stringify(s);
}

function propertySchema(form: CompiledForm, c: CsvColumn): JsonSchema {
  const props = form.schema.properties as Record<string, JsonSchema>;
  if (c.path.length === 1) return props[c.name] ?? {};
  const items = (props[String(c.path[0])]?.items as JsonSchema | undefined)?.properties as
    | Record<string, JsonSchema>
    | undefined;
  return items?.[c.name] ?? {};
}

const fmtDate = (v: unknown) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(v));
  return m ? `${m[3]}/${m[2]}/${m[1]}` : String(v);
};

function formatOf(c: CsvColumn, s: JsonSchema, lang: string): string {
  const say = (key: MessageKey, params?: MessageParams) => renderMessage(lang, key, params);
  const parts = [say(`format.${c.type}`)];
  if (c.type === 'date') {
    if (s.formatMinimum) parts.push(say('dictionary.from', { date: fmtDate(s.formatMinimum) }));
    if (s.formatMaximum) parts.push(say('dictionary.until', { date: fmtDate(s.formatMaximum) }));
  }
  if (s.minimum !== undefined) parts.push(`≥ ${s.minimum}`);
  if (s.maximum !== undefined) parts.push(`≤ ${s.maximum}`);
  if (typeof s.multipleOf === 'number') {
    const decimals = Math.max(0, -Math.floor(Math.log10(s.multipleOf) + 1e-9));
    parts.push(say('dictionary.decimals', { n: decimals }));
  }
  if (s.maxLength !== undefined) parts.push(say('dictionary.maxLength', { n: String(s.maxLength) }));
  if (s.pattern && c.type === 'text') parts.push(say('dictionary.pattern', { pattern: String(s.pattern) }));
  if (c.type === 'multichoice') {
    if (s.minItems !== undefined) parts.push(say('dictionary.minItems', { n: String(s.minItems) }));
    if (s.maxItems !== undefined) parts.push(say('dictionary.maxItems', { n: String(s.maxItems) }));
  }
  return parts.join(', ');
}

function requiredOf(
  c: CsvColumn,
  logic: FieldLogic | undefined,
  rename: (n: string) => string,
  lang: string,
): string {
  if (c.computed) return renderMessage(lang, 'dictionary.computed');
  if (c.required === 'always') return renderMessage(lang, 'dictionary.required');
  if (c.required === 'never' || !logic?.required) return renderMessage(lang, 'dictionary.optional');
  const item = c.path.length > 1 ? Number(c.path[1]) + 1 : undefined;
  const key = item === undefined ? 'dictionary.requiredWhenShown' : 'dictionary.requiredWhenShown.item';
  if (logic.required === true) return renderMessage(lang, key, item === undefined ? {} : { item });
  return renderMessage(lang, `${key}.condition`, {
    ...(item === undefined ? {} : { item }),
    condition: describeCondition(logic.required, rename),
  });
}

/** The dictionary of a compiled form, labels and its own words in `lang`. */
export function dictionary(form: CompiledForm, lang = form.meta.defaultLanguage): DictionaryEntry[] {
  const bundle = form.i18n[lang] ?? form.i18n[form.meta.defaultLanguage] ?? {};
  const byKey = new Map(form.logic.fields.map((f) => [f.key, f]));
  const inRepeat = new Set(form.logic.fields.filter((f) => f.repeat).map((f) => f.key));
  const entries: DictionaryEntry[] = form.csv.columns.map((c) => {
    const key = columnKey(c);
    const logic = byKey.get(key);
    const n = Number(c.path[1]) + 1;
    const item = c.path.length > 1 ? ` (${n})` : '';
    // In a repeat item, conditions name fields of the same item: their columns end in _n.
    const rename = (name: string) =>
      c.path.length > 1 && inRepeat.has(`${String(c.path[0])}.${name}`) ? `${name}_${n}` : name;
    return {
      column: c.column,
      label: `${bundle[`${key}.label`] ?? c.name}${item}`,
      type: c.type,
      format: formatOf(c, propertySchema(form, c), lang),
      codes: (c.codes ?? []).map((code) => ({ code, label: bundle[`${key}.${code}`] ?? '' })),
      required: requiredOf(c, logic, rename, lang),
      shownWhen: logic?.visible ? describeCondition(logic.visible, rename) : '',
    };
  });
  entries.push({
    column: STATUS_COLUMN,
    label: renderMessage(lang, 'dictionary.status.label'),
    type: 'control',
    format: renderMessage(lang, 'dictionary.status.format'),
    codes: [{ code: 'draft', label: renderMessage(lang, 'dictionary.status.draft') }],
    required: renderMessage(lang, 'dictionary.optional'),
    shownWhen: '',
  });
  return entries;
}

const codesText = (e: DictionaryEntry) => e.codes.map((c) => `${c.code} = ${c.label}`).join(' | ');

const HEADERS = ['column', 'label', 'type', 'format', 'codes', 'required', 'shownWhen'] as const;
const headers = (lang: string) => HEADERS.map((h) => renderMessage(lang, `dictionary.header.${h}`));

/** The dictionary as a `;`-separated CSV file. */
export function dictionaryCsv(form: CompiledForm, lang = form.meta.defaultLanguage): string {
  const rows = dictionary(form, lang).map((e) => [
    e.column,
    e.label,
    e.type,
    e.format,
    codesText(e),
    e.required,
    e.shownWhen,
  ]);
  return writeCsv(headers(lang), rows, ';');
}

/*
 * Text from a definition (labels, titles, codes) as Markdown that renders as that text and
 * nothing else: no emphasis, links or headings from its punctuation, no raw HTML (what a
 * Markdown viewer would render: `<`, `&`), no autolink (`https://`, `www.`, `a@b.c` are broken
 * by an escape), and no cell break in a table (`|`, line breaks).
 */
export function markdownText(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/[\\`*_[\]|~<>]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`))
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@/g, '\\@');
}

/** Text as a Markdown code span: a fence longer than any run of backticks in it. */
export function markdownCode(s: string): string {
  const text = s.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** The dictionary as a Markdown page: every text from the definition escaped (markdownText). */
export function dictionaryMarkdown(form: CompiledForm, lang = form.meta.defaultLanguage): string {
  const { registry, registrationType, version } = form.meta;
  const bundle = form.i18n[lang] ?? {};
  const always = renderMessage(lang, 'dictionary.always');
  const lines = [
    `# ${markdownText(bundle['form.title'] ?? registrationType)} — ${markdownCode(`${registry}/${registrationType}@${version}`)}`,
    '',
    renderMessage(lang, 'dictionary.intro', { columns: form.csv.columns.length }),
    '',
    `| ${headers(lang).map(markdownText).join(' | ')} |`,
    `|${' --- |'.repeat(HEADERS.length)}`,
    ...dictionary(form, lang).map(
      (e) =>
        `| ${[
          markdownCode(e.column),
          markdownText(e.label),
          markdownText(e.type),
          markdownText(e.format),
          // Codes one after the other, separated by a semicolon: a line break in a table cell
          // would need raw HTML.
          e.codes.map((c) => `${markdownCode(c.code)} ${markdownText(c.label)}`).join('; '),
          markdownText(e.required),
          e.shownWhen ? markdownCode(e.shownWhen) : markdownText(always),
        ].join(' | ')} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

const html = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The dictionary as a standalone HTML page. */
export function dictionaryHtml(form: CompiledForm, lang = form.meta.defaultLanguage): string {
  const { registry, registrationType, version } = form.meta;
  const title = `${registry}/${registrationType}@${version}`;
  const always = renderMessage(lang, 'dictionary.always');
  const rows = dictionary(form, lang)
    .map(
      (e) =>
        `<tr><td><code>${html(e.column)}</code></td><td>${html(e.label)}</td><td>${html(e.type)}</td><td>${html(e.format)}</td><td>${e.codes.map((c) => `<code>${html(c.code)}</code> ${html(c.label)}`).join('<br>')}</td><td>${html(e.required)}</td><td>${html(e.shownWhen || always)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${html(lang)}"><head><meta charset="utf-8"><title>${html(title)}</title></head>
<body><h1>${html(title)}</h1>
<table><thead><tr>${headers(lang)
    .map((h) => `<th>${html(h)}</th>`)
    .join('')}</tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}
