/*
 * Small inline definitions for the version-safety tests: one registry `demo` with one
 * registration type `visit`, whose versions are written here field by field.
 */
import { readDefinitions, type SourceFile, type Version } from '@regforms/definition';

/** A text in the three required languages. */
export const L = (t: string) => `{ fr: "${t}", nl: "${t}", en: "${t}" }`;

export interface VersionSpec {
  status?: 'draft' | 'published';
  /** Fields of the one section, each a YAML flow mapping. */
  fields?: string[];
  /** Instead of `fields`: the whole `sections:` list, as YAML lines indented by two spaces. */
  sections?: string;
  businessKey?: string;
  title?: string;
}

const REGISTRY = `registry: demo
programme: { id: demo-programme, title: ${L('Programme')} }
title: ${L('Registry')}
languages: { required: [fr, nl, en], optional: [de], fallback: { de: fr } }
registrationTypes:
  visit: { title: ${L('Visit')} }
`;

const CODELISTS: SourceFile[] = [
  {
    path: '_shared/codelists/yes-no.yaml',
    text: `codelist: yes-no
codes:
  - { code: "1", label: ${L('Yes')} }
  - { code: "0", label: ${L('No')} }
`,
  },
];

/** The YAML of one version file. */
export function versionYaml(version: string, spec: VersionSpec): string {
  const sections =
    spec.sections ??
    `  - id: visit
    title: ${L('Visit')}
    fields:
${(spec.fields ?? []).map((f) => `      - ${f}`).join('\n')}
`;
  return `version: ${version}
status: ${spec.status ?? 'published'}
effective: 2024-01-01
title: ${L(spec.title ?? 'Visit')}
businessKey: [${spec.businessKey ?? 'visitDate'}]
sections:
${sections}`;
}

/** The files of a definitions folder with these versions of demo/visit. */
export function folder(versions: Record<string, VersionSpec>, extra: SourceFile[] = []): SourceFile[] {
  return [
    { path: 'demo/registry.yaml', text: REGISTRY },
    ...CODELISTS,
    ...Object.entries(versions).map(([v, spec]) => ({
      path: `demo/visit/${v}.yaml`,
      text: versionYaml(v, spec),
    })),
    ...extra,
  ];
}

/** The visit date every version has (it is the business key). */
export const VISIT_DATE = `{ id: visitDate, name: DT_VISIT, type: date, required: true, label: ${L('Date')} }`;

/** Loads two versions and returns their models; fails the test on any error diagnostic. */
export function twoVersions(before: VersionSpec, after: VersionSpec): [Version, Version] {
  const { definitions, diagnostics } = readDefinitions(folder({ '1.0.0': before, '2.0.0': after }));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length)
    throw new Error(errors.map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`).join('\n'));
  const versions = definitions.registries[0]!.registrationTypes[0]!.versions;
  return [versions.find((v) => v.version === '1.0.0')!, versions.find((v) => v.version === '2.0.0')!];
}
