import type { JsonSchema, RankedTester, UISchemaElement } from '@jsonforms/core';
import { composePaths, getControlPath } from '@jsonforms/core';
import {
  JsonFormsDispatch,
  useJsonForms,
  withJsonFormsControlProps,
  withTranslateProps,
} from '@jsonforms/react';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { RegistrationData } from '@regforms/runtime';
import { memo, useCallback, useContext, useEffect, useId, useMemo, useRef } from 'react';
import { requiredInItem } from '../session/sections.ts';
import {
  CompiledFormContext,
  controlTester,
  FieldHelp,
  i18nKeyOf,
  optionsOf,
  type RegformsControlProps,
  type Translate,
  tr,
  uiText,
  useFieldIds,
} from './common.tsx';

/** Repeat rank: above the stock array controls (table 3, array layout 4). */
export const REPEAT_RANK = 30;

/** The smallest and largest number of items: the schema's, else the UI options' (numbers only). */
export function repeatBounds(schema: JsonSchema, uischema: UISchemaElement): { min: number; max: number } {
  const o = optionsOf(uischema);
  const min = schema.minItems ?? (typeof o.min === 'number' ? o.min : 0);
  const max = schema.maxItems ?? (typeof o.max === 'number' ? o.max : Number.POSITIVE_INFINITY);
  return { min, max };
}

/** The repeat's "another item follows?" field (`next` in the UI options), if it has one. */
export function nextOf(
  uischema: UISchemaElement,
): { name: string; yes: string | boolean; no: string | boolean } | undefined {
  const n = optionsOf(uischema).next;
  if (!n || typeof n.name !== 'string') return undefined;
  const value = (v: unknown) => (typeof v === 'boolean' ? v : String(v));
  return { name: n.name, yes: value(n.yes), no: value(n.no) };
}

/** The item layout without the control of one field (by its scope). */
export function withoutControl(
  detail: UISchemaElement | undefined,
  name: string | undefined,
): UISchemaElement | undefined {
  if (!detail || !name) return detail;
  const scope = `#/properties/${name}`;
  const strip = (el: UISchemaElement): UISchemaElement | undefined => {
    if ((el as { scope?: string }).scope === scope) return undefined;
    const elements = (el as { elements?: UISchemaElement[] }).elements;
    if (!elements) return el;
    return {
      ...el,
      elements: elements.map(strip).filter((e): e is UISchemaElement => !!e),
    } as UISchemaElement;
  };
  return strip(detail);
}

function withAnswer(items: unknown[], index: number, name: string, value: unknown): unknown[] {
  return items.map((item, i) =>
    i === index ? { ...((item ?? {}) as Record<string, unknown>), [name]: value } : item,
  );
}

type FormErrorLike = Parameters<typeof getControlPath>[0];

/** How many errors lie inside the item at `itemPath` (validation errors and the form's own). */
export function countItemErrors(errors: FormErrorLike[], itemPath: string): number {
  let n = 0;
  for (const e of errors) {
    const p = getControlPath(e);
    if (p === itemPath || p.startsWith(`${itemPath}.`)) n++;
  }
  return n;
}

/** The error count of one item; only this small part re-renders when errors change elsewhere. */
function ItemErrorCount(props: { itemPath: string; t: Translate; locale: string }) {
  const ctx = useJsonForms();
  const core = ctx.core as { errors?: FormErrorLike[]; additionalErrors?: FormErrorLike[] } | undefined;
  const n = countItemErrors([...(core?.errors ?? []), ...(core?.additionalErrors ?? [])], props.itemPath);
  if (!n) return null;
  return (
    <Chip
      size="small"
      color="error"
      variant="outlined"
      label={uiText(props.t, props.locale, 'repeat.errors', { count: n })}
    />
  );
}

/**
 * A repeat (e.g. up to 5 PCI procedures): one numbered card per item with its own fields
 * (rendered by JSON Forms, so rules inside an item are evaluated against that item), add and
 * remove buttons that respect the minimum and maximum, and each item's error count.
 */
export const RepeatControl = memo(function RepeatControl(props: RegformsControlProps) {
  const {
    id,
    data,
    path,
    handleChange,
    label,
    description,
    errors,
    enabled,
    visible,
    uischema,
    schema,
    required,
  } = props;
  const { t, locale } = props;
  const ids = useFieldIds(id);
  const headingBase = useId();
  const items = Array.isArray(data) ? (data as unknown[]) : [];
  const count = items.length;
  const { min, max } = repeatBounds(schema, uischema);
  const key = i18nKeyOf(uischema, path);
  const itemLabel = tr(t, `${key}.item`, label);
  const addText = tr(t, 'repeat.add', 'Add');
  const removeText = tr(t, 'repeat.remove', 'Remove');
  const detail = optionsOf(uischema).detail;
  const next = nextOf(uischema);
  // The "another one follows?" question is not asked in the last possible item.
  const lastDetail = useMemo(() => withoutControl(detail, next?.name), [detail, next?.name]);
  const itemSchema = schema.items as JsonSchema;
  const repeatName = path.split('.').pop() ?? path;

  // Stable React keys per item, so removing item 1 does not hand item 2's inputs to item 1.
  const keys = useRef<number[]>([]);
  const nextKey = useRef(0);
  while (keys.current.length < count) keys.current.push(nextKey.current++);
  if (keys.current.length > count) keys.current.length = count;

  const focusItem = useRef<number | null>(null);
  useEffect(() => {
    if (focusItem.current === null) return;
    document.getElementById(`${headingBase}-${focusItem.current}`)?.focus();
    focusItem.current = null;
  });

  const add = () => {
    focusItem.current = count;
    // Adding an item answers the previous one's "another one follows?" with yes.
    const before = next && count > 0 ? withAnswer(items, count - 1, next.name, next.yes) : items;
    handleChange(path, [...before, {}]);
  };
  // Stable, so that the memoised items do not render again when another item's value changes.
  const latest = useRef({ items, path, handleChange, next });
  latest.current = { items, path, handleChange, next };
  const remove = useCallback((i: number) => {
    const { items, path, handleChange, next: nextField } = latest.current;
    keys.current.splice(i, 1);
    let rest = items.filter((_, j) => j !== i);
    // Removing the last item: the one before it is now the last, nothing follows it.
    if (nextField && i === items.length - 1 && rest.length > 0)
      rest = withAnswer(rest, rest.length - 1, nextField.name, nextField.no);
    focusItem.current = rest.length ? Math.min(i, rest.length - 1) : null;
    handleChange(path, rest.length ? rest : undefined);
  }, []);

  const error = errors ? errors : undefined;
  if (!visible) return null;
  return (
    <Box
      component="section"
      className="regforms-control regforms-repeat"
      aria-labelledby={`${ids.input}-label`}
      sx={REPEAT_SX}
    >
      <Typography id={`${ids.input}-label`} component="h3" variant="subtitle1" sx={TITLE_SX}>
        {label}
        {required ? ' *' : ''}
      </Typography>
      <FieldHelp ids={ids} error={error} help={description} />
      {count === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {uiText(t, locale, 'repeat.empty')}
        </Typography>
      ) : null}
      {items.map((_, i) => (
        <RepeatItem
          key={keys.current[i]}
          index={i}
          itemPath={composePaths(path, String(i))}
          headingId={`${headingBase}-${i}`}
          heading={`${itemLabel} ${i + 1}`}
          removeText={removeText}
          enabled={enabled}
          canRemove={count > min}
          onRemove={remove}
          detail={i === max - 1 ? lastDetail : detail}
          itemSchema={itemSchema}
          item={items[i]}
          repeat={repeatName}
          t={t}
          locale={locale}
        />
      ))}
      {enabled ? (
        <Button
          // The add button carries the field's input id: "go to the error" of a repeat with too
          // few items lands where the user fixes it.
          id={ids.input}
          variant="outlined"
          size="small"
          startIcon={<AddIcon />}
          disabled={count >= max}
          aria-label={`${addText} ${itemLabel}`}
          onClick={add}
        >
          {addText}
        </Button>
      ) : null}
    </Box>
  );
});

/** One item of a repeat: its numbered heading, error count, remove button and fields. */
const RepeatItem = memo(function RepeatItem(props: {
  index: number;
  itemPath: string;
  headingId: string;
  heading: string;
  removeText: string;
  enabled: boolean;
  canRemove: boolean;
  onRemove: (index: number) => void;
  detail: UISchemaElement | undefined;
  itemSchema: JsonSchema;
  /** The item's data and the repeat's technical name: which of its fields are required now. */
  item: unknown;
  repeat: string;
  t: Translate;
  locale: string;
}) {
  const {
    index,
    itemPath,
    headingId,
    heading,
    removeText,
    enabled,
    canRemove,
    onRemove,
    detail,
    itemSchema,
  } = props;
  // The item's schema says which of its fields are required for this item's answers (a field
  // required only when shown): JSON Forms marks each control from it, as the validator decides.
  const form = useContext(CompiledFormContext);
  const required = form
    ? requiredInItem(form, props.repeat, (props.item ?? {}) as RegistrationData).join('\n')
    : undefined;
  const schema = useMemo(
    () =>
      required === undefined ? itemSchema : { ...itemSchema, required: required ? required.split('\n') : [] },
    [itemSchema, required],
  );
  return (
    <Paper
      component="section"
      variant="outlined"
      className="regforms-repeat-item"
      aria-labelledby={headingId}
      sx={ITEM_SX}
    >
      <Box sx={ITEM_HEADER_SX}>
        <Typography id={headingId} component="h4" variant="subtitle2" tabIndex={-1} sx={GROW_SX}>
          {heading}
        </Typography>
        <ItemErrorCount itemPath={itemPath} t={props.t} locale={props.locale} />
        {enabled ? (
          <Button
            size="small"
            color="error"
            startIcon={<DeleteIcon />}
            disabled={!canRemove}
            aria-label={`${removeText} ${heading}`}
            onClick={() => onRemove(index)}
          >
            {removeText}
          </Button>
        ) : null}
      </Box>
      {detail ? (
        <JsonFormsDispatch schema={schema} uischema={detail} path={itemPath} enabled={enabled} />
      ) : null}
    </Paper>
  );
});

// Constant style objects: MUI does not have to rebuild them when an item renders again.
const REPEAT_SX = { my: 2 } as const;
const TITLE_SX = { fontWeight: 600 } as const;
const ITEM_SX = { p: 2, my: 1 } as const;
const ITEM_HEADER_SX = { display: 'flex', alignItems: 'center', gap: 1, mb: 1 } as const;
const GROW_SX = { flexGrow: 1 } as const;

/** Matches repeats: an array of objects with a detail layout (fieldType repeat). */
export const repeatControlTester: RankedTester = controlTester(REPEAT_RANK, (o, s) => {
  if (s?.type !== 'array') return false;
  const items = s.items as JsonSchema | undefined;
  if (!items || Array.isArray(items) || items.type !== 'object') return false;
  return (o.fieldType === 'repeat' || o.fieldType === undefined) && o.detail !== undefined;
});

export default withJsonFormsControlProps(withTranslateProps(RepeatControl), false);
