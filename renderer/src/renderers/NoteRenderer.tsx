import type { LabelElement, LabelProps, RankedTester, UISchemaElement } from '@jsonforms/core';
import { type TranslateProps, withJsonFormsLabelProps, withTranslateProps } from '@jsonforms/react';
import Typography from '@mui/material/Typography';
import { memo } from 'react';
import { optionsOf, type Translate, tr } from './common.tsx';

/** Note rank: above the stock Label renderer (1). */
export const NOTE_RANK = 30;

/**
 * A note of the definition (a Label element): its text in the form language. The compiler puts
 * the i18n key in options (JSON Forms only looks at a top-level `i18n`), so the stock Label
 * would stay in the default language when the language is switched.
 */
export const NoteRenderer = memo(function NoteRenderer(
  props: LabelProps & TranslateProps & { uischema: UISchemaElement },
) {
  const t = props.t as Translate;
  const key = optionsOf(props.uischema).i18n;
  const fallback = (props.uischema as LabelElement).text ?? props.text ?? '';
  const text = key ? tr(t, `${key}.text`, fallback) : fallback;
  if (!props.visible) return null;
  return (
    <Typography variant="body2" className="regforms-note" sx={{ my: 1, whiteSpace: 'pre-line' }}>
      {text}
    </Typography>
  );
});

/** Matches Label elements that carry the compiler's i18n key. */
export const noteRendererTester: RankedTester = (uischema) =>
  uischema?.type === 'Label' && typeof optionsOf(uischema).i18n === 'string' ? NOTE_RANK : -1;

export default withJsonFormsLabelProps(withTranslateProps(NoteRenderer), false);
