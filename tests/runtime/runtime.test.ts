/* The compiled form at work: validation messages, checks, computed fields, hidden-field policy. */
import { applyComputed, computeAndPrune, createValidator, isVisible, prune } from '@regforms/runtime';
import { describe, expect, it } from 'vitest';
import { compileDir, DEFINITIONS, DEMO } from '../support.ts';

const form = compileDir(DEMO).forms[0]!;
const field = (name: string) => form.logic.fields.find((f) => f.name === name)!;

const valid = {
  IDC_PAT: '93051822361',
  DT_PAT_DOB: '1993-05-18',
  DT_HOSPZ: '2024-03-01',
  CD_INDICATN: 'STABLE',
  PCI: [{ DT_PCI: '2024-03-02' }],
  DT_DISCH: '2024-03-05',
};

describe('validator', () => {
  it('says an impossible date once, by its format, not again through the checks that compare it', () => {
    const angio = compileDir(DEFINITIONS).forms.find(
      (f) => f.meta.registrationType === 'hospitalisation' && f.meta.version === '2.0.0',
    )!;
    const errors = createValidator(angio)
      .validate({ DT_PAT_DOB: '31/02/1969', DT_HOSPZ: '2024-01-01' }, 'en')
      .filter((e) => e.keyword !== 'required');
    // Before: format, "cannot be in the future" and "admission before the date of birth".
    expect(errors.map((e) => [e.path.join('.'), e.keyword])).toEqual([['DT_PAT_DOB', 'format']]);
    // A readable date still gets its checks.
    const checked = createValidator(angio).validate(
      { DT_PAT_DOB: '2030-01-01', DT_HOSPZ: '2024-01-01' },
      'en',
    );
    expect(checked.map((e) => e.path.join('.'))).toContain('DT_HOSPZ');
  });

  const v = createValidator(form);

  it('accepts a complete registration', () => {
    expect(v.validate(valid)).toEqual([]);
  });

  it('reports missing mandatory fields, in the chosen language', () => {
    const errors = v.validate({}, 'nl');
    expect(errors.filter((e) => e.keyword === 'required').map((e) => e.name)).toEqual([
      'IDC_PAT',
      'DT_PAT_DOB',
      'DT_HOSPZ',
      'CD_INDICATN',
      'PCI',
    ]);
    expect(errors[0]!.message).toBe('Dit veld is verplicht.');
  });

  it('Save checks types only: missing fields are allowed, wrong values are not', () => {
    expect(v.validateTypes({})).toEqual([]);
    const errors = v.validateTypes({ IDC_PAT: '93051822362', MS_PAT_HGHT: 20 }, 'en');
    expect(errors.map((e) => [e.name, e.keyword])).toEqual([
      ['IDC_PAT', 'format'],
      ['MS_PAT_HGHT', 'minimum'],
    ]);
    expect(errors[1]!.message).toBe('The value must be at least 50.');
  });

  it('uses a field’s own message for a rule, for its date bound too', () => {
    const errors = v.validate({ ...valid, DT_HOSPZ: '2019-12-31' }, 'fr');
    const bound = errors.find((e) => e.name === 'DT_HOSPZ')!;
    expect(bound.keyword).toBe('formatMinimum');
    expect(bound.message).toBe('Pas avant 2020.');
  });

  it('reports a failed cross-field check, also inside a repeat, with its message', () => {
    const errors = v.validate({ ...valid, DT_DISCH: '2024-02-01', PCI: [{ DT_PCI: '2024-02-01' }] }, 'en');
    expect(errors.map((e) => [e.path.join('.'), e.keyword, e.message])).toEqual([
      ['PCI.0.DT_PCI', 'check', 'After admission.'],
      ['DT_DISCH', 'check', 'Discharge follows admission.'],
    ]);
  });

  it('turns a `max: today` bound into a rule', () => {
    const errors = v.validate({ ...valid, DT_PAT_DOB: '2999-01-01' }, 'en');
    expect(errors.map((e) => e.message)).toContain('The date cannot be in the future.');
  });

  it('requires a field only while it is shown', () => {
    const other = v.validate({ ...valid, CD_INDICATN: 'OTHER' }, 'en');
    expect(other.map((e) => e.name)).toEqual(['TX_INDICATN_OTHER']);
    const stemi = v.validate({ ...valid, CD_INDICATN: 'STEMI', CD_REPERF: '0' }, 'en');
    expect(stemi.map((e) => e.name)).toEqual(['TX_REAS']);
  });
});

describe('computed fields', () => {
  it('computes BMI from height and weight, and clears it when an input is gone', () => {
    const data = applyComputed(form, { MS_PAT_HGHT: 180, MS_PAT_WGHT: 80 });
    expect(data.MS_PAT_BMI).toBe(24.7);
    expect(applyComputed(form, { ...data, MS_PAT_WGHT: undefined }).MS_PAT_BMI).toBeUndefined();
  });
});

describe('hidden-field policy', () => {
  it('knows what is shown', () => {
    expect(isVisible(field('TX_INDICATN_OTHER'), { CD_INDICATN: 'OTHER' })).toBe(true);
    expect(isVisible(field('TX_INDICATN_OTHER'), { CD_INDICATN: 'STEMI' })).toBe(false);
    // A field of a section shown only for STEMI is hidden with its section.
    expect(isVisible(field('CD_REPERF'), { CD_INDICATN: 'STABLE' })).toBe(false);
    expect(isVisible(field('TX_COMPLIC'), {}, { CD_COMPLIC: true })).toBe(true);
  });

  it('drops hidden values and says which', () => {
    const { data, dropped } = prune(form, {
      ...valid,
      TX_INDICATN_OTHER: 'typed before changing the indication',
      CD_REPERF: '1',
      PCI: [{ DT_PCI: '2024-03-02', CD_COMPLIC: false, TX_COMPLIC: 'kept?' }],
    });
    expect(dropped).toEqual(['TX_INDICATN_OTHER', 'CD_REPERF', 'TX_COMPLIC_1']);
    expect(data.TX_INDICATN_OTHER).toBeUndefined();
    expect((data.PCI as Record<string, unknown>[])[0]).toEqual({ DT_PCI: '2024-03-02', CD_COMPLIC: false });
    expect(createValidator(form).validate(data)).toEqual([]);
  });

  it('leaves the data it is given as it was, and drops a chain of values in order', () => {
    const given = { ...valid, TX_INDICATN_OTHER: 'x', CD_REPERF: '1' };
    const before = structuredClone(given);
    const { data } = prune(form, given);
    expect(given).toEqual(before);
    expect(data).not.toBe(given);
    // Nothing hidden: still a copy.
    expect(prune(form, valid).data).not.toBe(valid);
    expect(prune(form, valid).data).toEqual(valid);
  });

  it('computeAndPrune gives what prune(applyComputed(…)) gives, with one copy', () => {
    const samples = [
      valid,
      {},
      { ...valid, MS_PAT_HGHT: 180, MS_PAT_WGHT: 80, MS_PAT_BMI: 1 },
      {
        ...valid,
        TX_INDICATN_OTHER: 'typed before changing the indication',
        CD_REPERF: '1',
        PCI: [{ DT_PCI: '2024-03-02', CD_COMPLIC: false, TX_COMPLIC: 'kept?' }],
      },
      { CD_INDICATN: 'OTHER', TX_INDICATN_OTHER: 'kept' },
    ];
    for (const sample of samples) {
      const before = structuredClone(sample);
      expect(computeAndPrune(form, sample)).toEqual(prune(form, applyComputed(form, sample)));
      expect(computeAndPrune(form, sample).data).not.toBe(sample);
      expect(sample).toEqual(before);
    }
  });
});
