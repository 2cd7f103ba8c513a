import type { GroupLayout, LayoutProps, RankedTester } from '@jsonforms/core';
import { type TranslateProps, withJsonFormsLayoutProps, withTranslateProps } from '@jsonforms/react';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { memo, useId } from 'react';
import { optionsOf, type Translate, tr } from './common.tsx';
import { LayoutChildren } from './layout-children.tsx';

/** Group rank: above the stock Group layout (1). */
export const GROUP_RANK = 30;

/**
 * A sub-section of the form: a titled region (its title in the form language, from the
 * compiler's options.i18n key, which the stock Group does not read) with its fields.
 */
export const GroupRenderer = memo(function GroupRenderer(props: LayoutProps & TranslateProps) {
  const { uischema, schema, path, enabled, visible, renderers, cells } = props;
  const t = props.t as Translate;
  const group = uischema as GroupLayout;
  const key = optionsOf(group).i18n;
  const fallback = typeof group.label === 'string' ? group.label : '';
  const title = key ? tr(t, `${key}.label`, fallback) : fallback;
  if (!visible) return null;
  // The layout props carry the data, which changes on every commit; the body does not need it,
  // so it is a separate memoised component that renders again only when what it shows changes.
  return (
    <GroupBody
      group={group}
      title={title}
      schema={schema}
      path={path}
      enabled={enabled}
      renderers={renderers}
      cells={cells}
    />
  );
});

const GroupBody = memo(function GroupBody(props: {
  group: GroupLayout;
  title: string;
  schema: LayoutProps['schema'];
  path: string;
  enabled: boolean;
  renderers: LayoutProps['renderers'];
  cells: LayoutProps['cells'];
}) {
  const { group, title, schema, path, enabled, renderers, cells } = props;
  const headingId = useId();
  return (
    <Paper
      component="section"
      variant="outlined"
      className="regforms-group"
      aria-labelledby={title ? headingId : undefined}
      sx={GROUP_SX}
    >
      {title ? (
        <Typography id={headingId} component="h3" variant="subtitle1" sx={TITLE_SX}>
          {title}
        </Typography>
      ) : null}
      <LayoutChildren
        elements={group.elements}
        schema={schema}
        path={path}
        enabled={enabled}
        renderers={renderers}
        cells={cells}
      />
    </Paper>
  );
});

const GROUP_SX = { p: 2, my: 2 } as const;
const TITLE_SX = { fontWeight: 600, mb: 1 } as const;

/** Matches Group layouts that carry the compiler's i18n key. */
export const groupRendererTester: RankedTester = (uischema) =>
  uischema?.type === 'Group' && typeof optionsOf(uischema).i18n === 'string' ? GROUP_RANK : -1;

export default withJsonFormsLayoutProps(withTranslateProps(GroupRenderer), false);
