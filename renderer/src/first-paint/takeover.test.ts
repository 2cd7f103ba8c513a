// @vitest-environment jsdom
/*
 * The takeover of a first paint: what was typed or ticked in it, and the caret, read before the
 * live form replaces it and given to the live form as the input events typing would have made.
 * (In real Chromium with React: tests/e2e/first-paint.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_PAINT_ATTRIBUTE } from './files.ts';
import { paintFirst, readFirstPaint, replayFirstPaint } from './takeover.ts';

const PAINT = `<div ${FIRST_PAINT_ATTRIBUTE}="h">
  <button type="button">Save</button>
  <form style="display: contents"><div class="MuiFormControl-root"><label for="#/properties/A-input">A</label><input id="#/properties/A-input" value=""></div></form>
  <div class="MuiFormControl-root"><input id="#/properties/B-input" value="kept"></div>
  <textarea id="#/properties/C-input"></textarea>
  <input type="checkbox" id="#/properties/D-input">
  <input type="radio" name="E" value="1"><input type="radio" name="E" value="2">
</div>`;

const LIVE = `<div>
  <input id="#/properties/A-input" value=""><input id="#/properties/B-input" value="kept">
  <textarea id="#/properties/C-input"></textarea><input type="checkbox" id="#/properties/D-input">
  <input type="radio" name="E" value="1"><input type="radio" name="E" value="2">
</div>`;

afterEach(() => {
  document.body.innerHTML = '';
});

function element(): HTMLElement {
  const el = document.createElement('regforms-form');
  document.body.append(el);
  return el;
}

const field = (id: string) => document.getElementById(id) as HTMLInputElement;

function type(id: string, value: string) {
  const input = field(id);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('first paint', () => {
  it('is painted only into an element that shows nothing yet', () => {
    const el = element();
    expect(paintFirst(el, PAINT)).toBe(true);
    // Its buttons cannot act before the code has come: disabled, not silently dead.
    expect([...el.querySelectorAll('button')].map((b) => b.disabled)).toEqual([true]);
    const busy = element();
    busy.append('live');
    expect(paintFirst(busy, PAINT)).toBe(false);
    expect(busy.textContent).toBe('live');
    // HTML that is not a first paint is not taken for one.
    expect(paintFirst(element(), '<p>Not found</p>')).toBe(false);
  });

  it('keeps the page when Enter submits a field’s own form (FieldForm) before the code has come', () => {
    const el = element();
    paintFirst(el, PAINT);
    const submit = new Event('submit', { bubbles: true, cancelable: true });
    field('#/properties/A-input').form!.dispatchEvent(submit);
    expect(submit.defaultPrevented).toBe(true);
  });

  it('marks a field that holds text, so its label stays up without MUI’s script', () => {
    const el = element();
    paintFirst(el, PAINT);
    type('#/properties/A-input', 'x');
    expect(field('#/properties/A-input').closest('.MuiFormControl-root')!.hasAttribute('data-filled')).toBe(
      true,
    );
    type('#/properties/A-input', '');
    expect(field('#/properties/A-input').closest('.MuiFormControl-root')!.hasAttribute('data-filled')).toBe(
      false,
    );
  });

  it('reads what was entered (not what the server wrote) and where the caret was', () => {
    const el = element();
    expect(readFirstPaint(el)).toBeUndefined();
    paintFirst(el, PAINT);
    type('#/properties/A-input', 'Dr Avant');
    (document.getElementById('#/properties/C-input') as HTMLTextAreaElement).value = 'two\nlines';
    field('#/properties/D-input').click();
    (el.querySelector('input[name="E"][value="2"]') as HTMLInputElement).click();
    field('#/properties/A-input').focus();
    field('#/properties/A-input').setSelectionRange(2, 2);
    expect(readFirstPaint(el)).toEqual({
      entered: [
        { id: '#/properties/A-input', value: 'Dr Avant' },
        { id: '#/properties/C-input', value: 'two\nlines' },
        { id: '#/properties/D-input', value: 'on', checked: true },
        { name: 'E', value: '2', checked: true },
      ],
      focus: { id: '#/properties/A-input', start: 2, end: 2 },
    });
  });

  it('gives the live form what was entered as input events, and puts the caret back', () => {
    const el = element();
    paintFirst(el, PAINT);
    type('#/properties/A-input', 'Dr Avant');
    field('#/properties/D-input').click();
    (el.querySelector('input[name="E"][value="2"]') as HTMLInputElement).click();
    field('#/properties/A-input').focus();
    field('#/properties/A-input').setSelectionRange(3, 3);
    const entered = readFirstPaint(el)!;

    el.innerHTML = LIVE;
    // Another form earlier in the page with a field of the same id is left alone.
    const other = document.createElement('regforms-form');
    document.body.prepend(other);
    other.innerHTML = '<input id="#/properties/A-input" value="">';
    const events: string[] = [];
    el.addEventListener('input', (e) => events.push(`input ${(e.target as HTMLInputElement).id}`));
    el.addEventListener('click', (e) => events.push(`click ${(e.target as HTMLInputElement).id || 'E'}`));
    replayFirstPaint(el, entered);
    const a = el.querySelector('input') as HTMLInputElement;
    expect(a.value).toBe('Dr Avant');
    expect((other.querySelector('input') as HTMLInputElement).value).toBe('');
    expect(field('#/properties/B-input').value).toBe('kept');
    expect(field('#/properties/D-input').checked).toBe(true);
    expect((el.querySelector('input[name="E"][value="2"]') as HTMLInputElement).checked).toBe(true);
    // A box is ticked by a click, as a person would (the browser then fires its input event).
    expect(events).toEqual([
      'input #/properties/A-input',
      'click #/properties/D-input',
      'input #/properties/D-input',
      'click E',
      'input ',
    ]);
    expect(document.activeElement).toBe(a);
    expect(a.selectionStart).toBe(3);
  });
});
