/** A synthetic definitions folder of `fields` fields, with conditions, checks and repeats. */
import type { SourceFile } from '@regforms/definition';

const T = (s: string) => `{ fr: "${s} fr", nl: "${s} nl", en: "${s} en" }`;

export function syntheticDefinitions(fields = 2000): SourceFile[] {
  const registry = `registry: bench
programme: { id: bench, title: ${T('Bench')} }
title: ${T('Bench')}
languages: { required: [fr, nl, en], optional: [de], fallback: { de: fr } }
registrationTypes:
  big:
    title: ${T('Big')}
`;
  const perSection = 50;
  const sections: string[] = [];
  let n = 0;
  let previousHead = -1;
  for (let s = 0; n < fields; s++) {
    const lines: string[] = [`  - id: s${s}`, `    title: ${T(`Section ${s}`)}`];
    // Every fourth section is shown only for one answer of the previous section's first field.
    if (s % 4 === 3) lines.push(`    visible: "f${previousHead} = 'A'"`);
    lines.push('    fields:');
    const head = n;
    previousHead = head;
    for (let i = 0; i < perSection && n < fields; i++, n++) {
      const id = `f${n}`;
      const base = `      - id: ${id}\n        name: X_${n}\n        label: ${T(`Field ${n}`)}`;
      if (i === 0) {
        lines.push(
          `${base}\n        type: choice\n        required: true\n        options:\n          - { code: A, label: ${T('A')} }\n          - { code: B, label: ${T('B')} }`,
        );
      } else if (i % 10 === 9 && n + 10 < fields) {
        // A repeat of 5 items × 9 fields: 10 fields in all.
        const inner: string[] = [];
        const first = n + 1;
        for (let j = 0; j < 9; j++)
          inner.push(
            `          - id: r${first + j}\n            name: R_${first + j}\n            type: ${j === 0 ? 'boolean' : 'text'}\n            label: ${T(`Item field ${first + j}`)}${j > 0 ? `\n            visible: r${first}` : ''}`,
          );
        n += 9;
        lines.push(`${base}\n        type: repeat\n        max: 5\n        fields:\n${inner.join('\n')}`);
      } else if (i % 3 === 0) {
        lines.push(
          `${base}\n        type: decimal\n        min: 0\n        max: 500\n        visible: "f${head} = 'B'"\n        required: true\n        checks:\n          - rule: f${n} >= 0\n            message: ${T('Positive')}`,
        );
      } else if (i % 3 === 1) {
        lines.push(`${base}\n        type: date\n        required: "f${head} in ['A', 'B']"`);
      } else lines.push(`${base}\n        type: text\n        maxLength: 100`);
    }
    sections.push(lines.join('\n'));
  }
  const version = `version: 1.0.0
status: published
effective: 2024-01-01
title: ${T('Big')}
businessKey: [f0]
sections:
${sections.join('\n')}
`;
  return [
    { path: 'bench/registry.yaml', text: registry },
    { path: 'bench/big/1.0.0.yaml', text: version },
  ];
}
