import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useCallback } from 'react';
import { type BufferedText, describedBy, FieldHelp, requiredInput } from './common.tsx';

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
  const { ids, buffer, label, description, required, enabled, error, format, onLeave } = props;
  const outer = props.inputRef;
  const setInput = useCallback(
    (el: HTMLInputElement | HTMLTextAreaElement | null) => {
      buffer.inputRef.current = el;
      if (outer) outer.current = el as HTMLInputElement | null;
    },
    [buffer.inputRef, outer],
  );
  const described =
    [describedBy(ids, error, description), props.describedByExtra ?? ''].filter(Boolean).join(' ') ||
    undefined;
  const value = buffer.live ? { value: buffer.text } : { defaultValue: buffer.text };
  return (
    <>
      <TextField
        // A new input when data from outside replaces an uncontrolled input's text (see useBufferedText).
        key={buffer.version}
        id={ids.input}
        label={label}
        required={required}
        disabled={!enabled}
        {...props.field}
        {...value}
        error={Boolean(error)}
        inputRef={setInput}
        onChange={(e) => {
          const raw = e.target.value;
          buffer.setText(format ? format(buffer.current(), raw, e.target) : raw);
        }}
        onBlur={() => {
          onLeave?.();
          buffer.flush();
        }}
        slotProps={{
          ...props.slotProps,
          htmlInput: { ...requiredInput(required), ...props.htmlInput, 'aria-describedby': described },
        }}
      />
      <FieldHelp ids={ids} error={error} help={description} />
    </>
  );
}
