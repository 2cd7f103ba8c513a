import type {
  ControlElement,
  ControlProps,
  JsonSchema,
  RankedTester,
  UISchemaElement,
} from '@jsonforms/core';
import { transformPathToI18nPrefix } from '@jsonforms/core';
import type { TranslateProps } from '@jsonforms/react';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import type { CompiledForm } from '@regforms/runtime';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { fillText, type RendererMessageKey, rendererText } from '../form/strings.ts';
import type { PendingEdits } from '../session/pending-edits.ts';
import { commitShown } from './shown-commits.ts';

/** The control options the compiler writes on every Control of a compiled form's UI schema. */
export interface RegformsControlOptions {
  i18n?: string;
  id?: string;
  fieldType?: string;
  unit?: string;
  display?: string;
  format?: string;
  readonly?: boolean;
  multi?: boolean;
  detail?: UISchemaElement;
  min?: unknown;
  max?: unknown;
  /** A repeat's "another item follows?" field: its technical name and yes/no values. */
  next?: { name?: unknown; yes?: unknown; no?: unknown };
  /** A field in a repeat whose items each have their own code list: one list per item. */
  itemCodes?: string[][];
}

/** A translate function as JSON Forms passes it (key, default) → text. */
export type Translate = (
  key: string,
  defaultMessage: string | undefined,
  values?: unknown,
) => string | undefined;

/** How long typing stays local before it is committed to the form data. */
export const COMMIT_DELAY_MS = 200;

/** The compiler's options of a UI schema element (empty when it has none). */
export function optionsOf(uischema: UISchemaElement | undefined): RegformsControlOptions {
  return (uischema?.options ?? {}) as RegformsControlOptions;
}

/**
 * Each Control's schema, by the schema it was resolved in: every tester of every renderer asks
 * for it when JSON Forms picks the control's renderer (15 testers), and the element walks the
 * whole form once for the controls it loads as chunks (1,000 controls in the largest form).
 */
const resolved = new WeakMap<UISchemaElement, { in: JsonSchema; found: JsonSchema | undefined }>();

/** The schema a Control's scope points at, resolved the simple way compiled forms need. */
export function controlSchema(
  uischema: UISchemaElement,
  schema: JsonSchema | undefined,
): JsonSchema | undefined {
  const scope = (uischema as ControlElement).scope;
  if (typeof scope !== 'string' || !schema) return undefined;
  const known = resolved.get(uischema);
  if (known?.in === schema) return known.found;
  let s: JsonSchema | undefined = schema;
  for (const seg of scope.replace(/^#\/?/, '').split('/')) {
    if (!seg) continue;
    s = (s as Record<string, unknown> | undefined)?.[decodeURIComponent(seg)] as JsonSchema | undefined;
  }
  resolved.set(uischema, { in: schema, found: s });
  return s;
}

/**
 * A tester that matches Controls for which `match` holds on the resolved schema; JSON Forms'
 * own `schemaMatches` also works, but the compiled forms carry the field type in the options,
 * which is both cheaper and exact.
 */
export function controlTester(
  rank: number,
  match: (options: RegformsControlOptions, schema: JsonSchema | undefined) => boolean,
): RankedTester {
  return (uischema, schema) => {
    if (uischema?.type !== 'Control') return -1;
    return match(optionsOf(uischema), controlSchema(uischema, schema)) ? rank : -1;
  };
}

/** Is this a computed field (the compiler's options.readonly, or schema readOnly)? */
export function isComputed(o: RegformsControlOptions, s: JsonSchema | undefined): boolean {
  return o.readonly === true || (s as { readOnly?: boolean } | undefined)?.readOnly === true;
}

/** The i18n key prefix of a control: the compiler's options.i18n, else JSON Forms' own rule. */
export function i18nKeyOf(uischema: UISchemaElement | undefined, path: string | undefined): string {
  const top = (uischema as { i18n?: unknown } | undefined)?.i18n;
  if (typeof top === 'string') return top;
  const opt = optionsOf(uischema).i18n;
  if (typeof opt === 'string') return opt;
  return transformPathToI18nPrefix(path ?? '');
}

/**
 * Props of a regforms control: JSON Forms' control props plus the form's translate function and
 * locale. They come as props (JSON Forms' withTranslateProps) rather than from the context inside
 * the control, so that a memoised control does not re-render on every change of the form.
 */
export type RegformsControlProps = ControlProps & TranslateProps;

/** translate(key) with a default, never undefined. */
export function tr(t: Translate, key: string, fallback: string): string {
  return t(key, fallback) ?? fallback;
}

/** The field-specific message for `keyword`, else the form's generic one, else `fallback`. */
export function errorMessage(t: Translate, key: string, keyword: string, fallback: string): string {
  return tr(t, `${key}.error.${keyword}`, tr(t, `error.${keyword}`, fallback));
}

/** Ids of an input and of its helper texts, stable for the control's lifetime. */
export function useFieldIds(id: string | undefined): { input: string; error: string; help: string } {
  const fallback = useId();
  const base = id || fallback;
  return useMemo(() => ({ input: `${base}-input`, error: `${base}-error`, help: `${base}-help` }), [base]);
}

/**
 * A required field is announced (aria-required) and marked with an asterisk, but the input
 * does not get the native `required` attribute: inside a host's <form>, the browser would
 * otherwise block Save of an incomplete registration, which HD4DP allows.
 */
export function requiredInput(required: boolean | undefined): { required: false; 'aria-required'?: true } {
  return required ? { required: false, 'aria-required': true } : { required: false };
}

/** aria-describedby for an input: its error (first, it matters most) then its help text. */
export function describedBy(
  ids: { error: string; help: string },
  error: string | undefined,
  help: string | undefined,
): string | undefined {
  const parts = [error ? ids.error : '', help ? ids.help : ''].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

/** The error (red, first) and the help text under a field, with the ids inputs point to. */
/**
 * The question of a group of radios or checkboxes, as the fieldset's legend. Read-only (a sent
 * registration): MUI's disabled grey is below 4.5:1, and the question must stay readable.
 */
export function QuestionLegend(props: { id: string; required: boolean | undefined; children: ReactNode }) {
  return (
    <FormLabel
      component="legend"
      id={props.id}
      required={props.required}
      sx={{ '&.Mui-disabled': { color: 'text.secondary' } }}
    >
      {props.children}
    </FormLabel>
  );
}

export function FieldHelp(props: {
  ids: { error: string; help: string };
  error: string | undefined;
  help: string | undefined;
}) {
  const { ids, error, help } = props;
  return (
    <>
      {error ? (
        <FormHelperText id={ids.error} error>
          {error}
        </FormHelperText>
      ) : null}
      {help ? (
        // Read-only (a sent registration): MUI's disabled grey is below 4.5:1; help must stay readable.
        <FormHelperText id={ids.help} sx={{ '&.Mui-disabled': { color: 'text.secondary' } }}>
          {help}
        </FormHelperText>
      ) : null}
    </>
  );
}

/**
 * A field typed into is a form of its own to the browser. On every keystroke Chromium's autofill
 * reads again the form the field belongs to (labels, values, layout), and a field outside any
 * form belongs to one made of every formless field of the page: a whole section, read again per
 * key. In a form of its own, one field is read (on the synthetic 1,000-field form's first
 * section, autofill's task per key went from about 3.9 to 1.0 ms in a trace). The form adds no
 * box (display: contents), owns the field inside a host's own <form> too (the host's submit and
 * reset leave it alone), and Enter in it, which submits a lone field's form, goes nowhere.
 */
export function FieldForm(props: { children: ReactNode }) {
  return (
    <form noValidate style={FIELD_FORM_STYLE} onSubmit={preventSubmit}>
      {props.children}
    </form>
  );
}
const FIELD_FORM_STYLE = { display: 'contents' } as const;
const preventSubmit = (event: { preventDefault(): void }) => event.preventDefault();

/**
 * The compiled form, provided by the form around its JSON Forms: what a control needs of the
 * form's logic (a repeat item's required fields). Stable for the form's life, so reading it
 * re-renders nothing; controls outside such a form do without.
 */
export const CompiledFormContext = createContext<CompiledForm | undefined>(undefined);

/** Provided by the form around its JSON Forms; controls outside such a form just omit it. */
export const PendingEditsContext = createContext<PendingEdits | undefined>(undefined);

/** What a buffered input does with its text: store a value now, or wait (keep typing). */
export type CommitDecision = { store: true; value: unknown } | { store: false };

/** What useBufferedText gives its control (and BufferedTextField wires to the input). */
export interface BufferedText {
  /** The text shown: kept up to date on every keystroke only for a `live` control. */
  text: string;
  /** The text in the input now (a keystroke of an uncontrolled input does not render). */
  current(): string;
  setText(text: string): void;
  /** Commits what was typed now (blur, a date chosen in the calendar). */
  flush(): void;
  live: boolean;
  /** The input element, for writing the text of an uncontrolled input. */
  inputRef: { current: HTMLInputElement | HTMLTextAreaElement | null };
  /** Changes when data from outside replaces an uncontrolled input's text: remounts the input. */
  version: number;
}

/**
 * Keeps what the user types out of the form data until a short pause, blur or unmount, so a
 * keystroke never waits for the whole form to re-render and the last keystrokes are never lost.
 * `decide(text, final)` turns the text into the stored value; while typing (`final` false) it
 * may wait, on blur (`final` true) it must store.
 *
 * Speed: unless the control's render reads the text (`live`: masks, checks shown while typing),
 * the input is uncontrolled: a keystroke is the browser's own edit of the input and renders no
 * React component at all, not even the control; the text reaches React only with the commit.
 */
export function useBufferedText(options: {
  data: unknown;
  toText: (data: unknown) => string;
  decide: (text: string, final: boolean) => CommitDecision;
  commit: (value: unknown) => void;
  delay?: number;
  live?: boolean;
}): BufferedText {
  const { data, toText, decide, commit, delay = COMMIT_DELAY_MS, live = false } = options;
  const [text, setLocal] = useState(() => toText(data));
  /** The data this input is in step with: the last it rendered with, or took without a render. */
  const synced = useRef<unknown>(data);
  const [version, setVersion] = useState(0);
  const inputRef = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const typed = useRef(text);
  const committed = useRef<unknown>(data);
  const pending = useRef<string | null>(null);
  const refocus = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef({ decide, commit });
  latest.current = { decide, commit };

  // Data changed from outside (draft restored, another field's rule, a reset): show it, unless it
  // is the value this input just committed, whose text the user may still be editing.
  if (!Object.is(data, synced.current)) {
    synced.current = data;
    if (!Object.is(data, committed.current)) {
      committed.current = data;
      pending.current = null;
      typed.current = toText(data);
      setLocal(typed.current);
      if (!live) {
        // The remounted input keeps the focus if the old one had it.
        refocus.current = typeof document !== 'undefined' && document.activeElement === inputRef.current;
        setVersion((v) => v + 1);
      }
    }
  }
  useLayoutEffect(() => {
    if (version === 0 || !refocus.current) return;
    refocus.current = false;
    inputRef.current?.focus();
  }, [version]);

  const run = useCallback(
    (final: boolean) => {
      if (timer.current !== undefined) clearTimeout(timer.current);
      timer.current = undefined;
      const t = pending.current;
      if (t === null) return;
      const d = latest.current.decide(t, final);
      if (!d.store) return;
      pending.current = null;
      if (Object.is(d.value, committed.current)) return;
      committed.current = d.value;
      // An uncontrolled input already shows what it commits. (A live control renders at each
      // keystroke with the data it last had, so it is always rendered with what it commits.)
      if (live) latest.current.commit(d.value);
      else if (commitShown(() => latest.current.commit(d.value))) synced.current = d.value;
    },
    [live],
  );

  const setText = useCallback(
    (next: string) => {
      typed.current = next;
      if (live) setLocal(next);
      else if (inputRef.current && inputRef.current.value !== next) inputRef.current.value = next;
      pending.current = next;
      if (timer.current !== undefined) clearTimeout(timer.current);
      timer.current = setTimeout(() => run(false), delay);
    },
    [delay, run, live],
  );

  const flush = useCallback(() => run(true), [run]);
  const current = useCallback(() => typed.current, []);
  useEffect(() => () => run(true), [run]);
  const edits = useContext(PendingEditsContext);
  const isPending = useCallback(() => pending.current !== null, []);
  useEffect(() => edits?.add(flush, isPending), [edits, flush, isPending]);
  return { text, current, setText, flush, live, inputRef, version };
}

/**
 * Restores the caret after a reformatting input (separators inserted as the user types): the
 * caret stays after the same number of significant characters.
 */
export function useCaret(text: string, isSignificant: (c: string) => boolean) {
  const ref = useRef<HTMLInputElement | null>(null);
  const want = useRef<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    const n = want.current;
    want.current = null;
    if (!el || n === null || document.activeElement !== el) return;
    let pos = 0;
    let seen = 0;
    while (pos < text.length && seen < n) {
      if (isSignificant(text[pos] ?? '')) seen++;
      pos++;
    }
    el.setSelectionRange(pos, pos);
  }, [text, isSignificant]);
  const remember = useCallback(
    (raw: string, caret: number | null) => {
      if (caret === null) return;
      let n = 0;
      for (let i = 0; i < caret && i < raw.length; i++) if (isSignificant(raw[i] ?? '')) n++;
      want.current = n;
    },
    [isSignificant],
  );
  return { ref, remember };
}

/** The errors to show: what this control found itself first, then the form's validation. */
export function shownError(local: string | undefined, fromForm: string | undefined): string | undefined {
  if (local) return local;
  return fromForm ? fromForm : undefined;
}

/**
 * What every typed control (text, number, date, time, national number) starts with: its ids,
 * the typing buffer committing to the control's path, and the props of BufferedTextField that
 * come straight from the control's own (`field`, to spread).
 */
export function useTypedField(
  props: RegformsControlProps,
  options: {
    toText: (data: unknown) => string;
    decide: (text: string, final: boolean) => CommitDecision;
    live?: boolean;
  },
) {
  const { id, data, path, handleChange, label, description, required, enabled } = props;
  const ids = useFieldIds(id);
  const commit = useCallback((v: unknown) => handleChange(path, v), [handleChange, path]);
  const buffer = useBufferedText({ ...options, data, commit });
  return { ids, buffer, field: { ids, buffer, label, description, required, enabled } };
}

/**
 * The error a typed control shows: its own check of what is typed (`invalid`: the field's
 * message for `keyword`, else the form's, else `fallback`) before the validator's.
 */
export function typedError(
  props: RegformsControlProps,
  invalid: boolean,
  keyword: string,
  fallback: string,
): string | undefined {
  const local = invalid
    ? errorMessage(props.t, i18nKeyOf(props.uischema, props.path), keyword, fallback)
    : undefined;
  return shownError(local, props.errors);
}

/**
 * A text of the renderer itself in the form language: the compiled form's bundle when it has
 * the key (a registry may reword it; `{name}` filled in), else the renderer's own catalog.
 */
export function uiText(
  t: Translate,
  locale: string,
  key: RendererMessageKey,
  values: Record<string, string | number> = {},
) {
  const own = t(key, undefined as unknown as string, values);
  return own !== undefined && own !== key ? fillText(own, values) : rendererText(locale, key, values);
}
