// Random data shaped by a compiled form's schema (deterministic per seed), for tests that
// compare two implementations of one rule.
import type { JsonSchema } from '@regforms/runtime';

/** A small deterministic generator, so a failure can be replayed. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomValue(schema: JsonSchema, r: () => number): unknown {
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  if (schema.enum) return pick(schema.enum as unknown[]);
  switch (schema.type) {
    case 'boolean':
      return r() < 0.5;
    case 'integer':
    case 'number': {
      const lo = (schema.minimum as number | undefined) ?? 0;
      const hi = (schema.maximum as number | undefined) ?? 100;
      return Math.round(lo + r() * (hi - lo));
    }
    case 'array': {
      const items = schema.items as JsonSchema;
      if (items.type === 'object')
        return Array.from({ length: 1 + Math.floor(r() * 2) }, () => randomObject(items, r));
      const codes = (items.enum as unknown[] | undefined) ?? [];
      return codes.filter(() => r() < 0.4);
    }
    default:
      if (schema.format === 'date')
        return `20${10 + Math.floor(r() * 14)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
      return pick(['x', 'other', '12:30']);
  }
}

export function randomObject(schema: JsonSchema, r: () => number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(schema.properties as Record<string, JsonSchema>))
    if (r() < 0.55) out[k] = randomValue(s, r);
  return out;
}
