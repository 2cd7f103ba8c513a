import type { Field, Section, Source, Version } from './model.ts';

/** A field with its context in a form: the repeat it belongs to and the sections around it. */
export interface FieldInfo {
  field: Field;
  /** The repeat whose item holds this field, if any. */
  repeat?: Field;
  /** Sections from the outermost to the innermost. */
  sections: Section[];
}

/** Every field of a version in form order, repeat items' fields right after their repeat. */
export function fieldsOf(version: Version): FieldInfo[] {
  const out: FieldInfo[] = [];
  const addFields = (fields: Field[], sections: Section[], repeat?: Field) => {
    for (const field of fields) {
      out.push({ field, repeat, sections });
      if (field.type === 'repeat') addFields(field.fields ?? [], sections, field);
    }
  };
  const walk = (list: Section[], trail: Section[]) => {
    for (const s of list) {
      const sections = [...trail, s];
      addFields(s.fields, sections);
      walk(s.sections, sections);
    }
  };
  walk(version.sections, []);
  return out;
}

/** Every section of a version, depth first, with its ancestors. */
export function sectionsOf(version: Version): { section: Section; ancestors: Section[] }[] {
  const out: { section: Section; ancestors: Section[] }[] = [];
  const walk = (list: Section[], trail: Section[]) => {
    for (const s of list) {
      out.push({ section: s, ancestors: trail });
      walk(s.sections, [...trail, s]);
    }
  };
  walk(version.sections, []);
  return out;
}

/**
 * The conditions that must all hold for a field to be shown: its sections', its repeat's,
 * then its own. A field in a repeat only gets its own and the repeat's item-level
 * conditions; the repeat's outer conditions hide the whole list.
 */
export function visibilityOf(info: FieldInfo): Source[] {
  const own = info.field.visible ? [info.field.visible] : [];
  if (info.repeat) return own;
  return [...info.sections.flatMap((s) => (s.visible ? [s.visible] : [])), ...own];
}
