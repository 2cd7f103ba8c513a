/*
 * A layout's elements (a section's body, a group's fields), each through JSON Forms' dispatch,
 * each behind its own view of JSON Forms' context.
 *
 * Why: JSON Forms keeps the whole form state in one React context, so every committed value
 * re-renders every control of the section (each maps the whole state to its props again), and
 * a section of 50 fields then costs milliseconds per keystroke for one changed field. Here each
 * element is given the current context only when something it reads changed: the values at its
 * controls' paths, the fields its rules test (read from the rule's condition), or anything in
 * the context besides the data (schema, errors, language, read-only…). Otherwise it keeps the
 * context it last rendered with, which React sees as unchanged, and the element is skipped.
 */

import type { LayoutProps } from '@jsonforms/core';
import { composePaths, type JsonFormsCore, Resolve, type UISchemaElement } from '@jsonforms/core';
import {
  JsonFormsContext,
  JsonFormsDispatch,
  type JsonFormsStateContext,
  useJsonForms,
} from '@jsonforms/react';
import { memo, useRef } from 'react';
import { ALL_DATA, type DataRead, dataReadBy } from '../session/reads.ts';
import { shownCommitsOf } from './shown-commits.ts';

/** JSON Forms makes a new empty error list on every change when it does not validate itself. */
const isEmpty = (v: unknown) => Array.isArray(v) && v.length === 0;

/** Everything in the context but the data is the same object (or both are no errors). */
function sameButData(a: JsonFormsStateContext, b: JsonFormsStateContext): boolean {
  for (const key of Object.keys(b) as (keyof JsonFormsStateContext)[])
    if (key !== 'core' && a[key] !== b[key]) return false;
  const x = (a.core ?? {}) as JsonFormsCore;
  const y = (b.core ?? {}) as JsonFormsCore;
  for (const key of Object.keys(y) as (keyof JsonFormsCore)[])
    if (key !== 'data' && x[key] !== y[key] && !(isEmpty(x[key]) && isEmpty(y[key]))) return false;
  return Object.keys(x).length === Object.keys(y).length && Object.keys(a).length === Object.keys(b).length;
}

/**
 * The context an element last rendered with, the values it read then, when (ShownCommits), and
 * its generation: a new one mounts the element afresh.
 */
interface Given {
  ctx: JsonFormsStateContext;
  values: unknown[];
  serial: number;
  generation: number;
}

function valuesRead(ctx: JsonFormsStateContext, path: string, reads: readonly string[]): unknown[] {
  const data = ctx.core?.data;
  return reads.map((rel) => Resolve.data(data, composePaths(path, rel)));
}

/** The context to give an element: the one it has when nothing it reads changed. */
export function contextFor(
  given: Given | undefined,
  ctx: JsonFormsStateContext,
  path: string,
  reads: DataRead,
): Given {
  const shown = shownCommitsOf(ctx);
  const serial = shown?.serial ?? 0;
  const generation = given?.generation ?? 0;
  if (reads === ALL_DATA) return given?.ctx === ctx ? given : { ctx, values: [], serial, generation };
  const values = valuesRead(ctx, path, reads);
  const same = values.every((v, i) => Object.is(v, given?.values[i]));
  // The values it reads that were taken without a render since it last rendered.
  const taken =
    given && shown && serial > given.serial
      ? reads.flatMap((r, i) => {
          const t = shown.at.get(composePaths(path, r));
          return t && t.serial > given.serial ? [{ i, value: t.value }] : [];
        })
      : [];
  if (given && taken.length === 0 && same && sameButData(given.ctx, ctx)) return given;
  // Put back from outside to what the element last rendered with: its controls would be given
  // the very props they had (and skip the render) while their inputs show the value taken.
  const putBack = same && taken.some(({ i, value }) => !Object.is(values[i], value));
  return { ctx, values, serial, generation: putBack ? generation + 1 : generation };
}

/** One element through JSON Forms' dispatch; skipped when its props and its context are the same. */
const Child = memo(function Child(props: {
  uischema: UISchemaElement;
  schema: LayoutProps['schema'];
  path: string;
  enabled: boolean;
  renderers: LayoutProps['renderers'];
  cells: LayoutProps['cells'];
}) {
  return <JsonFormsDispatch {...props} />;
});

/** A layout's elements (vertical layouts and groups), each behind its own view of the context. */
export function LayoutChildren(props: {
  elements: UISchemaElement[];
  schema: LayoutProps['schema'];
  path: string;
  enabled: boolean;
  renderers: LayoutProps['renderers'];
  cells: LayoutProps['cells'];
  /** JSON Forms' context when it is not the one above (a section's state, see SectionJsonForms). */
  context?: JsonFormsStateContext;
}) {
  const { elements, schema, path, enabled, renderers, cells } = props;
  const above = useJsonForms();
  const ctx = props.context ?? above;
  const given = useRef<(Given | undefined)[]>([]);
  return elements.map((child, i) => {
    const now = contextFor(given.current[i], ctx, path, dataReadBy(child));
    given.current[i] = now;
    return (
      // The elements of a compiled UI schema never move: their index (and generation) is a stable key.
      <JsonFormsContext.Provider key={`${i}.${now.generation}`} value={now.ctx}>
        <Child
          uischema={child}
          schema={schema}
          path={path}
          enabled={enabled}
          renderers={renderers}
          cells={cells}
        />
      </JsonFormsContext.Provider>
    );
  });
}
