import type { LayoutProps, RankedTester, VerticalLayout as VerticalLayoutElement } from '@jsonforms/core';
import { withJsonFormsLayoutProps } from '@jsonforms/react';
import { memo } from 'react';
import { LayoutChildren } from './layout-children.tsx';

/** Above the stock vertical layout (1). */
export const VERTICAL_LAYOUT_RANK = 30;

/**
 * Elements one under the other (a section's body, a field with two rules). Ours rather than
 * the stock one so the element does not load the stock renderers at all; the spacing is the
 * fields' own (`.regforms-control`).
 */
export const VerticalLayout = memo(function VerticalLayout(props: LayoutProps) {
  const { uischema, schema, path, enabled, visible, renderers, cells } = props;
  if (!visible) return null;
  return (
    <div className="regforms-layout">
      <LayoutChildren
        elements={(uischema as VerticalLayoutElement).elements}
        schema={schema}
        path={path}
        enabled={enabled}
        renderers={renderers}
        cells={cells}
      />
    </div>
  );
});

export const verticalLayoutTester: RankedTester = (uischema) =>
  uischema?.type === 'VerticalLayout' ? VERTICAL_LAYOUT_RANK : -1;

export default withJsonFormsLayoutProps(VerticalLayout, false);
