// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, test } from 'vitest';
import { isoToTyped, maskDateTyping, maskTimeTyping, typedDateToIso, typedTimeToHhmm } from './dates.ts';
import { oneControl, renderForm, settle } from './test-support.tsx';

afterEach(cleanup);

/** Types text one character at a time, as a keyboard does. */
function typeInto(input: HTMLElement, text: string) {
  for (const c of text) fireEvent.change(input, { target: { value: (input as HTMLInputElement).value + c } });
}

describe('date and time parsing', () => {
  test('dd/mm/yyyy and its variants, strictly', () => {
    expect(typedDateToIso('03/09/2024')).toBe('2024-09-03');
    expect(typedDateToIso('3/9/2024')).toBe('2024-09-03');
    expect(typedDateToIso('03.09.2024')).toBe('2024-09-03');
    expect(typedDateToIso('03-09-2024')).toBe('2024-09-03');
    expect(typedDateToIso('03092024')).toBe('2024-09-03');
    expect(typedDateToIso('31/02/2024')).toBeNull();
    expect(typedDateToIso('03/09/24')).toBeNull();
    expect(typedDateToIso('hello')).toBeNull();
    expect(isoToTyped('2024-09-03')).toBe('03/09/2024');
    expect(isoToTyped('31/02/2024')).toBe('31/02/2024');
  });
  test('the masks add a separator after a completed part, never when deleting', () => {
    expect(maskDateTyping('0', '03')).toBe('03/');
    expect(maskDateTyping('03/', '03')).toBe('03');
    expect(maskDateTyping('03/0', '03/09')).toBe('03/09/');
    expect(maskDateTyping('03/09/', '03/09//')).toBe('03/09/');
    expect(maskTimeTyping('0', '09')).toBe('09:');
    expect(maskTimeTyping('09:', '09')).toBe('09');
    expect(typedTimeToHhmm('9:30')).toBe('09:30');
    expect(typedTimeToHhmm('930')).toBe('09:30');
    expect(typedTimeToHhmm('9h30')).toBe('09:30');
    expect(typedTimeToHhmm('24:00')).toBeNull();
    expect(typedTimeToHhmm('12:60')).toBeNull();
  });
});

describe('date control', () => {
  const form = oneControl('DT_ADM', { type: 'string', format: 'date' }, { fieldType: 'date' }, 'Admission');
  const bundle = { 'DT_ADM.label': "Date d'admission", 'error.format': "Le format n'est pas valide." };

  test('03/09/2024 typed with the keyboard is stored as 2024-09-03', async () => {
    const h = renderForm({ ...form, bundle });
    const input = screen.getByLabelText("Date d'admission") as HTMLInputElement;
    typeInto(input, '03092024');
    expect(input.value).toBe('03/09/2024');
    await settle();
    expect(h.data().DT_ADM).toBe('2024-09-03');
  });

  test('an invalid date shows an error and is kept, in the input and in the data', async () => {
    const h = renderForm({ ...form, bundle });
    const input = screen.getByLabelText("Date d'admission") as HTMLInputElement;
    typeInto(input, '31/02/2024');
    fireEvent.blur(input);
    await settle(20);
    expect(input.value).toBe('31/02/2024');
    expect(h.data().DT_ADM).toBe('31/02/2024');
    const message = screen.getByText("Le format n'est pas valide.");
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(message.id);
  });

  test('a stored date shows as dd/mm/yyyy; the calendar (in the form language) picks a day', async () => {
    const h = renderForm({ ...form, bundle, data: { DT_ADM: '2024-09-03' } });
    const input = screen.getByLabelText("Date d'admission") as HTMLInputElement;
    expect(input.value).toBe('03/09/2024');
    fireEvent.click(screen.getByRole('button', { name: /Choisir la date/ }));
    // The calendar is a module of its own, loaded when it first opens.
    const dialog = await screen.findByRole('dialog', {}, { timeout: 10_000 });
    expect(within(dialog).getByText(/septembre 2024/i)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('gridcell', { name: '15' }));
    await settle(20);
    expect(h.data().DT_ADM).toBe('2024-09-15');
    expect(input.value).toBe('15/09/2024');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  test('a partial date is not stored while typing; leaving the field keeps it and flags it', async () => {
    const h = renderForm({ ...form, bundle });
    const input = screen.getByLabelText("Date d'admission") as HTMLInputElement;
    typeInto(input, '0309');
    await settle();
    expect(h.data().DT_ADM).toBeUndefined();
    expect(screen.queryByText("Le format n'est pas valide.")).toBeNull();
    fireEvent.blur(input);
    await settle(20);
    expect(h.data().DT_ADM).toBe('03/09/');
    expect(screen.getByText("Le format n'est pas valide.")).toBeTruthy();
  });
});

describe('time control', () => {
  const form = oneControl(
    'T_ARR',
    { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
    { fieldType: 'time' },
    'Arrival',
  );
  const bundle = { 'T_ARR.label': "Heure d'arrivée", 'error.pattern': "Le format n'est pas valide." };

  test('typed 0930 becomes 09:30 and is stored as hh:mm', async () => {
    const h = renderForm({ ...form, bundle });
    const input = screen.getByLabelText("Heure d'arrivée") as HTMLInputElement;
    typeInto(input, '0930');
    expect(input.value).toBe('09:30');
    await settle();
    expect(h.data().T_ARR).toBe('09:30');
  });

  test('9h30 is normalised on leaving the field', async () => {
    const h = renderForm({ ...form, bundle });
    const input = screen.getByLabelText("Heure d'arrivée") as HTMLInputElement;
    fireEvent.change(input, { target: { value: '9h30' } });
    fireEvent.blur(input);
    await settle(20);
    expect(h.data().T_ARR).toBe('09:30');
    expect(input.value).toBe('09:30');
  });

  test('25:00 is flagged and kept as typed', async () => {
    const h = renderForm({ ...form, bundle });
    const input = screen.getByLabelText("Heure d'arrivée") as HTMLInputElement;
    typeInto(input, '2500');
    fireEvent.blur(input);
    await settle(20);
    expect(input.value).toBe('25:00');
    expect(h.data().T_ARR).toBe('25:00');
    expect(screen.getByText("Le format n'est pas valide.")).toBeTruthy();
  });
});
