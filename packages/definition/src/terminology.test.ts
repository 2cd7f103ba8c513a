import { describe, expect, it } from 'vitest';
import { loincProblem, snomedProblem, ucumProblem, verhoeffValid } from './terminology.ts';

describe('terminology checks', () => {
  it('accepts real SNOMED CT concept ids and refuses a changed digit', () => {
    // Yes, No, Unknown (qualifier values), Asthma, Myocardial infarction.
    for (const id of ['373066001', '373067005', '261665006', '195967001', '22298006'])
      expect(snomedProblem(id)).toBeUndefined();
    expect(snomedProblem('373066002')).toMatch(/check digit/);
    expect(verhoeffValid('2363')).toBe(true);
    expect(verhoeffValid('2364')).toBe(false);
  });

  it('refuses SNOMED CT ids that do not name a concept', () => {
    expect(snomedProblem('12345')).toMatch(/6 to 18 digits/);
    // A description id (partition 01) with a valid check digit.
    expect(snomedProblem('1234567013')).toMatch(/partition 01 names a description/);
  });

  it('checks LOINC check digits', () => {
    for (const code of ['8480-6', '8462-4', '29463-7', '39156-5', 'LA33-6'])
      expect(loincProblem(code)).toBeUndefined();
    expect(loincProblem('8480-5')).toMatch(/should be 6/);
    expect(loincProblem('8480')).toMatch(/hyphen/);
  });

  it('checks UCUM units and suggests', () => {
    for (const u of ['kg/m2', 'mm[Hg]', '/min', 'mL/min/{1.73_m2}', 'mGy.cm2', '%'])
      expect(ucumProblem(u)).toBeUndefined();
    expect(ucumProblem('mmHg')).toBeDefined();
    expect(ucumProblem('kg/m²')).toMatch(/m²/);
  });
});
