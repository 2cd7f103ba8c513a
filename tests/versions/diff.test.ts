/*
 * The semantic diff on pairs of small definitions: every kind of change, with its class
 * (major = existing drafts or records may become invalid, minor = compatible, patch = wording).
 */
import { bumpVersion, declaredBump, diffVersions, formatDiff, maxClass, normalise } from '@regforms/diff';
import { parseExpression } from '@regforms/expression';
import { describe, expect, it } from 'vitest';
import { L, twoVersions, type VersionSpec, VISIT_DATE } from './support.ts';

type Expected = [kind: string, cls: 'major' | 'minor' | 'patch', fieldId: string];

const text = (id: string, name: string, more = '') =>
  `{ id: ${id}, name: ${name}, type: text, label: ${L(id)}${more ? `, ${more}` : ''} }`;
const int = (id: string, name: string, more = '') =>
  `{ id: ${id}, name: ${name}, type: integer, label: ${L(id)}${more ? `, ${more}` : ''} }`;
const kind = (more = '', options = `{ code: A, label: ${L('A')} }, { code: B, label: ${L('B')} }`) =>
  `{ id: kind, name: CD_KIND, type: choice, options: [${options}], label: ${L('Kind')}${more ? `, ${more}` : ''} }`;
const pci = (max: number, more = '') =>
  `{ id: pci, name: PCI, type: repeat, max: ${max}, label: ${L('PCI')}${more ? `, ${more}` : ''}, fields: [{ id: pciDate, name: DT_PCI, type: date, label: ${L('Date')} }, { id: pciStent, name: NR_STENT, type: integer, label: ${L('Stents')} }] }`;
const A = `{ code: A, label: ${L('A')} }`;
const B = `{ code: B, label: ${L('B')} }`;
const C = `{ code: C, label: ${L('C')} }`;

/** [name, fields before, fields after, the changes expected (besides the form's own texts)]. */
const CASES: [string, string[], string[], Expected[]][] = [
  ['an optional field added', [], [text('note1', 'TX_NOTE')], [['field-added', 'minor', 'note1']]],
  [
    'a mandatory field added',
    [],
    [text('why', 'TX_WHY', 'required: true')],
    [['field-added', 'major', 'why']],
  ],
  [
    'a mandatory field added, shown only for a new code',
    [kind()],
    [kind('', `${A}, ${B}, ${C}`), text('cDetail', 'TX_C', `required: true, visible: "kind = 'C'"`)],
    [
      ['code-added', 'minor', 'kind'],
      ['field-added', 'minor', 'cDetail'],
    ],
  ],
  [
    'a computed field added, mandatory',
    [int('a', 'NR_A')],
    [int('a', 'NR_A'), int('b', 'NR_B', 'required: true, compute: a * 2')],
    [['field-added', 'minor', 'b']],
  ],
  [
    'a note added',
    [],
    [`{ id: info, type: note, label: ${L('Read this')} }`],
    [['field-added', 'patch', 'info']],
  ],
  ['a field removed', [text('old', 'TX_OLD')], [], [['field-removed', 'major', 'old']]],
  [
    'a note removed',
    [`{ id: info, type: note, label: ${L('x')} }`],
    [],
    [['field-removed', 'patch', 'info']],
  ],
  [
    'same id, new technical name',
    [text('comment', 'TX_COMMENT')],
    [text('comment', 'TX_REMARK')],
    [['field-renamed', 'major', 'comment']],
  ],
  [
    'same technical name, new id',
    [`{ id: comment, name: TX_COMMENT, type: text, label: ${L('Comment')} }`],
    [`{ id: remark, name: TX_COMMENT, type: text, label: ${L('Comment')} }`],
    [['field-reidentified', 'patch', 'remark']],
  ],
  ['text → integer', [text('n', 'NR_N')], [int('n', 'NR_N')], [['type-changed', 'major', 'n']]],
  [
    'integer → decimal',
    [int('n', 'MS_N')],
    [`{ id: n, name: MS_N, type: decimal, label: ${L('n')} }`],
    [['type-changed', 'minor', 'n']],
  ],
  ['a code added', [kind()], [kind('', `${A}, ${B}, ${C}`)], [['code-added', 'minor', 'kind']]],
  ['a code removed', [kind()], [kind('', A)], [['code-removed', 'major', 'kind']]],
  [
    'a code relabelled',
    [kind()],
    [kind('', `${A}, { code: B, label: ${L('Bee')} }`)],
    [['code-relabelled', 'patch', 'kind']],
  ],
  [
    'a code bound to SNOMED CT',
    [kind()],
    [kind('', `${A}, { code: B, label: ${L('B')}, snomed: "373066001" }`)],
    [['code-binding-changed', 'patch', 'kind']],
  ],
  ['codes reordered', [kind()], [kind('', `${B}, ${A}`)], [['codes-reordered', 'patch', 'kind']]],
  [
    'optional → required',
    [text('t', 'TX_T')],
    [text('t', 'TX_T', 'required: true')],
    [['required-changed', 'major', 't']],
  ],
  [
    'required → optional',
    [text('t', 'TX_T', 'required: true')],
    [text('t', 'TX_T')],
    [['required-changed', 'minor', 't']],
  ],
  [
    'required → required only when a condition holds',
    [kind(), text('t', 'TX_T', 'required: true')],
    [kind(), text('t', 'TX_T', `required: "kind = 'A'"`)],
    [['required-changed', 'minor', 't']],
  ],
  [
    'required in more cases',
    [kind(), text('t', 'TX_T', `required: "kind = 'A'"`)],
    [kind(), text('t', 'TX_T', `required: "kind in ['A', 'B']"`)],
    [['required-changed', 'major', 't']],
  ],
  [
    'required in more cases, only for a new code',
    [kind(), text('t', 'TX_T', `required: "kind = 'A'"`)],
    [kind('', `${A}, ${B}, ${C}`), text('t', 'TX_T', `required: "kind = 'A' or kind = 'C'"`)],
    [
      ['code-added', 'minor', 'kind'],
      ['required-changed', 'minor', 't'],
    ],
  ],
  [
    'a mandatory field shown in more cases',
    [kind(), text('t', 'TX_T', `required: true, visible: "kind = 'A'"`)],
    [kind(), text('t', 'TX_T', `required: true, visible: "kind = 'A' or kind = 'B'"`)],
    [['visible-changed', 'major', 't']],
  ],
  [
    'a mandatory field always shown (condition removed)',
    [kind(), text('t', 'TX_T', `required: true, visible: "kind = 'A'"`)],
    [kind(), text('t', 'TX_T', 'required: true')],
    [['visible-changed', 'major', 't']],
  ],
  [
    'a field shown in fewer cases',
    [kind(), text('t', 'TX_T', `required: true, visible: "kind = 'A' or kind = 'B'"`)],
    [kind(), text('t', 'TX_T', `required: true, visible: "kind = 'A'"`)],
    [['visible-changed', 'minor', 't']],
  ],
  [
    'an optional field shown under another condition',
    [kind(), text('t', 'TX_T', `visible: "kind = 'A'"`)],
    [kind(), text('t', 'TX_T', `visible: "kind = 'B'"`)],
    [['visible-changed', 'minor', 't']],
  ],
  [
    'a mandatory field shown under another condition',
    [kind(), text('t', 'TX_T', `required: true, visible: "kind = 'A'"`)],
    [kind(), text('t', 'TX_T', `required: true, visible: "kind = 'B'"`)],
    [['visible-changed', 'major', 't']],
  ],
  [
    'the same condition written differently',
    [
      kind(),
      int('n', 'NR_N'),
      text('t', 'TX_T', `required: true, visible: "kind = 'A' or (n > 3 and kind = 'B')"`),
    ],
    [
      kind(),
      int('n', 'NR_N'),
      text('t', 'TX_T', `required: true, visible: "(kind='B' and n>3) or kind = 'A'"`),
    ],
    [],
  ],
  [
    'enabled under another condition',
    [kind(), text('t', 'TX_T', `enabled: "kind = 'A'"`)],
    [kind(), text('t', 'TX_T', `enabled: "kind = 'B'"`)],
    [['enabled-changed', 'minor', 't']],
  ],
  [
    'computed differently',
    [int('a', 'NR_A'), int('b', 'NR_B', 'compute: a * 2')],
    [int('a', 'NR_A'), int('b', 'NR_B', 'compute: a * 3')],
    [['compute-changed', 'minor', 'b']],
  ],
  [
    'a rule added',
    [int('a', 'NR_A')],
    [int('a', 'NR_A', `checks: [{ rule: a < 10, message: ${L('too big')} }]`)],
    [['check-added', 'major', 'a']],
  ],
  [
    'a rule removed',
    [int('a', 'NR_A', `checks: [{ rule: a < 10, message: ${L('too big')} }]`)],
    [int('a', 'NR_A')],
    [['check-removed', 'minor', 'a']],
  ],
  [
    'a rule reworded',
    [int('a', 'NR_A', `checks: [{ rule: a < 10, message: ${L('too big')} }]`)],
    [int('a', 'NR_A', `checks: [{ rule: a < 10, message: ${L('less than 10, please')} }]`)],
    [['check-message-changed', 'patch', 'a']],
  ],
  [
    'min raised',
    [int('a', 'NR_A', 'min: 0')],
    [int('a', 'NR_A', 'min: 1')],
    [['constraint-changed', 'major', 'a']],
  ],
  [
    'min lowered',
    [int('a', 'NR_A', 'min: 1')],
    [int('a', 'NR_A', 'min: 0')],
    [['constraint-changed', 'minor', 'a']],
  ],
  ['max added', [int('a', 'NR_A')], [int('a', 'NR_A', 'max: 9')], [['constraint-changed', 'major', 'a']]],
  ['max removed', [int('a', 'NR_A', 'max: 9')], [int('a', 'NR_A')], [['constraint-changed', 'minor', 'a']]],
  [
    'maximum length lowered',
    [text('t', 'TX_T', 'maxLength: 50')],
    [text('t', 'TX_T', 'maxLength: 20')],
    [['constraint-changed', 'major', 't']],
  ],
  [
    'minimum length lowered',
    [text('t', 'TX_T', 'minLength: 5')],
    [text('t', 'TX_T', 'minLength: 2')],
    [['constraint-changed', 'minor', 't']],
  ],
  [
    'a pattern added',
    [text('t', 'TX_T')],
    [text('t', 'TX_T', `pattern: "^[A-Z]+$"`)],
    [['constraint-changed', 'major', 't']],
  ],
  [
    'a pattern removed',
    [text('t', 'TX_T', `pattern: "^[A-Z]+$"`)],
    [text('t', 'TX_T')],
    [['constraint-changed', 'minor', 't']],
  ],
  [
    'fewer digits after the point',
    [`{ id: w, name: MS_W, type: decimal, precision: 2, label: ${L('w')} }`],
    [`{ id: w, name: MS_W, type: decimal, precision: 1, label: ${L('w')} }`],
    [['constraint-changed', 'major', 'w']],
  ],
  [
    'a later earliest date',
    [`{ id: d, name: DT_D, type: date, min: "2020-01-01", label: ${L('d')} }`],
    [`{ id: d, name: DT_D, type: date, min: "2021-01-01", label: ${L('d')} }`],
    [['constraint-changed', 'major', 'd']],
  ],
  [
    'a date bound that becomes today',
    [`{ id: d, name: DT_D, type: date, max: "2030-01-01", label: ${L('d')} }`],
    [`{ id: d, name: DT_D, type: date, max: today, label: ${L('d')} }`],
    [['constraint-changed', 'major', 'd']],
  ],
  [
    'fewer choices allowed',
    [`{ id: m, name: CD_M, type: multichoice, options: [${A}, ${B}], maxItems: 2, label: ${L('m')} }`],
    [`{ id: m, name: CD_M, type: multichoice, options: [${A}, ${B}], maxItems: 1, label: ${L('m')} }`],
    [['constraint-changed', 'major', 'm']],
  ],
  ['a repeat takes fewer items', [pci(5)], [pci(3)], [['repeat-limit-changed', 'major', 'pci']]],
  ['a repeat takes more items', [pci(3)], [pci(5)], [['repeat-limit-changed', 'minor', 'pci']]],
  [
    'a repeat needs more items',
    [pci(5, 'min: 1')],
    [pci(5, 'min: 2')],
    [['repeat-limit-changed', 'major', 'pci']],
  ],
  [
    'a unit changed',
    [int('h', 'MS_H', 'unit: cm')],
    [int('h', 'MS_H', 'unit: mm')],
    [['unit-changed', 'major', 'h']],
  ],
  [
    'label, help and a message reworded',
    [text('t', 'TX_T', `help: ${L('h')}, messages: { required: ${L('m')} }`)],
    [
      `{ id: t, name: TX_T, type: text, label: ${L('T!')}, help: ${L('h!')}, messages: { required: ${L('m!')} } }`,
    ],
    [
      ['label-changed', 'patch', 't'],
      ['help-changed', 'patch', 't'],
      ['message-changed', 'patch', 't'],
    ],
  ],
  ['shown as radio buttons', [kind()], [kind('display: radio')], [['display-changed', 'patch', 'kind']]],
  [
    'a field moved into a repeat',
    [pci(5), int('stents', 'NR_TOTAL')],
    [
      `{ id: pci, name: PCI, type: repeat, max: 5, label: ${L('PCI')}, fields: [{ id: pciDate, name: DT_PCI, type: date, label: ${L('Date')} }, { id: pciStent, name: NR_STENT, type: integer, label: ${L('Stents')} }, { id: stents, name: NR_TOTAL, type: integer, label: ${L('stents')} }] }`,
    ],
    [['field-scope-changed', 'major', 'stents']],
  ],
];

describe('diffVersions: one kind of change at a time', () => {
  it.each(CASES)('%s', (_name, before, after, expected) => {
    const [a, b] = twoVersions({ fields: [VISIT_DATE, ...before] }, { fields: [VISIT_DATE, ...after] });
    const diff = diffVersions(a, b);
    const found = diff.changes
      .filter((c) => c.kind !== 'form-text-changed')
      .map((c) => [c.kind, c.class, c.fieldId]);
    expect(found).toEqual(expected);
    expect(diff.bump).toBe(maxClass(diff.changes));
    for (const c of diff.changes) expect(c.reason).toMatch(/^[A-Z].*\.$/);
  });
});

const sections = (a: string, b: string) => `  - id: first
    title: ${L('First')}
    fields:
      - ${VISIT_DATE}
${a}
  - id: second
    title: ${L('Second')}
    fields:
${b}
`;

describe('diffVersions: sections, the business key, the form', () => {
  const t = `      - ${text('t', 'TX_T', 'required: true')}`;
  const k = `      - ${kind()}`;
  const diff = (before: VersionSpec, after: VersionSpec) => {
    const [a, b] = twoVersions(before, after);
    return diffVersions(a, b).changes.map((c) => [c.kind, c.class, c.fieldId]);
  };

  it('a field moved to another section is layout only', () => {
    expect(diff({ sections: sections(t, k) }, { sections: sections('', `${k}\n${t}`) })).toEqual([
      ['field-moved', 'patch', 't'],
    ]);
  });

  it('sections added, removed, moved and retitled are layout only', () => {
    const swapped = `  - id: second
    title: ${L('Second!')}
    fields:
${k}
  - id: first
    title: ${L('First')}
    fields:
      - ${VISIT_DATE}
${t}
  - id: third
    title: ${L('Third')}
    fields: []
`;
    expect(diff({ sections: sections(t, k) }, { sections: swapped })).toEqual([
      // Two sections swapped: each is in another place among the other.
      ['section-moved', 'patch', 'second'],
      ['section-relabelled', 'patch', 'second'],
      ['section-moved', 'patch', 'first'],
      ['section-added', 'patch', 'third'],
    ]);
    expect(diff({ sections: swapped }, { sections: sections(t, k) })).toContainEqual([
      'section-removed',
      'patch',
      'third',
    ]);
  });

  it('a section with a mandatory field shown in more cases is breaking; in fewer, compatible', () => {
    const onFirst = (cond: string) =>
      `  - id: first\n    title: ${L('First')}\n    fields:\n      - ${VISIT_DATE}\n${k}\n  - id: second\n    title: ${L('Second')}\n    visible: "${cond}"\n    fields:\n${t}\n`;
    expect(diff({ sections: onFirst("kind = 'A'") }, { sections: onFirst("kind in ['A', 'B']") })).toEqual([
      ['section-visible-changed', 'major', 'second'],
    ]);
    expect(diff({ sections: onFirst("kind in ['A', 'B']") }, { sections: onFirst("kind = 'A'") })).toEqual([
      ['section-visible-changed', 'minor', 'second'],
    ]);
  });

  it('a new business key is breaking; a new title is wording', () => {
    expect(
      diff(
        { fields: [VISIT_DATE, text('t', 'TX_T', 'required: true')] },
        {
          fields: [VISIT_DATE, text('t', 'TX_T', 'required: true')],
          businessKey: 'visitDate, t',
          title: 'Visit!',
        },
      ),
    ).toEqual([
      ['form-text-changed', 'patch', ''],
      ['business-key-changed', 'major', ''],
    ]);
  });

  it('no change at all needs no bump', () => {
    const [a, b] = twoVersions({ fields: [VISIT_DATE] }, { fields: [VISIT_DATE] });
    const d = diffVersions(a, b);
    expect(d.changes).toEqual([]);
    expect(d.bump).toBeNull();
  });
});

describe('change details', () => {
  it('a repeat maximum names the CSV columns that appear or disappear', () => {
    const [a, b] = twoVersions({ fields: [VISIT_DATE, pci(5)] }, { fields: [VISIT_DATE, pci(3)] });
    const [change] = diffVersions(a, b).changes;
    expect(change).toMatchObject({ property: 'max', before: 5, after: 3, technicalName: 'PCI' });
    expect(change!.reason).toContain(
      'CSV columns DT_PCI_4…DT_PCI_5 (and the same for 1 other field) disappear',
    );
    const [up] = diffVersions(b, a).changes;
    expect(up!.reason).toContain('CSV columns DT_PCI_4…DT_PCI_5 (and the same for 1 other field) appear');
  });

  it('a field in a repeat carries the repeat and its own technical name', () => {
    const inner = (min: string) =>
      `{ id: pci, name: PCI, type: repeat, max: 5, label: ${L('PCI')}, fields: [{ id: pciStent, name: NR_STENT, type: integer, ${min}label: ${L('Stents')} }] }`;
    const [a, b] = twoVersions(
      { fields: [VISIT_DATE, inner('')] },
      { fields: [VISIT_DATE, inner('min: 1, ')] },
    );
    expect(diffVersions(a, b).changes).toEqual([
      expect.objectContaining({
        kind: 'constraint-changed',
        fieldId: 'pciStent',
        technicalName: 'NR_STENT',
        repeat: 'PCI',
        property: 'min',
        before: undefined,
        after: 1,
        class: 'major',
      }),
    ]);
  });

  it('the text report groups changes by class, breaking first', () => {
    const [a, b] = twoVersions(
      { fields: [VISIT_DATE, kind(), text('old', 'TX_OLD')] },
      { fields: [VISIT_DATE, kind('', `${A}, ${B}, ${C}`)], title: 'Visit 2' },
    );
    const out = formatDiff(diffVersions(a, b));
    expect(out.split('\n')[0]).toBe('demo/visit 1.0.0 → 2.0.0: 3 changes, needs a major version');
    expect(out.indexOf('major — breaking')).toBeLessThan(out.indexOf('minor — compatible'));
    expect(out.indexOf('minor — compatible')).toBeLessThan(out.indexOf('patch — wording'));
    expect(out).toMatch(/field-removed\s+TX_OLD: Field TX_OLD removed/);
    expect(out).toMatch(/code-added\s+CD_KIND: Field CD_KIND: new code C 'C'/);
  });
});

describe('semver bumps and conditions', () => {
  it('reads the declared bump and computes the next version', () => {
    expect(declaredBump('1.0.0', '2.0.0')).toBe('major');
    expect(declaredBump('1.0.0', '1.1.0')).toBe('minor');
    expect(declaredBump('1.0.0', '1.0.1')).toBe('patch');
    expect(declaredBump('1.2.0', '2.0.0-rc.1')).toBe('major');
    expect(declaredBump('1.2.0', '1.2.0')).toBeNull();
    expect(bumpVersion('1.2.3', 'major')).toBe('2.0.0');
    expect(bumpVersion('1.2.3', 'minor')).toBe('1.3.0');
    expect(bumpVersion('1.2.3', 'patch')).toBe('1.2.4');
  });

  it('normalises a condition whatever its spacing, brackets and order', () => {
    const n = (s: string) => {
      const r = parseExpression(s);
      if ('error' in r) throw new Error(r.error.message);
      return normalise(r.expr);
    };
    expect(n("b = 'x' or (a > 1 and c)")).toBe(n("(c and a>1) or b='x'"));
    expect(n("k in ['2', '1']")).toBe(n("k in ['1','2']"));
    expect(n("a = 'x'")).not.toBe(n("a = 'y'"));
  });
});
