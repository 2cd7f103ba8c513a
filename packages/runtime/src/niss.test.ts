import { describe, expect, it } from 'vitest';
import { formatNiss, isValidNiss, normaliseNiss } from './niss.ts';

describe('national number', () => {
  it('accepts the documented example with or without separators', () => {
    expect(isValidNiss('93051822361')).toBe(true);
    expect(isValidNiss('93.05.18-223.61')).toBe(true);
  });
  it('accepts a number of someone born after 2000 (2 prefixed before the modulo)', () => {
    const body = '010203123';
    const check = String(97 - (Number(`2${body}`) % 97)).padStart(2, '0');
    expect(isValidNiss(body + check)).toBe(true);
  });
  it('rejects wrong check digits, lengths and months', () => {
    expect(isValidNiss('93051822362')).toBe(false);
    expect(isValidNiss('9305182236')).toBe(false);
    expect(isValidNiss('93151822361')).toBe(false);
  });
  it('formats and normalises', () => {
    expect(formatNiss('93051822361')).toBe('93.05.18-223.61');
    expect(normaliseNiss('93.05.18-223.61')).toBe('93051822361');
  });
});
