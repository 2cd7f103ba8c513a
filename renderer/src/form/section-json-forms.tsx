/*
 * JSON Forms on the section on screen: what <JsonForms> does (its state, its reducer, the
 * middleware, the props applied as they change), with the section's elements laid out by
 * LayoutChildren directly.
 *
 * Why not <JsonForms>: it keeps its state in React state and hands it down in one context, so
 * every committed value changes a context provider above every element of the section. React
 * then re-checks, level by level, each element below that provider for that context (its lazy
 * propagation walks from every skipped element up to the changed provider, then down to the
 * next component that reads the context), although LayoutChildren gives an unchanged element
 * the very context it had: on a section of 50 fields, about 150 components re-run and bail out
 * at each commit. Here the state is a small store outside React: a commit renders the section's
 * body (subscribed to the store) and the elements whose values changed, and no provider above
 * them changes. And a typed value the input already shows, of a field nothing else in the
 * section reads, is taken without rendering anything (renderers/shown-commits.ts).
 */

import {
  Actions,
  type CoreActions,
  configReducer,
  coreReducer,
  i18nReducer,
  type JsonFormsCellRendererRegistryEntry,
  type JsonFormsCore,
  type JsonFormsI18nState,
  type JsonFormsRendererRegistryEntry,
  type JsonSchema,
  type Middleware,
  Resolve,
  type UISchemaElement,
  UPDATE_DATA,
} from '@jsonforms/core';
import type { JsonFormsStateContext } from '@jsonforms/react';
import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { memo, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { LayoutChildren } from '../renderers/layout-children.tsx';
import { type ShownCommits, shownCommitUnderWay } from '../renderers/shown-commits.ts';
import { soleControlFields } from '../session/reads.ts';

/** JSON Forms' core state outside React: dispatch runs the middleware and the core reducer. */
interface CoreStore {
  get(): JsonFormsCore;
  dispatch(action: CoreActions): void;
  subscribe(listener: () => void): () => void;
}

/**
 * `fields`: the section's fields that only their own control reads (soleControlFields). A
 * shown commit of one of those, changing nothing else, is taken without telling the section.
 */
function coreStore(
  initial: JsonFormsCore,
  middleware: () => Middleware,
  fields: () => ReadonlySet<string>,
  shown: ShownCommits,
): CoreStore {
  let core = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => core,
    dispatch(action) {
      const before = core;
      const next = middleware()(core, action, coreReducer);
      if (next === core) return;
      core = next;
      const commit = shownCommitUnderWay();
      if (
        commit &&
        action.type === UPDATE_DATA &&
        fields().has(action.path) &&
        changedOnlyAt(before.data, next.data, action.path)
      ) {
        shown.at.set(action.path, { serial: ++shown.serial, value: Resolve.data(next.data, action.path) });
        commit.taken = true;
        return;
      }
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The data differ at most at the top-level field `at` (a computed value changed nothing else). */
function changedOnlyAt(before: unknown, after: unknown, at: string): boolean {
  if (typeof before !== 'object' || typeof after !== 'object' || !before || !after) return false;
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  for (const key in b) if (key !== at && !Object.is(a[key], b[key])) return false;
  for (const key in a) if (key !== at && !(key in b)) return false;
  return true;
}

export interface SectionJsonFormsProps {
  schema: JsonSchema;
  /** The section's elements, laid out one under the other. */
  elements: UISchemaElement[];
  data: unknown;
  renderers: JsonFormsRendererRegistryEntry[];
  cells?: JsonFormsCellRendererRegistryEntry[];
  ajv: Ajv;
  i18n: Required<Pick<JsonFormsI18nState, 'locale' | 'translate' | 'translateError'>>;
  readonly: boolean;
  additionalErrors: ErrorObject[];
  middleware: Middleware;
}

/** Validation is the session's (the compiled validators): JSON Forms itself validates nothing. */
const VALIDATION = 'NoValidation';

export function SectionJsonForms(props: SectionJsonFormsProps) {
  const { schema, elements, data, renderers, cells, ajv, i18n, readonly, additionalErrors } = props;
  const middleware = useRef(props.middleware);
  middleware.current = props.middleware;
  // The root layout JSON Forms would make of the elements (what its reducer keeps as the UI schema).
  const uischema = useMemo(() => ({ type: 'VerticalLayout', elements }) as UISchemaElement, [elements]);
  const fields = useMemo(() => soleControlFields(elements), [elements]);
  const currentFields = useRef(fields);
  currentFields.current = fields;
  const [shown] = useState<ShownCommits>(() => ({ serial: 0, at: new Map() }));
  const [store] = useState(() => {
    const options = { ajv, validationMode: VALIDATION, additionalErrors } as const;
    const initial = { data, schema, uischema, ...options } as JsonFormsCore;
    return coreStore(
      middleware.current(initial, Actions.init(data, schema, uischema, options), coreReducer),
      () => middleware.current,
      () => currentFields.current,
      shown,
    );
  });
  // New props are applied as <JsonForms> applies them (its updateCore), before the frame is
  // painted. Unchanged props leave the state as it is.
  useLayoutEffect(() => {
    store.dispatch(
      Actions.updateCore(data, schema, uischema, { ajv, validationMode: VALIDATION, additionalErrors }),
    );
  }, [store, data, schema, uischema, ajv, additionalErrors]);
  const [config] = useState(() => configReducer(undefined, Actions.setConfig(undefined)));
  const { locale, translate, translateError } = i18n;
  const i18nState = useMemo(
    () => i18nReducer(undefined, Actions.updateI18n(locale, translate, translateError)),
    [locale, translate, translateError],
  );
  // Everything in JSON Forms' context but the core state.
  const around = useMemo(
    () => ({
      renderers,
      cells,
      config,
      readonly,
      i18n: i18nState,
      dispatch: store.dispatch,
      shownCommits: shown,
    }),
    [renderers, cells, config, readonly, i18nState, store, shown],
  );
  return <SectionBody store={store} around={around} elements={elements} />;
}

type Around = Omit<JsonFormsStateContext, 'core'>;

/** The section's elements with JSON Forms' context as it is now: renders again at each commit. */
const SectionBody = memo(function SectionBody(props: {
  store: CoreStore;
  around: Around;
  elements: UISchemaElement[];
}) {
  const { store, around, elements } = props;
  const core = useSyncExternalStore(store.subscribe, store.get, store.get);
  const ctx = useMemo(() => ({ ...around, core }) as JsonFormsStateContext, [around, core]);
  return (
    <div className="regforms-layout">
      <LayoutChildren
        context={ctx}
        elements={elements}
        schema={core.schema}
        path=""
        enabled={!around.readonly}
        renderers={around.renderers}
        cells={around.cells}
      />
    </div>
  );
});
