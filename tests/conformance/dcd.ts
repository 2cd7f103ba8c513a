/*
 * Reads the reference DCD field lists (FHIR Shorthand logical models, one per DCD) and their
 * code systems, so a test can hold a compiled form to the official specification. The files
 * live outside the project (REGFORMS_DCD_REFERENCE, default ../shared/reference/qermid); they
 * are read at test time and never copied.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support.ts';

export const REFERENCE =
  process.env.REGFORMS_DCD_REFERENCE ?? join(ROOT, '..', 'shared', 'reference', 'qermid');
export const hasReference = existsSync(join(REFERENCE, 'codesystems.fsh'));

/** A reference file's text; missing files fail the run with what to do (never a silent skip). */
function reference(file: string): string {
  if (!existsSync(join(REFERENCE, file)))
    throw new Error(
      `DCD reference ${join(REFERENCE, file)} not found: set REGFORMS_DCD_REFERENCE to the qermid folder`,
    );
  return readFileSync(join(REFERENCE, file), 'utf8');
}

export interface DcdElement {
  name: string;
  min: number;
  max: string;
  type: string;
  label: string;
  valueSet?: string;
  line: number;
}

/** The data elements of one logical model, in order. */
export function readElements(file: string): DcdElement[] {
  const out: DcdElement[] = [];
  const byName = new Map<string, DcdElement>();
  reference(file)
    .split('\n')
    .forEach((line, i) => {
      const el = /^\* (\S+) (\d+)\.\.(\d+|\*) (\S+) "(.*)"$/.exec(line);
      if (el) {
        const e = { name: el[1]!, min: Number(el[2]), max: el[3]!, type: el[4]!, label: el[5]!, line: i + 1 };
        out.push(e);
        byName.set(e.name, e);
        return;
      }
      const bind = /^\* (\S+) from (\S+)/.exec(line);
      if (bind) {
        const e = byName.get(bind[1]!);
        if (e) e.valueSet = bind[2]!;
      }
    });
  return out;
}

/** Value set name → the codes of the code system(s) it includes (undefined: not enumerated). */
export function readValueSets(): Map<string, string[] | undefined> {
  const systems = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of reference('codesystems.fsh').split('\n')) {
    const cs = /^CodeSystem: (\S+)/.exec(line);
    if (cs) {
      current = [];
      systems.set(cs[1]!, current);
    }
    const code = /^\* #(\S+|"[^"]*")/.exec(line);
    if (code && current) current.push(code[1]!.replace(/^"|"$/g, ''));
  }
  const sets = new Map<string, string[] | undefined>();
  let vs: string | undefined;
  for (const line of reference('valuesets.fsh').split('\n')) {
    const head = /^ValueSet: (\S+)/.exec(line);
    if (head) {
      vs = head[1]!;
      sets.set(vs, undefined);
      continue;
    }
    if (!vs) continue;
    const inc = /^\* include codes from system (\S+)/.exec(line);
    if (inc) {
      const codes = systems.get(inc[1]!);
      sets.set(vs, codes?.length ? [...(sets.get(vs) ?? []), ...codes] : sets.get(vs));
    }
    const direct = /^\* \$\w+#(\S+)/.exec(line);
    if (direct) sets.set(vs, [...(sets.get(vs) ?? []), direct[1]!]);
  }
  return sets;
}
