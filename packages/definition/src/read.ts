/*
 * Stage 1, read: YAML text → checked plain values, with positions. Every key is checked
 * against the format table (format.ts); problems become diagnostics and reading goes on.
 */
import { parseExpression } from '@regforms/expression';
import { codePoint, hiddenCharacterName, hiddenCharacters } from '@regforms/runtime';
import { isMap, isScalar, isSeq, LineCounter, type Node, type Pair, parseDocument, type YAMLMap } from 'yaml';
import { type Diagnostic, type DiagnosticCode, suggestion } from './diagnostics.ts';
import {
  FIELD_COMMON_KEYS,
  FIELD_TYPE_KEYS,
  FIELD_TYPES,
  type FieldType,
  ISO_DATE,
  type KeySpec,
  LANGUAGE,
  NODE_KEYS,
  type NodeKind,
  SEMVER,
  type ValueSpec,
} from './format.ts';
import type { Loc, Source, Text } from './model.ts';

/** A checked mapping: converted values by key, plus where it and each key stand. */
export interface Obj {
  values: Record<string, unknown>;
  loc: Loc;
  keyLoc: Record<string, Loc>;
  /** For list values: where each item stands. */
  itemLoc: Record<string, Loc[]>;
  /** `field` for a field item, `use` for a fragment use, else the node kind. */
  kind: NodeKind | 'field';
}

/** Where each text map stands, for language checks done once the registry is known. */
export const textLocs = new WeakMap<Text, Loc>();

const YAML_CODES: Record<string, { code: DiagnosticCode; hint: string }> = {
  DUPLICATE_KEY: { code: 'YAML_DUPLICATE_KEY', hint: 'Remove or rename one of the two keys.' },
  TAB_AS_INDENT: { code: 'YAML_TAB', hint: 'Indent with spaces; YAML does not allow tabs for indentation.' },
};

/** Longest text per kind (the key it is under); others get DEFAULT_TEXT_LIMIT. A warning. */
export const TEXT_LIMITS: Record<string, number> = {
  label: 200,
  itemLabel: 100,
  title: 200,
  message: 300,
  help: 1000,
  description: 2000,
};
const DEFAULT_TEXT_LIMIT = 1000;

/** The last key of a path: `label` of `sections[0].fields[2].label`. */
const lastKey = (path: string) => /([A-Za-z_]+)(?:\[\d+\])*$/.exec(path)?.[1] ?? path;

/** Deepest nesting read (flow brackets, and list dashes and indentation on a line). */
export const MAX_DEPTH = 100;

/**
 * The offset where the text nests deeper than `max`, or undefined. A linear scan, not a parse:
 * flow brackets outside quotes and comments, and per line the indentation (two spaces a level)
 * plus the compact list dashes (`- - - x`). Brackets inside a plain text only count if a
 * hundred are left open, which no real definition does.
 */
export function tooDeep(text: string, max: number): number | undefined {
  let flow = 0;
  let lineStart = true;
  let indent = 0;
  let dashes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      lineStart = true;
      indent = 0;
      dashes = 0;
      continue;
    }
    if (lineStart) {
      if (c === ' ') {
        indent++;
        continue;
      }
      if (c === '-' && (text[i + 1] === ' ' || text[i + 1] === '\n')) {
        dashes++;
        if (Math.floor(indent / 2) + dashes + flow > max) return i;
        i++;
        indent++;
        continue;
      }
      lineStart = false;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      if (end === -1) break;
      i = end - 1;
    } else if ((c === '"' || c === "'") && /^[\s[{,:]?$/.test(text[i - 1] ?? '')) {
      // A quoted scalar: skip to its closing quote ('' and \" are escapes).
      for (i++; i < text.length; i++) {
        if (c === '"' && text[i] === '\\') i++;
        else if (text[i] === c) {
          if (c === "'" && text[i + 1] === "'") i++;
          else break;
        }
      }
    } else if (c === '[' || c === '{') {
      flow++;
      if (Math.floor(indent / 2) + dashes + flow > max) return i;
    } else if ((c === ']' || c === '}') && flow > 0) flow--;
  }
  return undefined;
}

export class FileReader {
  lines = new LineCounter();
  readonly root: Node | null = null;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly diagnostics: Diagnostic[],
  ) {
    // Deep nesting is refused before parsing: the parser and every later walk recurse on it,
    // and a hostile file of nested brackets would otherwise end in a stack overflow.
    this.lines.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.lines.addNewLine(i + 1);
    const deep = tooDeep(text, MAX_DEPTH);
    if (deep !== undefined) {
      this.report(
        'YAML_TOO_DEEP',
        this.locAt(deep, ''),
        `Nested more than ${MAX_DEPTH} levels deep here`,
        'A definition needs a few levels of nesting: look for brackets [ { or list dashes that are never closed or repeat by mistake.',
      );
      return;
    }
    this.lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    const linesReported = new Set<number>();
    for (const e of doc.errors) {
      // One YAML mistake often yields several errors on its line: the first says it best.
      const line = this.lines.linePos(e.pos[0]).line;
      if (linesReported.has(line)) continue;
      linesReported.add(line);
      const known = YAML_CODES[e.code];
      const hasTab = e.code !== 'DUPLICATE_KEY' && /\t/.test(this.lineAt(e.pos[0]));
      const mapped = known ?? (hasTab ? YAML_CODES.TAB_AS_INDENT! : undefined);
      const key = /^[\w-]+/.exec(this.text.slice(e.pos[0]))?.[0];
      this.report(
        mapped?.code ?? 'YAML_SYNTAX',
        this.locAt(e.pos[0], ''),
        e.code === 'DUPLICATE_KEY' && key
          ? `The key '${key}' appears twice in this mapping`
          : e.message.split('\n')[0]!,
        mapped?.hint ?? 'Fix the YAML syntax at this place (indentation, quotes, colons).',
      );
    }
    if (doc.errors.length === 0) this.root = doc.contents as Node | null;
  }

  private lineAt(offset: number): string {
    const { line } = this.lines.linePos(offset);
    return this.text.split('\n')[line - 1] ?? '';
  }

  locAt(offset: number, path: string): Loc {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col, path };
  }

  locOf(node: Node | Pair | null | undefined, path: string): Loc {
    const range = node && 'range' in node ? node.range : undefined;
    return this.locAt(range?.[0] ?? 0, path);
  }

  report(
    code: DiagnosticCode,
    loc: Loc,
    message: string,
    hint: string,
    severity: 'error' | 'warning' = 'error',
  ) {
    this.diagnostics.push({ code, severity, message, hint, ...loc });
  }

  /** Reads the root mapping as a node of the given kind. */
  readRoot(kind: NodeKind): Obj | undefined {
    if (!this.root) {
      if (!this.diagnostics.some((d) => d.file === this.file))
        this.report(
          'FORMAT_WRONG_TYPE',
          this.locAt(0, ''),
          'The file is empty',
          'Write the definition here.',
        );
      return undefined;
    }
    return this.readNode(this.root, kind, '');
  }

  private readNode(
    node: Node,
    kind: NodeKind | 'field',
    path: string,
    keys?: Record<string, KeySpec>,
  ): Obj | undefined {
    if (!isMap(node)) {
      this.report(
        'FORMAT_WRONG_TYPE',
        this.locOf(node, path),
        `Expected a mapping (key: value lines) for ${describeKind(kind)}`,
        'Write it as indented `key: value` lines.',
      );
      return undefined;
    }
    const spec = keys ?? (kind === 'field' ? {} : NODE_KEYS[kind]);
    const obj: Obj = { values: {}, loc: this.locOf(node, path), keyLoc: {}, itemLoc: {}, kind };
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const keyPath = path ? `${path}.${key}` : key;
      const keyLoc = this.locOf(pair.key as Node, keyPath);
      const ks = spec[key];
      if (!ks) {
        this.report(
          'FORMAT_UNKNOWN_KEY',
          keyLoc,
          `Unknown key '${key}' in ${describeKind(kind)}`,
          `Remove it or use one of: ${Object.keys(spec).join(', ')}.${suggestion(key, Object.keys(spec))}`,
        );
        continue;
      }
      obj.keyLoc[key] = keyLoc;
      if (isSeq(pair.value))
        obj.itemLoc[key] = pair.value.items.map((item, i) => this.locOf(item as Node, `${keyPath}[${i}]`));
      const value = this.readValue(pair.value as Node | null, ks.value, keyPath, keyLoc);
      if (value !== undefined) obj.values[key] = value;
    }
    const idNode = node.get('id', true);
    const named =
      kind === 'field' && isScalar(idNode) ? `field '${String(idNode.value)}'` : describeKind(kind);
    for (const [key, ks] of Object.entries(spec)) {
      if (ks.required && !(key in obj.keyLoc))
        this.report(
          'FORMAT_MISSING_KEY',
          obj.loc,
          `${capitalise(named)} has no '${key}'`,
          `Add '${key}:' (${ks.doc.toLowerCase()}).`,
        );
    }
    return obj;
  }

  private wrongType(
    node: Node | null,
    path: string,
    fallback: Loc,
    expected: string,
    hint: string,
  ): undefined {
    this.report(
      'FORMAT_WRONG_TYPE',
      node ? this.locOf(node, path) : fallback,
      `'${path.split('.').pop()}' must be ${expected}`,
      hint,
    );
    return undefined;
  }

  private readValue(node: Node | null, spec: ValueSpec, path: string, keyLoc: Loc): unknown {
    const scalar = node && isScalar(node) ? node.value : undefined;
    switch (spec.t) {
      case 'string': {
        if (typeof scalar === 'number' && spec.pattern === SEMVER) {
          this.report(
            'VERSION_NOT_SEMVER',
            this.locOf(node, path),
            `'${scalar}' is not a semver version`,
            'Write MAJOR.MINOR.PATCH, e.g. 1.2.0.',
          );
          return undefined;
        }
        if (typeof scalar === 'number') {
          this.report(
            'FORMAT_WRONG_TYPE',
            this.locOf(node, path),
            `'${path.split('.').pop()}' is read as the number ${scalar}, but it is text`,
            `Quote it: "${scalar}" (quotes also keep leading zeros).`,
          );
          return undefined;
        }
        if (typeof scalar !== 'string')
          return this.wrongType(
            node,
            path,
            keyLoc,
            spec.enum ? `one of ${spec.enum.join(', ')}` : (spec.what ?? 'text'),
            'Write a single value on this line.',
          );
        if (node) this.checkCharacters(node, scalar, path, `value of '${lastKey(path)}'`);
        if (spec.enum && !spec.enum.includes(scalar)) {
          const code = path.endsWith('type') ? 'FORMAT_UNKNOWN_FIELD_TYPE' : 'FORMAT_BAD_VALUE';
          this.report(
            code,
            this.locOf(node, path),
            `'${scalar}' is not ${code === 'FORMAT_UNKNOWN_FIELD_TYPE' ? 'a field type' : 'allowed here'}`,
            `Use one of: ${spec.enum.join(', ')}.${suggestion(scalar, spec.enum)}`,
          );
          return undefined;
        }
        if (spec.pattern && !spec.pattern.test(scalar)) {
          this.report(
            'FORMAT_BAD_VALUE',
            this.locOf(node, path),
            `'${scalar}' is not ${spec.what ?? 'valid here'}`,
            `Write ${spec.what ?? 'a valid value'}.`,
          );
          return undefined;
        }
        return scalar;
      }
      case 'number':
        if (typeof scalar !== 'number')
          return this.wrongType(node, path, keyLoc, 'a number', 'Write a number, e.g. 12.5.');
        return scalar;
      case 'integer':
        if (typeof scalar !== 'number' || !Number.isInteger(scalar) || scalar < (spec.minimum ?? -Infinity))
          return this.wrongType(
            node,
            path,
            keyLoc,
            `a whole number${spec.minimum !== undefined ? ` ≥ ${spec.minimum}` : ''}`,
            'Write a whole number.',
          );
        return scalar;
      case 'boolean':
        if (typeof scalar !== 'boolean')
          return this.wrongType(node, path, keyLoc, 'true or false', 'Write true or false.');
        return scalar;
      case 'bound':
        if (typeof scalar === 'number') return scalar;
        if (typeof scalar === 'string' && (scalar === 'today' || ISO_DATE.test(scalar))) return scalar;
        return this.wrongType(
          node,
          path,
          keyLoc,
          'a number, a date yyyy-mm-dd or today',
          'Write e.g. 2024-01-01 or today.',
        );
      case 'text':
        return this.readText(node, path, keyLoc);
      case 'condition':
      case 'expression':
        if (typeof scalar !== 'string' || !node)
          return this.wrongType(
            node,
            path,
            keyLoc,
            'an expression in quotes',
            'Write e.g. "indication = \'STEMI\'".',
          );
        return this.readSource(node, scalar, path);
      case 'required':
        if (typeof scalar === 'boolean') return scalar;
        if (typeof scalar === 'string' && node) return this.readSource(node, scalar, path);
        return this.wrongType(
          node,
          path,
          keyLoc,
          'true, false or a condition',
          'Write true, or a condition in quotes.',
        );
      case 'list': {
        if (!node || !isSeq(node))
          return this.wrongType(
            node,
            path,
            keyLoc,
            'a list',
            'Write one item per line, each starting with "- ".',
          );
        const out: unknown[] = [];
        node.items.forEach((item, i) => {
          const v = this.readValue(item as Node, spec.of, `${path}[${i}]`, keyLoc);
          if (v !== undefined) out.push(v);
        });
        return out;
      }
      case 'oneOrList':
        if (node && isSeq(node)) {
          if (node.items.length === 0)
            return this.wrongType(node, path, keyLoc, 'a non-empty list', 'Name at least one field id.');
          return this.readValue(node, { t: 'list', of: spec.of }, path, keyLoc);
        }
        return this.readValue(node, spec.of, path, keyLoc);
      case 'map': {
        if (!node || !isMap(node))
          return this.wrongType(node, path, keyLoc, 'a mapping', 'Write indented `key: value` lines.');
        const out: Record<string, unknown> = {};
        for (const pair of (node as YAMLMap).items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : '';
          if (!spec.keys.test(key)) {
            this.report(
              'FORMAT_BAD_VALUE',
              this.locOf(pair.key as Node, `${path}.${key}`),
              `'${key}' is not ${spec.what}`,
              `Use ${spec.what} as the key.`,
            );
            continue;
          }
          const v = this.readValue(pair.value as Node | null, spec.of, `${path}.${key}`, keyLoc);
          if (v !== undefined) out[key] = v;
        }
        return out;
      }
      case 'node':
        return node
          ? this.readNode(node, spec.kind, path)
          : this.wrongType(node, path, keyLoc, 'a mapping', 'Fill it in.');
      case 'sectionItem':
        if (node && isMap(node) && node.has('use')) return this.readNode(node, 'use', path);
        return node
          ? this.readNode(node, 'section', path)
          : this.wrongType(node, path, keyLoc, 'a section', 'Fill it in.');
      case 'fieldItem':
        return this.readField(node, path, keyLoc);
    }
  }

  private readField(node: Node | null, path: string, keyLoc: Loc): Obj | undefined {
    if (!node || !isMap(node))
      return this.wrongType(node, path, keyLoc, 'a field', 'Write the field as `key: value` lines.');
    if (node.has('use')) return this.readNode(node, 'use', path);
    const typeNode = node.get('type', true) as Node | undefined;
    const type = typeNode && isScalar(typeNode) ? typeNode.value : undefined;
    let keys: Record<string, KeySpec> = FIELD_COMMON_KEYS;
    if (typeof type === 'string' && (FIELD_TYPES as readonly string[]).includes(type))
      keys = { ...FIELD_COMMON_KEYS, ...FIELD_TYPE_KEYS[type as FieldType] };
    else if (type !== undefined) {
      // An unknown type: read the common keys only, so other keys are not reported as unknown.
      keys = {};
      for (const t of FIELD_TYPES)
        for (const [k, spec] of Object.entries(FIELD_TYPE_KEYS[t])) keys[k] = { ...spec, required: false };
      Object.assign(keys, FIELD_COMMON_KEYS);
    }
    return this.readNode(node, 'field', path, keys);
  }

  private readText(node: Node | null, path: string, keyLoc: Loc): Text | undefined {
    if (!node || !isMap(node))
      return this.wrongType(
        node,
        path,
        keyLoc,
        'a text per language',
        'Write it as { fr: …, nl: …, en: … }.',
      );
    const out: Text = {};
    for (const pair of node.items) {
      const lang = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!LANGUAGE.test(lang)) {
        this.report(
          'FORMAT_BAD_VALUE',
          this.locOf(pair.key as Node, `${path}.${lang}`),
          `'${lang.length > 40 ? `${lang.slice(0, 40)}…` : lang}' is not a language code`,
          "Texts are keyed by two-letter language codes; a text that contains ': ' or '#' must be quoted.",
        );
        continue;
      }
      const v = isScalar(pair.value) ? pair.value.value : undefined;
      if (typeof v !== 'string' || v.trim() === '') {
        this.report(
          'FORMAT_WRONG_TYPE',
          this.locOf((pair.value ?? pair.key) as Node, `${path}.${lang}`),
          `The ${lang} text of '${path.split('.').pop()}' must be non-empty text`,
          typeof v === 'number' || typeof v === 'boolean'
            ? `Quote it: "${v}".`
            : 'Write the text, or remove the line.',
        );
        continue;
      }
      const value = pair.value as Node;
      this.checkCharacters(value, v, `${path}.${lang}`, `${lang} ${lastKey(path)}`);
      const limit = TEXT_LIMITS[lastKey(path)] ?? DEFAULT_TEXT_LIMIT;
      if (v.length > limit)
        this.report(
          'TEXT_TOO_LONG',
          this.locOf(value, `${path}.${lang}`),
          `The ${lang} ${lastKey(path)} is ${v.length.toLocaleString('en')} characters long; at most ${limit.toLocaleString('en')} are allowed`,
          lastKey(path) === 'help' || lastKey(path) === 'description'
            ? 'Shorten it: forms, CSV dictionaries and reports show it whole.'
            : 'Shorten it, and put what explains it in help.',
          'warning',
        );
      out[lang] = v;
    }
    textLocs.set(out, this.locOf(node, path));
    return out;
  }

  /**
   * Warns about characters that change what a reader sees without being seen (characters.ts
   * in the runtime), at the first of them where the text is written as it is read.
   */
  private checkCharacters(node: Node, text: string, path: string, what: string): void {
    const found = hiddenCharacters(text);
    if (found.length === 0) return;
    const first = found[0]!;
    const start = node.range?.[0] ?? 0;
    const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
    const base = start + (quoted ? 1 : 0);
    // Exact only when the source holds the text as it is (no escapes, one line).
    const literal = this.text.slice(base, base + text.length) === text;
    this.report(
      'TEXT_HIDDEN_CHARACTER',
      literal ? this.locAt(base + first.index, path) : this.locOf(node, path),
      `The ${what} holds ${found.length === 1 ? 'a hidden character' : `${found.length} hidden characters`}: ${codePoint(first.char)}, ${hiddenCharacterName(first.char)}${found.length > 1 ? ', …' : ''}`,
      'Retype it without: such a character makes the text read other than it is (reordered, joined, or a terminal command).',
      'warning',
    );
  }

  private readSource(node: Node, text: string, path: string): Source | undefined {
    const loc = this.locOf(node, path);
    // Offsets inside the string map to the file only for a scalar on one line.
    const start = node.range?.[0] ?? 0;
    const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
    const base = start + (quoted ? 1 : 0);
    const oneLine = !text.includes('\n') && !(isScalar(node) && node.type?.startsWith('BLOCK'));
    const at = (offset: number): Loc => (oneLine ? this.locAt(base + offset, path) : loc);
    const parsed = parseExpression(text);
    if ('error' in parsed) {
      this.report('EXPR_SYNTAX', at(parsed.error.span.start), parsed.error.message, parsed.error.hint);
      return undefined;
    }
    return { text, expr: parsed.expr, loc, at };
  }
}

function describeKind(kind: NodeKind | 'field'): string {
  switch (kind) {
    case 'registrationType':
      return 'a registration type';
    case 'use':
      return 'a fragment use';
    case 'codelist':
      return 'a code list';
    default:
      return `a ${kind}`;
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
