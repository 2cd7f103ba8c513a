/*
 * Names in FHIR: canonical URLs, resource ids, the systems of codes and the extensions used.
 * One place, so the Questionnaire, the responses and the server agree on every URL.
 */
import type { CompiledForm, FieldLogic, FormMeta } from '@regforms/runtime';

/**
 * The canonical base when none is given. A registry that publishes its Questionnaires sets its
 * own (`--base`, or the node's REGFORMS_FHIR_BASE): canonicals are what FHIR servers and
 * clients key questionnaires by, so they must stay the same from one version to the next.
 */
export const DEFAULT_BASE = 'https://regforms.dev/fhir';

export const SYSTEMS = {
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  itemControl: 'http://hl7.org/fhir/questionnaire-item-control',
} as const;

const SDC = 'http://hl7.org/fhir/uv/sdc/StructureDefinition';
const CORE = 'http://hl7.org/fhir/StructureDefinition';
export const EXT = {
  translation: `${CORE}/translation`,
  unit: `${CORE}/questionnaire-unit`,
  minValue: `${CORE}/minValue`,
  maxValue: `${CORE}/maxValue`,
  minLength: `${CORE}/minLength`,
  regex: `${CORE}/regex`,
  maxDecimalPlaces: `${CORE}/maxDecimalPlaces`,
  maxOccurs: `${CORE}/questionnaire-maxOccurs`,
  minOccurs: `${CORE}/questionnaire-minOccurs`,
  itemControl: `${CORE}/questionnaire-itemControl`,
  constraint: `${CORE}/questionnaire-constraint`,
  enableWhenExpression: `${SDC}/sdc-questionnaire-enableWhenExpression`,
  calculatedExpression: `${SDC}/sdc-questionnaire-calculatedExpression`,
} as const;

export interface Canonicals {
  base: string;
}

const trim = (base: string) => base.replace(/\/+$/, '');

/** One canonical per registration type; versions are told apart by `version`. */
export function questionnaireUrl(
  base: string,
  meta: Pick<FormMeta, 'registry' | 'registrationType'>,
): string {
  return `${trim(base)}/Questionnaire/${meta.registry}-${meta.registrationType}`;
}

/** The resource id of one version (FHIR ids: letters, digits, '-' and '.', at most 64). */
export function questionnaireId(meta: Pick<FormMeta, 'registry' | 'registrationType' | 'version'>): string {
  return `${meta.registry}-${meta.registrationType}-${meta.version}`.slice(0, 64);
}

/** The code system of a code list, or of the codes a form lists itself for one field. */
export function codeSystemUrl(
  base: string,
  meta: Pick<FormMeta, 'registry' | 'registrationType'>,
  codelist: string | undefined,
  fieldKey: string,
): string {
  return codelist
    ? `${trim(base)}/CodeSystem/${codelist}`
    : `${trim(base)}/CodeSystem/${meta.registry}-${meta.registrationType}-${fieldKey}`;
}

/** A code of a choice as a Coding: the code list's system, the code, its label in the default language. */
export function codingOf(
  base: string,
  form: CompiledForm,
  f: FieldLogic,
  code: string,
): { system: string; code: string; display?: string } {
  const display = form.i18n[form.meta.defaultLanguage]?.[`${f.key}.${code}`];
  return {
    system: codeSystemUrl(base, form.meta, f.codelist, f.key),
    code,
    ...(display !== undefined ? { display } : {}),
  };
}

/** The extension that carries a code's SNOMED CT / LOINC equivalents on an answer option. */
export function equivalentCodingExtension(base: string): string {
  return `${trim(base)}/StructureDefinition/equivalent-coding`;
}

/** The identifier system of the pseudonymous patient identifier on exported responses. */
export function patientPseudonymSystem(base: string): string {
  return `${trim(base)}/NamingSystem/patient-pseudonym`;
}

/** The identifier system of a healthdata.be data collection definition (DCD) number. */
export function dcdSystem(base: string): string {
  return `${trim(base)}/NamingSystem/dcd`;
}
