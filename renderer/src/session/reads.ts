/*
 * What the parts of a compiled UI schema read from the data: the values at their controls'
 * paths and the fields their rules test. Views use it to redo only what a change concerns
 * (a layout's element, a section's status) instead of everything on every keystroke.
 */
import { type Condition, toDataPath, type UISchemaElement } from '@jsonforms/core';
import { propertiesTested } from '@regforms/runtime';

/** An element that may read any of the data (a rule whose condition cannot be read here). */
export const ALL_DATA = 'all data';
/** The data paths an element reads, relative to its layout's path, or ALL_DATA. */
export type DataRead = readonly string[] | typeof ALL_DATA;

interface AnyCondition {
  type?: string;
  scope?: string;
  schema?: unknown;
  conditions?: AnyCondition[];
}

/** The paths a rule's condition reads (relative to the element's path); false when unknown. */
function conditionReads(condition: AnyCondition, into: Set<string>): boolean {
  if (condition.type === 'OR' || condition.type === 'AND')
    return (condition.conditions ?? []).every((c) => conditionReads(c, into));
  if (typeof condition.scope !== 'string') return false;
  const at = toDataPath(condition.scope);
  // A condition on one field reads that field whatever its schema says.
  if (at !== '') {
    into.add(at);
    return true;
  }
  const fields = new Set<string>();
  if (condition.schema === undefined || !propertiesTested(condition.schema, fields)) return false;
  for (const f of fields) into.add(f);
  return true;
}

interface Element {
  type: string;
  scope?: string;
  rule?: { condition?: Condition };
  elements?: Element[];
}

/**
 * Walks an element and everything inside it: the fields its rules test go into `tested`, the
 * path of each control (for a repeat, its items, whose fields render inside it) to `control`.
 * False when a rule may read any of the data.
 */
function walkReads(el: Element, tested: Set<string>, control: (at: string) => void): boolean {
  if (el.rule?.condition && !conditionReads(el.rule.condition as AnyCondition, tested)) return false;
  if (el.type === 'Control' && typeof el.scope === 'string') control(toDataPath(el.scope));
  return (el.elements ?? []).every((child) => walkReads(child, tested, control));
}

const readsByElement = new WeakMap<object, DataRead>();

/** What an element and everything inside it read from the data (computed once per element). */
export function dataReadBy(element: UISchemaElement): DataRead {
  let found = readsByElement.get(element);
  if (found === undefined) {
    const into = new Set<string>();
    found = walkReads(element as unknown as Element, into, (at) => into.add(at)) ? [...into] : ALL_DATA;
    readsByElement.set(element, found);
  }
  return found;
}

/**
 * The top-level fields of a layout's elements that one control reads and nothing else does (no
 * rule tests them, no other control shows them): what that control shows of such a field is
 * all the layout shows of it. Empty when a rule may read any of the data.
 */
export function soleControlFields(elements: readonly UISchemaElement[]): ReadonlySet<string> {
  const controls = new Map<string, number>();
  const tested = new Set<string>();
  const count = (at: string) => controls.set(at, (controls.get(at) ?? 0) + 1);
  if (!elements.every((el) => walkReads(el as unknown as Element, tested, count))) return new Set();
  return new Set(
    [...controls].filter(([at, n]) => n === 1 && !tested.has(at) && !at.includes('.')).map(([at]) => at),
  );
}
