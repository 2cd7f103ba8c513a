import { describe, expect, it } from 'vitest';
import { typesSchema } from './types-schema.ts';

describe('typesSchema (what Save checks)', () => {
  it('leaves out required and minItems where they constrain the data, and conditions left with no branch', () => {
    const schema = {
      type: 'object',
      properties: {
        A: { type: 'string', enum: ['x', 'y'] },
        R: {
          type: 'array',
          minItems: 1,
          items: { type: 'object', properties: { N: { type: 'number', maximum: 5 } }, required: ['N'] },
        },
      },
      required: ['A'],
      allOf: [
        { if: { properties: { A: { const: 'x' } }, required: ['A'] }, then: { required: ['R'] } },
        {
          if: { properties: { A: { const: 'y' } }, required: ['A'] },
          then: { required: ['R'], properties: { B: { maximum: 3 } } },
          else: { required: ['B'] },
        },
      ],
    };
    expect(typesSchema(schema)).toEqual({
      type: 'object',
      properties: {
        A: { type: 'string', enum: ['x', 'y'] },
        R: { type: 'array', items: { type: 'object', properties: { N: { type: 'number', maximum: 5 } } } },
      },
      allOf: [
        {
          // A condition is kept whole: its `required` is part of the question it asks.
          if: { properties: { A: { const: 'y' } }, required: ['A'] },
          then: { properties: { B: { maximum: 3 } } },
        },
      ],
    });
  });

  it('keeps not, anyOf and oneOf as they are, and a property named "required"', () => {
    const schema = {
      properties: { required: { type: 'boolean' } },
      not: { required: ['X'] },
      anyOf: [{ required: ['A'] }, { required: ['B'] }],
      oneOf: [{ required: ['C'] }, { minItems: 2 }],
    };
    expect(typesSchema(schema)).toEqual(schema);
  });

  it('does not change the schema it is given', () => {
    const schema = { properties: { A: { type: 'string' } }, required: ['A'] };
    const copy = structuredClone(schema);
    typesSchema(schema);
    expect(schema).toEqual(copy);
  });
});
