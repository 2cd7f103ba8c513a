/*
 * Stage 3, check: the rules that need the whole form — ids, technical names, languages,
 * conditions and their types, computed fields, constraints, the business key, versions.
 */
import { type Expr, FUNCTIONS, references } from '@regforms/expression';
import { type Diagnostic, type DiagnosticCode, suggestion } from './diagnostics.ts';
import { ISO_DATE, MAX_REPEAT } from './format.ts';
import type { Definitions, Field, Loc, Registry, Source, Text, Version } from './model.ts';
import { textLocs } from './read.ts';
import { loincProblem, snomedProblem, ucumProblem } from './terminology.ts';
import { type FieldInfo, fieldsOf, sectionsOf, visibilityOf } from './walk.ts';

type Kind =
  | 'number'
  | 'string'
  | 'date'
  | 'time'
  | 'boolean'
  | 'code'
  | 'codes'
  | 'list'
  | 'none'
  | 'literal';

export function valueKind(f: Field): Kind {
  switch (f.type) {
    case 'integer':
    case 'decimal':
      return 'number';
    case 'text':
    case 'niss':
      return 'string';
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'boolean':
      return 'boolean';
    case 'choice':
      return 'code';
    case 'multichoice':
      return 'codes';
    case 'repeat':
      return 'list';
    case 'note':
      return 'none';
  }
}

/** Checks every version of every registry; appends to `diagnostics`. */
export function checkDefinitions(defs: Definitions, diagnostics: Diagnostic[]): void {
  const seen = new Set(diagnostics.map(key));
  const push = (d: Diagnostic) => {
    // Fragments and code lists are checked once per form that uses them: say it once.
    const k = key(d);
    if (!seen.has(k)) {
      seen.add(k);
      diagnostics.push(d);
    }
  };
  for (const registry of defs.registries) {
    checkRegistry(registry, push);
    for (const type of registry.registrationTypes) {
      const byVersion = new Map<string, Version>();
      for (const v of type.versions) {
        const first = byVersion.get(v.version);
        if (first)
          push({
            code: 'VERSION_DUPLICATE',
            severity: 'error',
            message: `Version ${v.version} of ${registry.id}/${type.id} is also claimed by ${first.file}`,
            hint: 'Give one of them another version number (a new version is a new file).',
            ...v.loc,
          });
        else byVersion.set(v.version, v);
        new FormChecker(registry, v, push).run();
      }
    }
  }
}

function key(d: Diagnostic): string {
  return `${d.code}|${d.file}|${d.line}|${d.col}|${d.message}`;
}

function checkRegistry(r: Registry, push: (d: Diagnostic) => void): void {
  const declared = new Set([...r.languages.required, ...r.languages.optional]);
  for (const [lang, to] of Object.entries(r.languages.fallback)) {
    if (!r.languages.optional.includes(lang) || !r.languages.required.includes(to))
      push({
        code: 'FORMAT_BAD_VALUE',
        severity: 'error',
        message: `Fallback ${lang} → ${to}: a fallback goes from an optional language to a required one`,
        hint: `List ${lang} under optional and ${to} under required.`,
        ...r.loc,
      });
  }
  for (const lang of r.languages.optional)
    if (!(lang in r.languages.fallback))
      push({
        code: 'I18N_MISSING',
        severity: 'error',
        message: `Optional language ${lang} has no fallback`,
        hint: `Add fallback: { ${lang}: ${r.languages.required[0] ?? 'fr'} }.`,
        ...r.loc,
      });
  const texts: (Text | undefined)[] = [
    r.title,
    r.programme.title,
    r.description,
    ...r.registrationTypes.flatMap((t) => [t.title, t.description]),
  ];
  for (const t of texts) checkText(t, r.languages.required, declared, push);
}

function checkText(
  t: Text | undefined,
  required: string[],
  declared: Set<string>,
  push: (d: Diagnostic) => void,
): void {
  // A text that was never written (a missing key) is reported as FORMAT_MISSING_KEY already.
  const loc = t && textLocs.get(t);
  if (!t || !loc) return;
  const missing = required.filter((l) => !(l in t));
  if (missing.length)
    push({
      code: 'I18N_MISSING',
      severity: 'error',
      message: `This text has no ${missing.join(', ')} translation`,
      hint: `Add ${missing.map((l) => `${l}: …`).join(', ')} beside the others.`,
      ...loc,
    });
  for (const l of Object.keys(t))
    if (!declared.has(l))
      push({
        code: 'I18N_UNKNOWN_LANGUAGE',
        severity: 'error',
        message: `Language '${l}' is not declared by the registry`,
        hint: `Declare it in registry.yaml under languages, or remove it.${suggestion(l, declared)}`,
        ...loc,
      });
}

type Mode = 'condition' | 'check' | 'compute';

class FormChecker {
  private readonly infos: FieldInfo[];
  private readonly byId = new Map<string, FieldInfo>();

  constructor(
    readonly registry: Registry,
    readonly version: Version,
    readonly push: (d: Diagnostic) => void,
  ) {
    this.infos = fieldsOf(version);
  }

  private report(
    code: DiagnosticCode,
    loc: Loc,
    message: string,
    hint: string,
    severity: 'error' | 'warning' = 'error',
  ) {
    this.push({ code, severity, message, hint, ...loc });
  }

  run(): void {
    this.checkIdsAndNames();
    this.checkTexts();
    for (const info of this.infos) this.checkField(info);
    for (const { section } of sectionsOf(this.version))
      if (section.visible) this.checkExpr(section.visible, 'condition', undefined);
    this.checkComputeCycles();
    this.checkBusinessKey();
  }

  private checkIdsAndNames(): void {
    // Sections and fields have separate id spaces (a fragment `author` may hold a field `author`).
    const sectionIds = new Map<string, Loc>();
    const fieldIds = new Map<string, Loc>();
    // Top-level names and flattened repeat columns (NAME_1…) share the CSV header; a repeat
    // item's own names need only be unique within the item.
    const columns = new Map<string, Loc>();
    const claim = (
      space: Map<string, Loc>,
      key: string,
      loc: Loc,
      code: 'ID_DUPLICATE' | 'NAME_DUPLICATE',
      what: string,
      hint: string,
    ) => {
      const first = space.get(key);
      if (first && (first.file !== loc.file || first.line !== loc.line))
        this.report(code, loc, `The ${what} '${key}' is already used at ${first.file}:${first.line}`, hint);
      else space.set(key, loc);
    };
    const idHint = 'Give it an id of its own; ids identify a field across versions.';
    const nameHint = 'Every CSV column / S2S key must be unique: rename one of them.';
    for (const { section } of sectionsOf(this.version)) {
      claim(sectionIds, section.id, section.loc, 'ID_DUPLICATE', 'section id', idHint);
      if (section.name)
        claim(columns, section.name, section.loc, 'NAME_DUPLICATE', 'technical name', nameHint);
    }
    const itemNames = new Map<Field, Map<string, Loc>>();
    for (const info of this.infos) {
      const f = info.field;
      claim(fieldIds, f.id, f.loc, 'ID_DUPLICATE', 'field id', idHint);
      this.byId.set(f.id, info);
      if (!f.name) continue;
      if (info.repeat) {
        const names = itemNames.get(info.repeat) ?? new Map<string, Loc>();
        itemNames.set(info.repeat, names);
        claim(names, f.name, f.loc, 'NAME_DUPLICATE', 'technical name', nameHint);
        for (let i = 1; i <= Number(info.repeat.max ?? 0); i++)
          claim(columns, `${f.name}_${i}`, f.loc, 'NAME_DUPLICATE', 'CSV column', nameHint);
      } else claim(columns, f.name, f.loc, 'NAME_DUPLICATE', 'technical name', nameHint);
    }
  }

  private checkTexts(): void {
    const { required, optional } = this.registry.languages;
    const declared = new Set([...required, ...optional]);
    const check = (t: Text | undefined) => checkText(t, required, declared, this.push);
    check(this.version.title);
    check(this.version.description);
    for (const { section } of sectionsOf(this.version)) {
      check(section.title);
      check(section.help);
    }
    for (const { field: f } of this.infos) {
      check(f.label);
      check(f.help);
      check(f.itemLabel);
      for (const m of Object.values(f.messages)) check(m);
      for (const c of f.checks) check(c.message);
      for (const c of f.codes ?? []) check(c.label);
    }
  }

  /** The codes a field binds to outside terminologies are well formed (offline checks). */
  private checkTerminology(f: Field): void {
    const codes = [...(f.codes ?? []), ...(f.itemCodes ?? []).flat()];
    for (const c of new Set(codes)) {
      const snomed = c.snomed && snomedProblem(c.snomed);
      if (snomed)
        this.report(
          'TERMINOLOGY_INVALID',
          c.loc,
          `Code '${c.code}' is bound to SNOMED CT ${c.snomed}, but ${snomed}`,
          'Copy the concept id again from a SNOMED CT browser (the Belgian edition or the international one).',
        );
      const loinc = c.loinc && loincProblem(c.loinc);
      if (loinc)
        this.report(
          'TERMINOLOGY_INVALID',
          c.loc,
          `Code '${c.code}' is bound to LOINC ${c.loinc}, but ${loinc}`,
          'Copy the code again from loinc.org, check digit included.',
        );
    }
    if (f.ucum) {
      const problem = ucumProblem(f.ucum);
      if (problem)
        this.report(
          'TERMINOLOGY_INVALID',
          f.loc,
          `Field '${f.id}': ucum '${f.ucum}' is not a UCUM unit: ${problem}`,
          'Write the unit in UCUM (ucum.org): kg/m2, mm[Hg], /min, mL/min/{1.73_m2}, mGy.cm2.',
        );
    } else if (f.unit)
      this.report(
        'UNIT_WITHOUT_UCUM',
        f.loc,
        `Field '${f.id}' shows the unit '${f.unit}' but has no UCUM code`,
        `Add ucum: with the unit in UCUM (e.g. unit: ${f.unit}, ucum: …) so FHIR consumers get a coded unit.`,
        'warning',
      );
  }

  private checkField(info: FieldInfo): void {
    const f = info.field;
    const inRepeat = info.repeat;
    if (typeof f.required !== 'boolean') this.checkExpr(f.required, 'condition', inRepeat);
    if (f.visible) this.checkExpr(f.visible, 'condition', inRepeat);
    if (f.enabled) this.checkExpr(f.enabled, 'condition', inRepeat);
    for (const c of f.checks) this.checkExpr(c.rule, 'check', inRepeat);
    this.checkTerminology(f);
    if (f.compute) {
      const kind = this.checkExpr(f.compute, 'compute', inRepeat);
      const want = valueKind(f);
      if (!['integer', 'decimal', 'text', 'date', 'boolean'].includes(f.type))
        this.report(
          'EXPR_TYPE',
          f.compute.loc,
          `A ${f.type} field cannot be computed`,
          'Compute an integer, decimal, text, date or boolean field.',
        );
      else if (kind && kind !== want && !(kind === 'literal' && want === 'string'))
        this.report(
          'EXPR_TYPE',
          f.compute.loc,
          `This expression gives a ${kind}, but '${f.id}' is a ${f.type} field`,
          'Make the expression give the field’s kind of value, or change the field type.',
        );
    }
    this.checkConstraints(info);
    if (f.required !== false) this.checkCanBeShown(info);
  }

  private checkConstraints(info: FieldInfo): void {
    const f = info.field;
    const bad = (message: string, hint: string) => this.report('CONSTRAINT_INVALID', f.loc, message, hint);
    if (typeof f.min === 'number' && typeof f.max === 'number' && f.min > f.max)
      bad(`min (${f.min}) is greater than max (${f.max})`, 'Swap them or fix one.');
    if (f.type === 'date') {
      for (const b of [f.min, f.max])
        if (b !== undefined && (typeof b !== 'string' || (b !== 'today' && !ISO_DATE.test(b))))
          bad(`'${b}' is not a date bound`, 'Write yyyy-mm-dd or today.');
      if (
        typeof f.min === 'string' &&
        typeof f.max === 'string' &&
        f.min !== 'today' &&
        f.max !== 'today' &&
        f.min > f.max
      )
        bad(`min (${f.min}) is after max (${f.max})`, 'Swap them or fix one.');
    } else if (typeof f.min === 'string' || typeof f.max === 'string') {
      if (f.type !== 'repeat') bad(`min and max of a ${f.type} field are numbers`, 'Write a number.');
    }
    if (f.minLength !== undefined && f.maxLength !== undefined && f.minLength > f.maxLength)
      bad(`minLength (${f.minLength}) is greater than maxLength (${f.maxLength})`, 'Swap them or fix one.');
    if (f.minItems !== undefined && f.maxItems !== undefined && f.minItems > f.maxItems)
      bad(`minItems (${f.minItems}) is greater than maxItems (${f.maxItems})`, 'Swap them or fix one.');
    if (f.pattern !== undefined) {
      try {
        new RegExp(f.pattern, 'u');
      } catch (e) {
        bad(
          `The pattern does not compile: ${(e as Error).message}`,
          'Fix the regular expression (JavaScript syntax, u flag).',
        );
      }
    }
    if (f.type === 'repeat') {
      const max = typeof f.max === 'number' ? f.max : 0;
      if (max > MAX_REPEAT)
        bad(
          `A repeat of at most ${max} items is too long`,
          `Keep max at ${MAX_REPEAT} or fewer (the CSV gets max columns per field).`,
        );
      if (typeof f.min === 'number' && f.min > max)
        bad(`min (${f.min}) is greater than max (${max})`, 'Lower min or raise max.');
      if ((f.fields ?? []).length === 0) bad('A repeat without fields', 'Add the fields of one item.');
      if (info.repeat)
        bad('A repeat inside a repeat', 'Flatten it: the CSV format has one level of repeats.');
    }
  }

  /** A required field must be shown for some data, or it can never be filled. */
  private checkCanBeShown(info: FieldInfo): void {
    const f = info.field;
    const conds = visibilityOf(info).map((s) => s.expr);
    if (typeof f.required !== 'boolean') conds.push(f.required.expr);
    if (conds.length === 0) return;
    if (!satisfiable(conds))
      this.report(
        'REQUIRED_NEVER_SHOWN',
        f.loc,
        `'${f.id}' is required, but the conditions for showing it can never all hold`,
        'Fix the visible conditions of the field and its sections, or drop required.',
      );
  }

  private checkComputeCycles(): void {
    const computed = new Map(this.infos.filter((i) => i.field.compute).map((i) => [i.field.id, i.field]));
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (id: string, path: string[]): void => {
      if (state.get(id) === 'done') return;
      if (state.get(id) === 'visiting') {
        const cycle = [...path.slice(path.indexOf(id)), id];
        const f = computed.get(id)!;
        this.report(
          'COMPUTE_CYCLE',
          f.compute!.loc,
          `Computed fields depend on each other: ${cycle.join(' → ')}`,
          'Break the cycle: one of them must be entered, not computed.',
        );
        return;
      }
      state.set(id, 'visiting');
      for (const r of references(computed.get(id)!.compute!.expr))
        if (computed.has(r.name)) visit(r.name, [...path, id]);
      state.set(id, 'done');
    };
    for (const id of computed.keys()) visit(id, []);
  }

  private checkBusinessKey(): void {
    for (const { id, loc } of this.version.businessKey.flatMap((k) => [
      k,
      ...(k.or ?? []).map((o) => ({ id: o, loc: k.loc })),
    ])) {
      const info = this.byId.get(id);
      if (!info)
        this.report(
          'BUSINESS_KEY_INVALID',
          loc,
          `The business key names '${id}', which is not a field of this form`,
          `Name field ids.${suggestion(id, this.byId.keys())}`,
        );
      else if (info.repeat || info.field.type === 'note' || info.field.type === 'repeat')
        this.report(
          'BUSINESS_KEY_INVALID',
          loc,
          `'${id}' cannot be part of the business key (a ${info.repeat ? 'field in a repeat' : info.field.type})`,
          'Use top-level data fields that identify one registration.',
        );
    }
  }

  /** Type-checks an expression; returns its kind, or undefined after reporting. */
  private checkExpr(src: Source, mode: Mode, repeat: Field | undefined): Kind | undefined {
    const kind = this.kindOf(src.expr, src, mode, repeat);
    if (kind && mode !== 'compute' && kind !== 'boolean') {
      this.report(
        'EXPR_TYPE',
        src.loc,
        `This ${mode === 'check' ? 'rule' : 'condition'} gives a ${kind}, not true/false`,
        "Compare it with a value, e.g. x = '1'.",
      );
      return undefined;
    }
    return kind;
  }

  private resolve(
    name: string,
    src: Source,
    span: { start: number },
    mode: Mode,
    repeat: Field | undefined,
  ): Field | undefined {
    const inItem = repeat?.fields?.find((f) => f.id === name);
    if (inItem) return inItem;
    const info = this.byId.get(name);
    if (!info) {
      this.report(
        'EXPR_UNKNOWN_FIELD',
        src.at(span.start),
        `No field with id '${name}' in this form`,
        `Name a field id (not a technical name).${suggestion(name, this.byId.keys())}`,
      );
      return undefined;
    }
    if (info.repeat && info.repeat !== repeat) {
      this.report(
        'EXPR_SCOPE',
        src.at(span.start),
        `'${name}' is a field inside the repeat '${info.repeat.id}'`,
        'Only fields of the same repeat item can be used here; use count(<repeat>) for the list.',
      );
      return undefined;
    }
    if (repeat && mode === 'condition') {
      this.report(
        'EXPR_SCOPE',
        src.at(span.start),
        `'${name}' is outside the repeat '${repeat.id}'`,
        'A condition of a field in a repeat may only use fields of its own item; put the condition on the repeat itself.',
      );
      return undefined;
    }
    return info.field;
  }

  private kindOf(e: Expr, src: Source, mode: Mode, repeat: Field | undefined): Kind | undefined {
    const notCondition = (what: string): undefined => {
      this.report(
        'EXPR_NOT_A_CONDITION',
        src.at(e.span.start),
        `${what} cannot be used in a visible/required/enabled condition`,
        'Conditions compare a field with a value; move field-to-field rules and arithmetic to checks.',
      );
      return undefined;
    };
    const typeError = (message: string, hint: string): undefined => {
      this.report('EXPR_TYPE', src.at(e.span.start), message, hint);
      return undefined;
    };
    switch (e.kind) {
      case 'num':
        return mode === 'condition' ? 'literal' : 'number';
      case 'str':
        return 'literal';
      case 'bool':
        return 'boolean';
      case 'list':
        return 'literal';
      case 'ref': {
        const f = this.resolve(e.name, src, e.span, mode, repeat);
        return f ? valueKind(f) : undefined;
      }
      case 'not': {
        const k = this.kindOf(e.arg, src, mode, repeat);
        if (k && k !== 'boolean')
          return typeError(`'not' needs true/false, not a ${k}`, 'Write not (x = value).');
        return k && 'boolean';
      }
      case 'neg':
        if (mode === 'condition') return notCondition('Arithmetic');
        return this.kindOf(e.arg, src, mode, repeat) && 'number';
      case 'call': {
        if (mode === 'condition' && !FUNCTIONS[e.fn].inConditions) return notCondition(`${e.fn}()`);
        if (e.fn === 'empty' || e.fn === 'filled' || e.fn === 'count') {
          const a = e.args[0]!;
          if (a.kind !== 'ref') return typeError(`${e.fn}() takes a field id`, `Write ${e.fn}(fieldId).`);
          const f = this.resolve(a.name, src, a.span, mode, repeat);
          return f ? (e.fn === 'count' ? 'number' : 'boolean') : undefined;
        }
        const kinds = e.args.map((a) => this.kindOf(a, src, mode, repeat));
        if (kinds.some((k) => k === undefined)) return undefined;
        if (e.fn === 'days' || e.fn === 'years') {
          if (kinds.some((k) => k !== 'date' && k !== 'literal'))
            return typeError(`${e.fn}() takes two dates`, `Write ${e.fn}(fromDate, toDate).`);
          return 'number';
        }
        if (e.fn === 'today') return 'date';
        if (e.fn === 'pseudocode') {
          const [birth, sex, ...names] = kinds;
          if (
            (birth !== 'date' && birth !== 'literal') ||
            (sex !== 'code' && sex !== 'string' && sex !== 'literal') ||
            names.some((k) => k !== 'string' && k !== 'literal')
          )
            return typeError(
              'pseudocode() takes a date of birth, a sex, a last name and a first name',
              'Write pseudocode(patientBirthDate, patientSex, patientLastName, patientFirstName).',
            );
          return 'string';
        }
        if (kinds.some((k) => k !== 'number'))
          return typeError(`${e.fn}() takes numbers`, 'Pass number fields or numbers.');
        return 'number';
      }
      case 'binary':
        return this.binaryKind(e, src, mode, repeat, notCondition, typeError);
    }
  }

  private binaryKind(
    e: Extract<Expr, { kind: 'binary' }>,
    src: Source,
    mode: Mode,
    repeat: Field | undefined,
    notCondition: (what: string) => undefined,
    typeError: (m: string, h: string) => undefined,
  ): Kind | undefined {
    const { op } = e;
    if (op === 'and' || op === 'or') {
      const l = this.kindOf(e.left, src, mode, repeat);
      const r = this.kindOf(e.right, src, mode, repeat);
      if (!l || !r) return undefined;
      if (l !== 'boolean' || r !== 'boolean')
        return typeError(
          `'${op}' joins conditions, not a ${l !== 'boolean' ? l : r}`,
          "Compare each side with a value, e.g. x = '1'.",
        );
      return 'boolean';
    }
    if (['+', '-', '*', '/', '^'].includes(op)) {
      if (mode === 'condition') return notCondition('Arithmetic');
      const l = this.kindOf(e.left, src, mode, repeat);
      const r = this.kindOf(e.right, src, mode, repeat);
      if (!l || !r) return undefined;
      if (l !== 'number' || r !== 'number')
        return typeError(`'${op}' needs numbers`, 'Use number fields or numbers.');
      return 'number';
    }
    // Comparisons: in conditions, a field on the left and a value on the right.
    if (
      mode === 'condition' &&
      (e.left.kind !== 'ref' || !['str', 'num', 'bool', 'list'].includes(e.right.kind))
    )
      return notCondition(
        e.left.kind === 'ref' && e.right.kind === 'ref' ? 'Comparing two fields' : 'This comparison',
      );
    const l = this.kindOf(e.left, src, mode, repeat);
    const r = this.kindOf(e.right, src, mode, repeat);
    if (!l || !r) return undefined;
    const field = e.left.kind === 'ref' ? this.fieldOf(e.left.name, repeat) : undefined;
    if (op === 'contains') {
      if (l !== 'codes')
        return typeError(
          `'contains' needs a multiple choice field, not a ${l}`,
          "Use '=' or 'in' for a single value.",
        );
      if (e.right.kind !== 'str')
        return typeError("'contains' needs a code in quotes", "Write x contains 'CODE'.");
      this.checkCode(field, e.right.value, src, e.right.span.start);
      return 'boolean';
    }
    if (op === 'in') {
      if (e.right.kind !== 'list') return undefined;
      for (const item of e.right.items) this.checkLiteral(field, l, item, src);
      if (l === 'codes')
        return typeError("'in' needs a single value; this is a multiple choice", "Use 'contains'.");
      return 'boolean';
    }
    if (l === 'codes' || l === 'list' || l === 'none')
      return typeError(
        `A ${l === 'codes' ? 'multiple choice' : l === 'list' ? 'repeat' : 'note'} cannot be compared with '${op}'`,
        "Use 'contains', or count().",
      );
    if (r === 'literal' && e.right.kind !== 'list') this.checkLiteral(field, l, e.right, src);
    else if (l !== r && l !== 'literal')
      return typeError(`Cannot compare a ${l} with a ${r}`, 'Compare values of the same kind.');
    if (['<', '<=', '>', '>='].includes(op) && !['number', 'date', 'time', 'literal'].includes(l))
      return typeError(`'${op}' needs numbers, dates or times, not a ${l}`, "Use '=' or 'in'.");
    if (mode === 'condition' && ['<', '<=', '>', '>='].includes(op) && l === 'time')
      return typeError(
        `Times cannot be ordered with '${op}' in a condition`,
        'Move the comparison to checks.',
      );
    return 'boolean';
  }

  private fieldOf(id: string, repeat: Field | undefined): Field | undefined {
    return repeat?.fields?.find((f) => f.id === id) ?? this.byId.get(id)?.field;
  }

  /** A literal compared with a field must be of the field's kind (and a known code). */
  private checkLiteral(field: Field | undefined, kind: Kind, lit: Expr, src: Source): void {
    const at = src.at(lit.span.start);
    const bad = (message: string, hint: string) => this.report('EXPR_TYPE', at, message, hint);
    if (kind === 'number' && lit.kind !== 'num')
      bad('A number field is compared with a non-number', 'Write a number without quotes.');
    else if (kind === 'boolean' && lit.kind !== 'bool')
      bad('A yes/no field is compared with something else than true/false', 'Write true or false.');
    else if (kind === 'date' && (lit.kind !== 'str' || !ISO_DATE.test(lit.value)))
      bad('A date field is compared with something that is not a date', "Write the date as 'yyyy-mm-dd'.");
    else if (kind === 'time' && (lit.kind !== 'str' || !/^([01]\d|2[0-3]):[0-5]\d$/.test(lit.value)))
      bad('A time field is compared with something that is not a time', "Write the time as 'hh:mm'.");
    else if ((kind === 'code' || kind === 'codes') && lit.kind !== 'str')
      bad('A code is compared without quotes', `Quote the code: '${lit.kind === 'num' ? lit.value : '…'}'.`);
    else if (kind === 'string' && lit.kind !== 'str')
      bad('A text field is compared with a non-text value', 'Quote the value.');
    else if ((kind === 'code' || kind === 'codes') && lit.kind === 'str')
      this.checkCode(field, lit.value, src, lit.span.start);
  }

  private checkCode(field: Field | undefined, code: string, src: Source, offset: number): void {
    if (!field?.codes || field.codes.length === 0) return;
    const codes = field.codes.map((c) => c.code);
    if (!codes.includes(code))
      this.report(
        'EXPR_UNKNOWN_CODE',
        src.at(offset),
        `'${field.id}' has no code '${code}'`,
        `Use one of its codes (${codes.slice(0, 8).join(', ')}${codes.length > 8 ? ', …' : ''}).${suggestion(code, codes)}`,
      );
  }
}

/*
 * Can all these conditions hold at once? Conditions are brought to disjunctive normal form
 * over atoms on single fields; a conjunction is impossible when it asks one field for two
 * different values, a value and its negation, empty and filled, or an empty range.
 */
type Atom = {
  field: string;
  test: 'eq' | 'in' | 'filled' | 'lt' | 'le' | 'gt' | 'ge' | 'contains';
  values: unknown[];
  negated: boolean;
};
type Conj = Atom[];
const LIMIT = 256;

function satisfiable(conds: Expr[]): boolean {
  let dnf: Conj[] | undefined = [[]];
  for (const c of conds) {
    const d = toDnf(c, false);
    if (!d) return true; // too large or not understood: assume it can hold
    dnf = product(dnf, d);
    if (!dnf) return true;
  }
  return dnf.some((conj) => consistent(conj));
}

function product(a: Conj[], b: Conj[]): Conj[] | undefined {
  if (a.length * b.length > LIMIT) return undefined;
  return a.flatMap((x) => b.map((y) => [...x, ...y]));
}

function toDnf(e: Expr, neg: boolean): Conj[] | undefined {
  switch (e.kind) {
    case 'bool':
      return e.value !== neg ? [[]] : [];
    case 'not':
      return toDnf(e.arg, !neg);
    case 'ref':
      return [[{ field: e.name, test: 'eq', values: [true], negated: neg }]];
    case 'call':
      if ((e.fn === 'empty' || e.fn === 'filled') && e.args[0]?.kind === 'ref')
        return [[{ field: e.args[0].name, test: 'filled', values: [], negated: (e.fn === 'empty') !== neg }]];
      return undefined;
    case 'binary': {
      const { op } = e;
      if (op === 'and' || op === 'or') {
        const l = toDnf(e.left, neg);
        const r = toDnf(e.right, neg);
        if (!l || !r) return undefined;
        // De Morgan: a negated 'and' is an 'or' of negations.
        const isAnd = (op === 'and') !== neg;
        return isAnd ? product(l, r) : [...l, ...r];
      }
      if (e.left.kind !== 'ref') return undefined;
      const lit = (x: Expr): unknown =>
        x.kind === 'num' || x.kind === 'str' || x.kind === 'bool' ? x.value : undefined;
      const field = e.left.name;
      const test: Atom['test'] | undefined =
        op === '=' || op === '!='
          ? 'eq'
          : op === 'in'
            ? 'in'
            : op === 'contains'
              ? 'contains'
              : ({ '<': 'lt', '<=': 'le', '>': 'gt', '>=': 'ge' } as const)[op as '<'];
      if (!test) return undefined;
      const values = e.right.kind === 'list' ? e.right.items.map(lit) : [lit(e.right)];
      return [[{ field, test, values, negated: neg !== (op === '!=') }]];
    }
    default:
      return undefined;
  }
}

function consistent(conj: Conj): boolean {
  const byField = new Map<string, Atom[]>();
  for (const a of conj) byField.set(a.field, [...(byField.get(a.field) ?? []), a]);
  for (const atoms of byField.values()) {
    let allowed: Set<unknown> | undefined;
    const excluded = new Set<unknown>();
    let mustBeEmpty = false;
    let mustBeFilled = false;
    let lo = Number.NEGATIVE_INFINITY;
    let hi = Number.POSITIVE_INFINITY;
    for (const a of atoms) {
      if (a.test === 'filled') {
        if (a.negated) mustBeEmpty = true;
        else mustBeFilled = true;
        continue;
      }
      if (a.test === 'contains') {
        if (!a.negated) mustBeFilled = true;
        continue;
      }
      if (a.test === 'eq' || a.test === 'in') {
        if (a.negated) {
          if (a.test === 'eq') excluded.add(a.values[0]);
          else for (const v of a.values) excluded.add(v);
          continue;
        }
        mustBeFilled = true;
        const set = new Set(a.values);
        allowed = allowed ? new Set([...allowed].filter((v) => set.has(v))) : set;
        continue;
      }
      const v = a.values[0];
      if (typeof v !== 'number' || a.negated) continue;
      mustBeFilled = true;
      if (a.test === 'gt' || a.test === 'ge') lo = Math.max(lo, a.test === 'gt' ? v + 1e-9 : v);
      else hi = Math.min(hi, a.test === 'lt' ? v - 1e-9 : v);
    }
    if (mustBeEmpty && mustBeFilled) return false;
    if (lo > hi) return false;
    if (allowed) {
      const left = [...allowed].filter((v) => !excluded.has(v));
      if (left.length === 0) return false;
      if (left.every((v) => typeof v === 'number' && (v < lo || v > hi))) return false;
    }
  }
  return true;
}
