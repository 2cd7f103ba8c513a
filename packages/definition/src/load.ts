/*
 * Stage 2, load: the files of a definitions folder → the typed model (registries,
 * registration types, versions with fragments and code lists resolved).
 */
import type { Diagnostic } from './diagnostics.ts';
import { suggestion } from './diagnostics.ts';
import { type FieldType, SEMVER } from './format.ts';
import type {
  Check,
  Code,
  CodeList,
  Definitions,
  Field,
  Languages,
  Loc,
  MessageKey,
  RegistrationType,
  Registry,
  Section,
  Source,
  Status,
  Text,
} from './model.ts';
import { FileReader, type Obj } from './read.ts';

/** A file of a definitions folder: its path relative to the folder, with `/`. */
export interface SourceFile {
  path: string;
  text: string;
}

export interface LoadResult {
  definitions: Definitions;
  diagnostics: Diagnostic[];
}

type Place =
  | { kind: 'sharedFragment' | 'sharedCodelist'; id: string }
  | { kind: 'registry'; registry: string }
  | { kind: 'fragment' | 'codelist'; registry: string; id: string }
  | { kind: 'version'; registry: string; type: string; version: string };

function place(path: string): Place | undefined {
  const parts = path.replace(/\.ya?ml$/, '').split('/');
  if (parts.length === 3 && parts[0] === '_shared') {
    if (parts[1] === 'fragments') return { kind: 'sharedFragment', id: parts[2]! };
    if (parts[1] === 'codelists') return { kind: 'sharedCodelist', id: parts[2]! };
    return undefined;
  }
  if (parts[0] === '_shared') return undefined;
  if (parts.length === 2 && parts[1] === 'registry') return { kind: 'registry', registry: parts[0]! };
  if (parts.length === 3) {
    if (parts[1] === 'fragments') return { kind: 'fragment', registry: parts[0]!, id: parts[2]! };
    if (parts[1] === 'codelists') return { kind: 'codelist', registry: parts[0]!, id: parts[2]! };
    return { kind: 'version', registry: parts[0]!, type: parts[1]!, version: parts[2]! };
  }
  return undefined;
}

const str = (o: Obj, k: string): string | undefined => o.values[k] as string | undefined;
const text = (o: Obj, k: string): Text | undefined => o.values[k] as Text | undefined;

/** Loads a definitions folder given as files; never throws on bad input. */
export function loadDefinitions(files: readonly SourceFile[]): LoadResult {
  const diagnostics: Diagnostic[] = [];
  const report = (
    loc: Loc,
    code: Diagnostic['code'],
    message: string,
    hint: string,
    severity: 'error' | 'warning' = 'error',
  ) => diagnostics.push({ code, severity, message, hint, ...loc });

  const sharedFragments = new Map<string, Obj>();
  const sharedCodelists = new Map<string, CodeList>();
  const registryFiles = new Map<string, Obj>();
  const fragments = new Map<string, Map<string, Obj>>();
  const codelists = new Map<string, Map<string, CodeList>>();
  const versionFiles: { registry: string; type: string; fileVersion: string; obj: Obj; file: SourceFile }[] =
    [];

  const sorted = [...files]
    .filter((f) => /\.ya?ml$/.test(f.path))
    .sort((a, b) => a.path.localeCompare(b.path));
  for (const f of sorted) {
    const p = place(f.path);
    if (!p) {
      report(
        { file: f.path, line: 1, col: 1, path: '' },
        'FILE_MISPLACED',
        'This file is not where the layout expects a definition',
        'Move it to <registry>/registry.yaml, <registry>/<type>/<version>.yaml, <registry>/fragments/, <registry>/codelists/ or _shared/.',
      );
      continue;
    }
    const reader = new FileReader(f.path, f.text, diagnostics);
    const idMatches = (o: Obj, key: string, expected: string) => {
      const v = str(o, key);
      if (v !== undefined && v !== expected)
        report(
          o.keyLoc[key]!,
          'FILE_NAME_MISMATCH',
          `'${key}: ${v}' does not match the file's place ('${expected}')`,
          `Write '${key}: ${expected}', or rename the file or folder to '${v}'.`,
        );
    };
    switch (p.kind) {
      case 'sharedFragment':
      case 'fragment': {
        const o = reader.readRoot('fragment');
        if (!o) break;
        idMatches(o, 'fragment', p.id);
        if (p.kind === 'sharedFragment') sharedFragments.set(p.id, o);
        else if (p.kind === 'fragment') mapOf(fragments, p.registry).set(p.id, o);
        break;
      }
      case 'sharedCodelist':
      case 'codelist': {
        const o = reader.readRoot('codelist');
        if (!o) break;
        idMatches(o, 'codelist', p.id);
        const list = toCodeList(p.id, o, report);
        if (p.kind === 'sharedCodelist') sharedCodelists.set(p.id, list);
        else if (p.kind === 'codelist') mapOf(codelists, p.registry).set(p.id, list);
        break;
      }
      case 'registry': {
        const o = reader.readRoot('registry');
        if (!o) break;
        idMatches(o, 'registry', p.registry);
        registryFiles.set(p.registry, o);
        break;
      }
      case 'version': {
        const o = reader.readRoot('version');
        if (!o) break;
        versionFiles.push({ registry: p.registry, type: p.type, fileVersion: p.version, obj: o, file: f });
        break;
      }
    }
  }

  const registries: Registry[] = [];
  for (const [id, o] of registryFiles) {
    const programme = o.values.programme as Obj | undefined;
    const langs = o.values.languages as Obj | undefined;
    const types = (o.values.registrationTypes ?? {}) as Record<string, Obj>;
    registries.push({
      id,
      dcd: str(o, 'dcd'),
      programme: {
        id: programme ? (str(programme, 'id') ?? '') : '',
        title: (programme && text(programme, 'title')) ?? {},
      },
      title: text(o, 'title') ?? {},
      description: text(o, 'description'),
      languages: toLanguages(langs),
      registrationTypes: Object.entries(types).map(
        ([typeId, t]): RegistrationType => ({
          id: typeId,
          title: text(t, 'title') ?? {},
          description: text(t, 'description'),
          versions: [],
          loc: t.loc,
        }),
      ),
      file: o.loc.file,
      loc: o.loc,
    });
  }

  for (const vf of versionFiles) {
    const registry = registries.find((r) => r.id === vf.registry);
    const loc = vf.obj.loc;
    if (!registry) {
      report(
        loc,
        'FILE_MISPLACED',
        `The folder '${vf.registry}' has no registry.yaml`,
        `Add ${vf.registry}/registry.yaml declaring the registry and its registration types.`,
      );
      continue;
    }
    const type = registry.registrationTypes.find((t) => t.id === vf.type);
    if (!type) {
      report(
        loc,
        'FILE_MISPLACED',
        `Registration type '${vf.type}' is not declared in ${registry.file}`,
        `Declare it under registrationTypes, or move the file.${suggestion(
          vf.type,
          registry.registrationTypes.map((t) => t.id),
        )}`,
      );
      continue;
    }
    const o = vf.obj;
    const version = str(o, 'version');
    if (version !== undefined && version !== vf.fileVersion)
      report(
        o.keyLoc.version!,
        'FILE_NAME_MISMATCH',
        `'version: ${version}' does not match the file name '${vf.fileVersion}.yaml'`,
        `Rename the file to ${version}.yaml, or write 'version: ${vf.fileVersion}'.`,
      );
    if (!SEMVER.test(vf.fileVersion))
      report(
        loc,
        'VERSION_NOT_SEMVER',
        `The file name '${vf.fileVersion}.yaml' is not a semver version`,
        'Name version files MAJOR.MINOR.PATCH.yaml, e.g. 1.0.0.yaml.',
      );
    const resolver = new Resolver(
      registry.id,
      fragments.get(registry.id) ?? new Map(),
      sharedFragments,
      codelists.get(registry.id) ?? new Map(),
      sharedCodelists,
      report,
    );
    const sections = resolver.sections((o.values.sections ?? []) as Obj[], []);
    type.versions.push({
      registry: registry.id,
      registrationType: type.id,
      version: version ?? vf.fileVersion,
      status: (str(o, 'status') ?? 'draft') as Status,
      effective: str(o, 'effective') ?? '',
      title: text(o, 'title') ?? {},
      description: text(o, 'description'),
      businessKey: ((o.values.businessKey ?? []) as (string | string[])[]).map((part, i) => {
        const [id, ...or] = Array.isArray(part) ? part : [part];
        return { id: id ?? '', ...(or.length ? { or } : {}), loc: o.itemLoc.businessKey?.[i] ?? loc };
      }),
      sections,
      file: vf.file.path,
      sources: [vf.file.path, registry.file, ...resolver.used],
      sourceText: vf.file.text,
      loc,
    });
  }
  return { definitions: { registries }, diagnostics };
}

function mapOf<V>(m: Map<string, Map<string, V>>, k: string): Map<string, V> {
  const v = m.get(k) ?? new Map<string, V>();
  m.set(k, v);
  return v;
}

function toLanguages(o: Obj | undefined): Languages {
  return {
    required: (o?.values.required as string[] | undefined) ?? [],
    optional: (o?.values.optional as string[] | undefined) ?? [],
    fallback: (o?.values.fallback as Record<string, string> | undefined) ?? {},
  };
}

type Report = (
  loc: Loc,
  code: Diagnostic['code'],
  message: string,
  hint: string,
  severity?: 'error' | 'warning',
) => void;

function toCodes(items: Obj[]): Code[] {
  return items.map((c) => ({
    code: str(c, 'code') ?? '',
    label: text(c, 'label') ?? {},
    snomed: str(c, 'snomed'),
    loinc: str(c, 'loinc'),
    loc: c.loc,
  }));
}

function toCodeList(id: string, o: Obj, report: Report): CodeList {
  const codes = toCodes((o.values.codes ?? []) as Obj[]);
  reportDuplicateCodes(codes, report);
  return { id, title: text(o, 'title'), codes, loc: o.loc };
}

export function reportDuplicateCodes(codes: Code[], report: Report): void {
  const seen = new Map<string, Code>();
  for (const c of codes) {
    const first = seen.get(c.code);
    if (first)
      report(
        c.loc,
        'CODE_DUPLICATE',
        `Code '${c.code}' appears twice (first at line ${first.loc.line})`,
        'Remove one, or give it another code.',
      );
    else seen.set(c.code, c);
  }
}

/** Resolves `use:` and `codelist:` for one version, registry first, then _shared. */
class Resolver {
  private readonly using: string[] = [];
  /** `with:` of the fragment uses being expanded (innermost last), by field id. */
  private readonly overrides: Map<string, { obj: Obj; used: boolean }>[] = [];
  private repeatDepth = 0;
  /** Files this version draws on (fragments, code lists), for per-version error gating. */
  readonly used = new Set<string>();

  constructor(
    readonly registry: string,
    readonly fragments: Map<string, Obj>,
    readonly sharedFragments: Map<string, Obj>,
    readonly codelists: Map<string, CodeList>,
    readonly sharedCodelists: Map<string, CodeList>,
    readonly report: Report,
  ) {}

  private fragment(use: Obj): Obj | undefined {
    const id = str(use, 'use') ?? '';
    const found = this.fragments.get(id) ?? this.sharedFragments.get(id);
    if (!found) {
      const known = [...this.fragments.keys(), ...this.sharedFragments.keys()];
      this.report(
        use.keyLoc.use ?? use.loc,
        'REF_UNKNOWN_FRAGMENT',
        `No fragment '${id}' in ${this.registry}/fragments/ or _shared/fragments/`,
        `Create the fragment file, or use an existing one.${suggestion(id, known)}`,
      );
      return undefined;
    }
    this.used.add(found.loc.file);
    if (this.using.includes(id)) {
      this.report(
        use.loc,
        'REF_FRAGMENT_CYCLE',
        `Fragment '${id}' uses itself (${[...this.using, id].join(' → ')})`,
        'Remove the `use:` that closes the cycle.',
      );
      return undefined;
    }
    return found;
  }

  sections(items: Obj[], trail: string[]): Section[] {
    const out: Section[] = [];
    for (const item of items) {
      if (item.kind === 'use') {
        const frag = this.fragment(item);
        if (!frag) continue;
        const id = str(frag, 'fragment') ?? str(item, 'use')!;
        this.using.push(id);
        this.withOverrides(item, () => out.push({ ...this.section(frag, id, trail), fragment: id }));
        this.using.pop();
      } else out.push(this.section(item, str(item, 'id') ?? '', trail));
    }
    return out;
  }

  private section(o: Obj, id: string, trail: string[]): Section {
    return {
      kind: 'section',
      id,
      name: str(o, 'name'),
      title: text(o, 'title') ?? {},
      help: text(o, 'help'),
      visible: o.values.visible as Source | undefined,
      fields: this.fields((o.values.fields ?? []) as Obj[]),
      sections: this.sections((o.values.sections ?? []) as Obj[], [...trail, id]),
      loc: o.loc,
    };
  }

  fields(items: Obj[]): Field[] {
    const out: Field[] = [];
    for (const item of items) {
      if (item.kind === 'use') {
        const frag = this.fragment(item);
        if (!frag) continue;
        if (Array.isArray(frag.values.sections) && frag.values.sections.length > 0)
          this.report(
            item.loc,
            'FORMAT_BAD_VALUE',
            `Fragment '${str(item, 'use')}' has sub-sections; in a fields list only its fields are used`,
            'Use it in a sections list instead, or move its sub-sections out.',
            'warning',
          );
        this.using.push(str(item, 'use')!);
        this.withOverrides(item, () => out.push(...this.fields((frag.values.fields ?? []) as Obj[])));
        this.using.pop();
      } else {
        const f = this.field(item);
        if (f) out.push(f);
      }
    }
    return out;
  }

  /** Expands a fragment with its use's `with:` in force; reports ids it never met. */
  private withOverrides(use: Obj, expand: () => void): void {
    const given = (use.values.with ?? {}) as Record<string, Obj>;
    const map = new Map(Object.entries(given).map(([id, obj]) => [id, { obj, used: false }]));
    this.overrides.push(map);
    try {
      expand();
    } finally {
      this.overrides.pop();
    }
    for (const [id, o] of map)
      if (!o.used)
        this.report(
          o.obj.loc,
          'REF_UNKNOWN_OVERRIDE',
          `Fragment '${str(use, 'use')}' has no field '${id}' to change`,
          `Name a field id of the fragment.${suggestion(id, this.fragmentFieldIds(use))}`,
        );
  }

  private fragmentFieldIds(use: Obj): string[] {
    const frag = this.fragments.get(str(use, 'use') ?? '') ?? this.sharedFragments.get(str(use, 'use') ?? '');
    const ids: string[] = [];
    const walk = (o: Obj) => {
      for (const f of (o.values.fields ?? []) as Obj[]) {
        if (typeof f.values.id === 'string') ids.push(f.values.id);
        walk(f);
      }
      for (const sec of (o.values.sections ?? []) as Obj[]) walk(sec);
    };
    if (frag) walk(frag);
    return ids;
  }

  /** A field as this form asks it: the fragment's keys, then its use's `with:` on top. */
  private overridden(o: Obj): Obj {
    const id = o.values.id as string | undefined;
    for (let i = this.overrides.length - 1; i >= 0 && id !== undefined; i--) {
      const found = this.overrides[i]!.get(id);
      if (!found) continue;
      found.used = true;
      const ov = found.obj;
      const values = { ...o.values, ...ov.values };
      // A code list given here replaces the fragment's options or code list.
      if ('codelist' in ov.values || 'itemCodelists' in ov.values) {
        for (const k of ['options', 'codelist', 'itemCodelists']) if (!(k in ov.values)) delete values[k];
      }
      return {
        ...o,
        values,
        keyLoc: { ...o.keyLoc, ...ov.keyLoc },
        itemLoc: { ...o.itemLoc, ...ov.itemLoc },
      };
    }
    return o;
  }

  private codelist(listId: string, at: Loc): CodeList | undefined {
    const list = this.codelists.get(listId) ?? this.sharedCodelists.get(listId);
    if (!list) {
      const known = [...this.codelists.keys(), ...this.sharedCodelists.keys()];
      this.report(
        at,
        'REF_UNKNOWN_CODELIST',
        `No code list '${listId}' in ${this.registry}/codelists/ or _shared/codelists/`,
        `Create ${this.registry}/codelists/${listId}.yaml or name an existing list.${suggestion(listId, known)}`,
      );
      return undefined;
    }
    this.used.add(list.loc.file);
    return list;
  }

  private field(given: Obj): Field | undefined {
    const o = this.overridden(given);
    const v = o.values;
    const type = v.type as FieldType | undefined;
    if (!type) return undefined;
    let codes: Code[] | undefined;
    let itemCodes: Code[][] | undefined;
    if (type === 'choice' || type === 'multichoice') {
      const listId = v.codelist as string | undefined;
      if ([v.options, listId, v.itemCodelists].filter((x) => x !== undefined).length > 1)
        this.report(
          (o.keyLoc.itemCodelists ?? o.keyLoc.codelist)!,
          'FORMAT_BAD_VALUE',
          'A field has more than one of options, codelist and itemCodelists',
          'Keep one of them.',
        );
      if (v.options) {
        codes = toCodes(v.options as Obj[]);
        reportDuplicateCodes(codes, this.report);
      } else if (listId) {
        codes = this.codelist(listId, o.keyLoc.codelist!)?.codes ?? [];
      } else if (Array.isArray(v.itemCodelists)) {
        const ids = v.itemCodelists as string[];
        itemCodes = ids.map((id, i) => this.codelist(id, o.itemLoc.itemCodelists?.[i] ?? o.loc)?.codes ?? []);
        // The union keeps every code's label for the form's texts; each item accepts its own.
        const seen = new Map<string, Code>();
        for (const list of itemCodes) for (const c of list) if (!seen.has(c.code)) seen.set(c.code, c);
        codes = [...seen.values()];
        if (this.repeatDepth === 0)
          this.report(
            o.keyLoc.itemCodelists!,
            'REPEAT_RULE_INVALID',
            `Field '${v.id}' has itemCodelists but is not in a repeat`,
            'Use codelist: for a field outside a repeat.',
          );
      } else {
        this.report(
          o.loc,
          'FORMAT_MISSING_KEY',
          `A ${type} field has neither options nor codelist`,
          'Add `codelist: <id>`, an `options:` list of codes, or (in a repeat) `itemCodelists:`.',
        );
        codes = [];
      }
    }
    const name = v.name as string | undefined;
    if (!name && type !== 'note')
      this.report(
        o.loc,
        'FORMAT_MISSING_KEY',
        `Field '${v.id ?? '?'}' has no 'name'`,
        'Add its technical name (the CSV column and S2S key), e.g. name: DT_HOSPZ.',
      );
    return {
      kind: 'field',
      id: (v.id as string | undefined) ?? '',
      name,
      type,
      label: (v.label as Text | undefined) ?? {},
      help: v.help as Text | undefined,
      required: (v.required as boolean | Source | undefined) ?? false,
      visible: v.visible as Source | undefined,
      enabled: v.enabled as Source | undefined,
      compute: v.compute as Source | undefined,
      checks: ((v.checks ?? []) as Obj[]).flatMap((c): Check[] =>
        c.values.rule
          ? [{ rule: c.values.rule as Source, message: (c.values.message as Text) ?? {}, loc: c.loc }]
          : [],
      ),
      messages: (v.messages ?? {}) as Partial<Record<MessageKey, Text>>,
      minLength: v.minLength as number | undefined,
      maxLength: v.maxLength as number | undefined,
      pattern: v.pattern as string | undefined,
      multiline: v.multiline as boolean | undefined,
      identifier: v.identifier as boolean | undefined,
      min: v.min as number | string | undefined,
      max: v.max as number | string | undefined,
      precision: v.precision as number | undefined,
      unit: v.unit as string | undefined,
      ucum: v.ucum as string | undefined,
      codes,
      codelist: v.codelist as string | undefined,
      ...(itemCodes ? { itemCodes, itemCodelists: v.itemCodelists as string[] } : {}),
      display: v.display as string | undefined,
      minItems: v.minItems as number | undefined,
      maxItems: v.maxItems as number | undefined,
      fields: type === 'repeat' ? this.repeatFields(o) : undefined,
      itemLabel: v.itemLabel as Text | undefined,
      next: v.next as string | undefined,
      loc: o.loc,
    };
  }

  /** A repeat's item fields, with its per-item rules checked against them. */
  private repeatFields(o: Obj): Field[] {
    this.repeatDepth++;
    const fields = this.fields((o.values.fields ?? []) as Obj[]);
    this.repeatDepth--;
    const max = o.values.max as number | undefined;
    for (const f of fields)
      if (f.itemCodes && max !== undefined && f.itemCodes.length !== max)
        this.report(
          f.loc,
          'REPEAT_RULE_INVALID',
          `Field '${f.id}' has ${f.itemCodes.length} item code lists for a repeat of at most ${max} items`,
          `Give one code list per item: ${max}.`,
        );
    const next = o.values.next as string | undefined;
    if (next !== undefined) {
      const f = fields.find((x) => x.id === next);
      const yesNo =
        f &&
        (f.type === 'boolean' ||
          (f.type === 'choice' &&
            !f.itemCodes &&
            ['1', '0'].every((c) => f.codes?.some((x) => x.code === c))));
      if (!yesNo)
        this.report(
          o.keyLoc.next!,
          'REPEAT_RULE_INVALID',
          f
            ? `'next: ${next}' must name a yes/no field (boolean, or a choice with codes '1' and '0'); '${next}' is a ${f.type}`
            : `'next: ${next}' names no field of this repeat's items`,
          `Name the item's "another one follows?" field.${
            f
              ? ''
              : suggestion(
                  next,
                  fields.map((x) => x.id),
                )
          }`,
        );
    }
    return fields;
  }
}
