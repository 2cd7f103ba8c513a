/*
 * Valid registration data for any compiled form, from the form alone (schema, logic, CSV
 * columns): the CSV tests and benchmark and Storybook's example states all draw from here.
 * Every data field gets a value drawn within its schema, computed fields are computed and
 * hidden ones pruned (the skip logic decides what stays), and the fields named by an error of
 * the form's own validator (cross-field checks such as "discharge after admission") are drawn
 * again until the data is valid, so the result is valid by the same validator the form uses.
 */
import type { CompiledExpr } from '@regforms/expression';
import { applyComputed, prune } from './apply.ts';
import type { CompiledForm, FieldLogic, JsonSchema, RegistrationData } from './form.ts';
import { createValidator } from './validate.ts';

export interface SampleOptions {
  /** Items per repeat (clamped to the repeat's min/max); default: random within them. */
  items?: number;
  /** Text values with `;`, quotes and line breaks, to exercise CSV quoting. */
  awkwardText?: boolean;
}

/** A small, fast, seedable generator (mulberry32): the same seed gives the same data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['stent', 'lésion', 'artère', 'contrôle', 'patiënt', 'opname', 'follow-up', 'note', 'rapport'];
const AWKWARD = ['a; b', 'say "yes"', 'line one\nline two', 'end;'];
const DAY = 86_400_000;

/** A valid Belgian national number (born before 2000, check digits over the 9 digits). */
export function sampleNiss(rnd: () => number): string {
  const y = 35 + Math.floor(rnd() * 60);
  const m = 1 + Math.floor(rnd() * 12);
  const d = 1 + Math.floor(rnd() * 28);
  const counter = 1 + Math.floor(rnd() * 997);
  const body = `${String(y).padStart(2, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(counter).padStart(3, '0')}`;
  return `${body}${String(97 - (Number(body) % 97)).padStart(2, '0')}`;
}

function refsOf(e: CompiledExpr | undefined, out = new Set<string>()): Set<string> {
  if (!e || typeof e !== 'object') return out;
  const node = e as unknown as Record<string, unknown>;
  if (node.kind === 'ref' && typeof node.name === 'string') out.add(node.name);
  for (const v of Object.values(node))
    if (Array.isArray(v)) for (const x of v) refsOf(x as CompiledExpr, out);
    else if (v && typeof v === 'object') refsOf(v as CompiledExpr, out);
  return out;
}

interface Drawer {
  rnd: () => number;
  options: SampleOptions;
  /** The day around which a registration's dates fall (dates in form order follow it). */
  day: number;
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

function drawString(s: JsonSchema, f: FieldLogic, g: Drawer): string {
  const { rnd } = g;
  const pattern = s.pattern as string | undefined;
  if (f.type === 'niss' || s.format === 'niss') return sampleNiss(rnd);
  if (s.format === 'date') {
    if (/DOB|BIRTH/i.test(f.name)) return iso(Date.UTC(1935, 0, 1) + Math.floor(rnd() * 55 * 365) * DAY);
    g.day += Math.floor(rnd() * 3) * DAY;
    return iso(g.day);
  }
  if (pattern) {
    const digits = /^\^(?:\\d|\[0-9\])\{(\d+)\}\$$/.exec(pattern);
    if (digits) return Array.from({ length: Number(digits[1]) }, () => Math.floor(rnd() * 10)).join('');
    if (f.type === 'time' || pattern.includes(':'))
      return `${String(Math.floor(rnd() * 24)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}`;
    // Other patterns: numbers of 4 digits (postcodes) are the only ones the registries use.
    const candidate = String(1000 + Math.floor(rnd() * 9000));
    if (new RegExp(pattern).test(candidate)) return candidate;
    throw new Error(`sampleData: cannot draw a value for ${f.name} matching ${pattern}`);
  }
  const max = (s.maxLength as number | undefined) ?? 60;
  const min = (s.minLength as number | undefined) ?? 1;
  let text = '';
  const n = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) text += `${i ? ' ' : ''}${WORDS[Math.floor(rnd() * WORDS.length)]}`;
  if (g.options.awkwardText && rnd() < 0.3) text = `${AWKWARD[Math.floor(rnd() * AWKWARD.length)]} ${text}`;
  text = text.slice(0, max).trim();
  while (text.length < min) text += 'x';
  return text;
}

function drawNumber(s: JsonSchema, integer: boolean, rnd: () => number): number {
  const lo = (s.minimum as number | undefined) ?? (s.exclusiveMinimum as number | undefined) ?? 0;
  const hi = (s.maximum as number | undefined) ?? (s.exclusiveMaximum as number | undefined) ?? lo + 100;
  const step = integer ? 1 : ((s.multipleOf as number | undefined) ?? 0.1);
  const steps = Math.max(0, Math.floor((hi - lo) / step));
  const k = Math.floor(rnd() * (steps + 1));
  const v = lo + k * step;
  const decimals = integer ? 0 : Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
  const rounded = Number(v.toFixed(decimals));
  if (s.exclusiveMinimum !== undefined && rounded <= (s.exclusiveMinimum as number)) return rounded + step;
  if (s.exclusiveMaximum !== undefined && rounded >= (s.exclusiveMaximum as number)) return rounded - step;
  return rounded;
}

function draw(s: JsonSchema, f: FieldLogic, g: Drawer): unknown {
  const { rnd } = g;
  if (s.enum) {
    const codes = s.enum as unknown[];
    return codes[Math.floor(rnd() * codes.length)];
  }
  switch (s.type) {
    case 'boolean':
      return rnd() < 0.2;
    case 'integer':
      return drawNumber(s, true, rnd);
    case 'number':
      return drawNumber(s, false, rnd);
    case 'array': {
      const codes = ((s.items as JsonSchema | undefined)?.enum as string[] | undefined) ?? [];
      const lo = Math.max(1, (s.minItems as number | undefined) ?? 1);
      const hi = Math.min(codes.length, (s.maxItems as number | undefined) ?? 3, Math.max(lo, 3));
      const n = lo + Math.floor(rnd() * (hi - lo + 1));
      const pool = [...codes];
      const picked: string[] = [];
      while (picked.length < n && pool.length > 0)
        picked.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0]!);
      // Keep the code list's order, as a person ticking boxes would.
      return codes.filter((c) => picked.includes(c));
    }
    default:
      return drawString(s, f, g);
  }
}

function schemaOf(form: CompiledForm, f: FieldLogic): JsonSchema {
  const props = form.schema.properties as Record<string, JsonSchema>;
  if (!f.repeat) return props[f.name] ?? {};
  const items = (props[f.repeat]?.items as JsonSchema | undefined)?.properties as Record<string, JsonSchema>;
  return items[f.name] ?? {};
}

/**
 * Valid registration data for a compiled form (deterministic for a seed). Throws when the
 * form's rules cannot be met by drawing (a pattern it cannot generate, contradictory checks).
 */
export function sampleData(form: CompiledForm, seed: number, options: SampleOptions = {}): RegistrationData {
  const rnd = random(seed);
  const g: Drawer = { rnd, options, day: Date.UTC(2023, 3, 1) + Math.floor(rnd() * 400) * DAY };
  const fields = form.logic.fields.filter((f) => !f.compute && f.type !== 'note' && f.type !== 'repeat');
  const props = form.schema.properties as Record<string, JsonSchema>;
  const byName = new Map(form.logic.fields.map((f) => [f.key, f]));
  const data: RegistrationData = {};
  const repeats = [...new Set(fields.flatMap((f) => (f.repeat ? [f.repeat] : [])))];
  for (const r of repeats) {
    const s = props[r] ?? {};
    const lo = Math.max(1, (s.minItems as number | undefined) ?? 1);
    const hi = (s.maxItems as number | undefined) ?? lo;
    const n = options.items ?? lo + Math.floor(rnd() * (hi - lo + 1));
    data[r] = Array.from({ length: Math.min(hi, Math.max(lo, n)) }, () => ({}));
  }
  const fill = (f: FieldLogic, item?: number) => {
    const own = item !== undefined ? f.itemCodes?.[item] : undefined;
    const base = schemaOf(form, f);
    // Item n of a repeat may have its own code list.
    const s = own
      ? base.type === 'array'
        ? { ...base, items: { type: 'string', enum: own } }
        : { ...base, enum: own }
      : base;
    const v = draw(s, f, g);
    if (f.repeat) ((data[f.repeat] as RegistrationData[])[item!] as RegistrationData)[f.name] = v;
    else data[f.name] = v;
  };
  // A repeat's "another item follows?" field answers by position, and is absent from the last possible item.
  const nextOf = new Map(
    form.logic.fields.flatMap((r) =>
      r.next
        ? [
            [
              `${r.name}.${r.next.name}`,
              { ...r.next, max: (props[r.name]?.maxItems as number | undefined) ?? Infinity },
            ] as const,
          ]
        : [],
    ),
  );
  const answer = (f: FieldLogic) => (f.repeat ? nextOf.get(`${f.repeat}.${f.name}`) : undefined);
  for (const f of fields) {
    const next = answer(f);
    if (!f.repeat) fill(f);
    else
      (data[f.repeat] as RegistrationData[]).forEach((item, i, items) => {
        if (!next) fill(f, i);
        else if (i < next.max - 1) item[f.name] = i < items.length - 1 ? next.yes : next.no;
      });
  }
  const validator = createValidator(form);
  for (let round = 0; round < 300; round++) {
    const normalised = prune(form, applyComputed(form, data)).data;
    const errors = validator.validate(normalised, 'en');
    if (errors.length === 0) return normalised;
    for (const e of errors) {
      const key = e.key || e.name;
      const f = byName.get(key);
      if (!f) continue;
      const item = typeof e.path[1] === 'number' ? e.path[1] : undefined;
      // A computed field out of range, or a broken cross-field check: draw the fields the
      // expression reads again, not only the one the error names.
      const refs = f.compute ? refsOf(f.compute) : new Set([f.name]);
      if (!f.compute && e.keyword === 'check') for (const c of f.checks ?? []) refsOf(c.rule, refs);
      const targets = [...refs].flatMap((n) =>
        form.logic.fields.filter((x) => x.name === n && !x.compute && x.type !== 'repeat' && !answer(x)),
      );
      for (const t of targets) fill(t, t.repeat ? (item ?? 0) : undefined);
    }
    // Dates drawn again restart from the day of the registration, so order rules can hold.
    g.day = Date.UTC(2023, 3, 1) + Math.floor(rnd() * 400) * DAY;
  }
  const left = validator.validate(prune(form, applyComputed(form, data)).data, 'en');
  throw new Error(
    `sampleData: no valid data for ${form.meta.registry}/${form.meta.registrationType}@${form.meta.version} after 300 rounds: ${left
      .slice(0, 5)
      .map((e) => `${e.path.join('.')} ${e.keyword}`)
      .join(', ')}`,
  );
}
