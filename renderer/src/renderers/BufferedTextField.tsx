import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { isValidElement, useCallback, useMemo, useRef } from 'react';
import { type BufferedText, describedBy, FieldForm, FieldHelp, requiredInput } from './common.tsx';

/**
 * The input of every typed regforms control (text, number, date, time, national number): one
 * MUI TextField buffered by useBufferedText, its error and help text under it, required and
 * described-by wiring for screen readers. `format(previous, raw)` reformats what was typed
 * (separators, digits only); `onLeave` runs on blur before the commit.
 */
export function BufferedTextField(props: {
  ids: { input: string; error: string; help: string };
  buffer: BufferedText;
  label: string;
  description: string | undefined;
  required: boolean | undefined;
  enabled: boolean;
  error: string | undefined;
  format?: (previous: string, raw: string, input: HTMLInputElement | HTMLTextAreaElement) => string;
  onLeave?: () => void;
  /** Also receives the input element (caret handling, focus after a calendar). */
  inputRef?: { current: HTMLInputElement | null };
  /** Extra ids the input is described by (a unit beside it). */
  describedByExtra?: string;
  htmlInput?: Record<string, unknown>;
  slotProps?: Pick<NonNullable<TextFieldProps['slotProps']>, 'input' | 'inputLabel'>;
  field?: Pick<TextFieldProps, 'fullWidth' | 'multiline' | 'minRows' | 'placeholder' | 'sx'>;
}) {
  const { ids, buffer, label, description, required, enabled, error } = props;
  const outer = props.inputRef;
  const setInput = useCallback(
    (el: HTMLInputElement | HTMLTextAreaElement | null) => {
      buffer.inputRef.current = el;
      if (outer) outer.current = el as HTMLInputElement | null;
    },
    [buffer.inputRef, outer],
  );
  // The handlers read the latest props: they keep their identity, so the field below is the
  // same element from one render to the next unless something it shows changed.
  const latest = useRef(props);
  latest.current = props;
  const onChange = useCallback((e: { target: HTMLInputElement | HTMLTextAreaElement }) => {
    const { buffer, format } = latest.current;
    const raw = e.target.value;
    buffer.setText(format ? format(buffer.current(), raw, e.target) : raw);
  }, []);
  const onBlur = useCallback(() => {
    latest.current.onLeave?.();
    latest.current.buffer.flush();
  }, []);
  const described =
    [describedBy(ids, error, description), props.describedByExtra ?? ''].filter(Boolean).join(' ') ||
    undefined;
  const shown = buffer.live ? buffer.text : undefined;
  const initial = buffer.live ? undefined : buffer.text;
  const field = useSameData(props.field);
  const slotProps = useSameData(props.slotProps);
  const htmlInput = useSameData(props.htmlInput);
  /*
   * Speed: a commit renders the control again (its data changed) but rarely what the input
   * shows, which the browser already holds (the input is uncontrolled unless `live`). The MUI
   * field (a dozen styled components) is then the same element, which React skips.
   */
  const input = useMemo(
    () => (
      <TextField
        // A new input when data from outside replaces an uncontrolled input's text (see useBufferedText).
        key={buffer.version}
        id={ids.input}
        label={label}
        required={required}
        disabled={!enabled}
        {...field}
        {...(shown !== undefined ? { value: shown } : { defaultValue: initial })}
        error={Boolean(error)}
        inputRef={setInput}
        onChange={onChange}
        onBlur={onBlur}
        slotProps={{
          ...slotProps,
          htmlInput: { ...requiredInput(required), ...htmlInput, 'aria-describedby': described },
        }}
      />
    ),
    [
      buffer.version,
      ids.input,
      label,
      required,
      enabled,
      field,
      shown,
      initial,
      error,
      setInput,
      onChange,
      onBlur,
      slotProps,
      htmlInput,
      described,
    ],
  );
  return (
    <FieldForm>
      {input}
      <FieldHelp ids={ids} error={error} help={description} />
    </FieldForm>
  );
}

/** Plain data (objects, arrays, primitives) compare by content; anything else by identity. */
function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const plain = (v: object) =>
    Array.isArray(v) || (Object.getPrototypeOf(v) === Object.prototype && !isValidElement(v));
  if (!plain(a) || !plain(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** The value of the previous render when it holds the same data (options written inline by a control). */
function useSameData<T>(value: T): T {
  const kept = useRef(value);
  if (!sameData(kept.current, value)) kept.current = value;
  return kept.current;
}
