import { evaluate } from '@regforms/expression';
import { conditionOf } from './compiled.ts';
import type { CompiledForm, FieldLogic, JsonSchema, RegistrationData } from './form.ts';

function holds(condition: JsonSchema, data: unknown): boolean {
  return conditionOf(condition)(data);
}

/** Is this field shown for this data (for a field in a repeat: for this item)? */
export function isVisible(field: FieldLogic, data: RegistrationData, item?: RegistrationData): boolean {
  if (!field.visible) return true;
  return holds(field.visible, field.repeat ? (item ?? {}) : data);
}

/**
 * Is this field required for this data: shown, and required (always, or its requiredness
 * condition holds)? The validator's rule, for UIs to mark the field as the validator will.
 */
export function isRequiredNow(field: FieldLogic, data: RegistrationData, item?: RegistrationData): boolean {
  if (!field.required || !isVisible(field, data, item)) return false;
  return field.required === true || holds(field.required, field.repeat ? (item ?? {}) : data);
}

/** Per form: the fields that can be hidden, each with the number of its distinct condition. */
interface PrunePlan {
  top: { f: FieldLogic; condition: number }[];
  inRepeats: { f: FieldLogic; condition: number }[];
  /**
   * The answers of the top-level conditions for the data as it stands: `asked[c] === epoch`
   * when `shown[c]` holds for it. Each call and each removal takes a new epoch, so nothing
   * is allocated or cleared per call (prune is synchronous: no two calls interleave).
   */
  asked: number[];
  shown: boolean[];
  epoch: number;
}
const plans = new WeakMap<CompiledForm, PrunePlan>();

function prunePlan(form: CompiledForm): PrunePlan {
  let plan = plans.get(form);
  if (!plan) {
    // Fields of one section repeat the section's condition: each distinct one is asked once.
    const ids = new Map<string, number>();
    const id = (f: FieldLogic) => {
      const key = JSON.stringify(f.visible);
      if (!ids.has(key)) ids.set(key, ids.size);
      return ids.get(key)!;
    };
    const hideable = form.logic.fields.filter((f) => f.visible);
    const top = hideable.filter((f) => !f.repeat).map((f) => ({ f, condition: id(f) }));
    const inRepeats = hideable.filter((f) => f.repeat).map((f) => ({ f, condition: id(f) }));
    plan = {
      top,
      inRepeats,
      asked: new Array<number>(ids.size).fill(0),
      shown: new Array<boolean>(ids.size).fill(false),
      epoch: 0,
    };
    plans.set(form, plan);
  }
  return plan;
}

/** A shallow copy built key by key (a fast-properties object), keys in their order. */
function fastCopy(data: RegistrationData): RegistrationData {
  const out: RegistrationData = {};
  for (const k of Object.keys(data)) out[k] = data[k];
  return out;
}

const isFilled = (v: unknown) =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/**
 * The hidden-field policy: values of fields that are not shown are removed. Returns new data
 * and the technical names (with item numbers) whose values were dropped, so nothing is
 * dropped silently.
 */
export function prune(
  form: CompiledForm,
  data: RegistrationData,
): { data: RegistrationData; dropped: string[] } {
  return pruneData(form, data, false);
}

/**
 * applyComputed then prune, as every save does, with one copy of the data instead of two:
 * prune works on applyComputed's fresh copy. Same result as `prune(form, applyComputed(…))`.
 */
export function computeAndPrune(
  form: CompiledForm,
  data: RegistrationData,
  now?: Date,
): { data: RegistrationData; dropped: string[] } {
  return pruneData(form, applyComputed(form, data, now), true);
}

/** prune; `owned`: `data` is a copy of the caller's own, changed in place (top level only). */
function pruneData(
  form: CompiledForm,
  data: RegistrationData,
  owned: boolean,
): { data: RegistrationData; dropped: string[] } {
  const dropped: string[] = [];
  const plan = prunePlan(form);
  // The conditions read the data as given until a value is removed (usually nothing is hidden).
  let out: RegistrationData = data;
  let deleted = false;
  let epoch = ++plan.epoch;
  const { asked, shown: answer } = plan;
  // Only fields with a value can lose it; a condition's answer holds until a value is removed.
  for (const { f, condition } of plan.top) {
    if (!(f.name in out)) continue;
    let shown: boolean;
    if (asked[condition] === epoch) shown = answer[condition]!;
    else {
      shown = holds(f.visible!, out);
      asked[condition] = epoch;
      answer[condition] = shown;
    }
    if (shown) continue;
    // A computed value is the form's own, not something the user gave: removing it drops nothing.
    if (isFilled(out[f.name]) && !f.compute) dropped.push(f.name);
    if (out === data && !owned) out = { ...data };
    delete out[f.name];
    deleted = true;
    epoch = ++plan.epoch;
  }
  // `delete` leaves a slow dictionary object, which the validator reads next: copied again.
  if (deleted) out = fastCopy(out);
  else if (!owned) out = { ...data };
  const itemAnswers = new Map<string, Map<number, boolean>[]>();
  for (const { f, condition } of plan.inRepeats) {
    const items = out[f.repeat!];
    if (!Array.isArray(items)) continue;
    let copied: RegistrationData[] | undefined;
    let perItem = itemAnswers.get(f.repeat!);
    if (!perItem) {
      perItem = [];
      itemAnswers.set(f.repeat!, perItem);
    }
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as RegistrationData;
      if (!(f.name in item)) continue;
      let memo = perItem[i];
      if (!memo) {
        memo = new Map();
        perItem[i] = memo;
      }
      let shown = memo.get(condition);
      if (shown === undefined) {
        shown = holds(f.visible!, item);
        memo.set(condition, shown);
      }
      if (shown) continue;
      if (isFilled(item[f.name]) && !f.compute) dropped.push(`${f.name}_${i + 1}`);
      const { [f.name]: _gone, ...rest } = item;
      copied ??= [...items];
      copied[i] = rest;
      perItem[i] = new Map();
    }
    if (copied) out[f.repeat!] = copied;
  }
  return { data: out, dropped };
}

function setComputed(target: RegistrationData, f: FieldLogic, v: unknown): void {
  if (v === null || v === undefined) delete target[f.name];
  else target[f.name] = v;
}

/**
 * Computed fields, in form order (the compiler rejects cycles), on a copy of the data. One
 * lookup for the whole call, not one per field and item: an import runs this on every row.
 */
export function applyComputed(form: CompiledForm, data: RegistrationData, now?: Date): RegistrationData {
  const out: RegistrationData = { ...data };
  const scope: { item: RegistrationData | undefined } = { item: undefined };
  const ctx = {
    lookup: (n: string) => (scope.item && n in scope.item ? scope.item[n] : out[n]),
    now,
  };
  for (const f of form.logic.fields) {
    if (!f.compute) continue;
    if (f.repeat) {
      const items = out[f.repeat];
      if (!Array.isArray(items)) continue;
      const copies: RegistrationData[] = [];
      for (const item of items as RegistrationData[]) {
        const copy = { ...item };
        scope.item = copy;
        setComputed(copy, f, evaluate(f.compute, ctx));
        copies.push(copy);
      }
      scope.item = undefined;
      out[f.repeat] = copies;
    } else setComputed(out, f, evaluate(f.compute, ctx));
  }
  return out;
}
