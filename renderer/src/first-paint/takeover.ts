/*
 * The first paint in the page (render.tsx wrote it), and React taking it over: what the
 * clinician typed or ticked in it before the element's code had loaded is given to the live
 * form as input events, the way their own typing would have reached it, and the caret stays
 * where it was. Nothing typed is lost to the swap.
 */
import { FIRST_PAINT_ATTRIBUTE } from './files.ts';

/** Puts the first paint into an element that shows nothing yet (React has not rendered into it). */
export function paintFirst(element: Element, html: string): boolean {
  if (element.childNodes.length > 0) return false;
  // Same origin and the same trust as the form's validators module, which the page runs.
  element.innerHTML = html;
  const paint = element.firstElementChild;
  if (!paint?.hasAttribute(FIRST_PAINT_ATTRIBUTE)) return false;
  // Its buttons (Save, Send, the sections) cannot act before the code has come: they say so
  // rather than take a click that would do nothing. The live form's buttons replace them.
  for (const button of paint.querySelectorAll('button')) button.disabled = true;
  // Each field is a form of its own (FieldForm): Enter in it, which submits a lone field's form,
  // would otherwise leave the page, and take what was typed with it.
  paint.addEventListener('submit', (event) => event.preventDefault());
  // A field holding text keeps its label up (render.tsx's CSS), as MUI's script would.
  paint.addEventListener('input', (event) => {
    const field = event.target as Field;
    field.closest('.MuiFormControl-root')?.toggleAttribute('data-filled', field.value !== '');
  });
  return true;
}

type Field = HTMLInputElement | HTMLTextAreaElement;

interface Entered {
  /** The input's id, or its radio group's name and value. */
  id?: string;
  name?: string;
  value: string;
  checked?: boolean;
}

/** What was done in the first paint: values entered, boxes ticked, and where the caret was. */
export interface FirstPaintInput {
  entered: Entered[];
  focus?: { id: string; start: number | null; end: number | null };
}

const isToggle = (f: Field) => f instanceof HTMLInputElement && (f.type === 'checkbox' || f.type === 'radio');

/** What the clinician did in the element's first paint, if it shows one. */
export function readFirstPaint(element: Element): FirstPaintInput | undefined {
  const paint = element.querySelector(`:scope > [${FIRST_PAINT_ATTRIBUTE}]`);
  if (!paint) return undefined;
  const entered: Entered[] = [];
  for (const field of paint.querySelectorAll<Field>('input, textarea')) {
    if (isToggle(field)) {
      const input = field as HTMLInputElement;
      if (input.checked === input.defaultChecked) continue;
      entered.push(
        input.id
          ? { id: input.id, value: input.value, checked: input.checked }
          : { name: input.name, value: input.value, checked: input.checked },
      );
    } else if (field.id && field.value !== field.defaultValue)
      entered.push({ id: field.id, value: field.value });
  }
  const active = element.ownerDocument.activeElement as Field | null;
  const focus =
    active && paint.contains(active) && active.id
      ? { id: active.id, start: active.selectionStart ?? null, end: active.selectionEnd ?? null }
      : undefined;
  return { entered, ...(focus ? { focus } : {}) };
}

/** The value setter React's own input tracking sits beside: the change then reaches onChange. */
function setValue(field: Field, value: string): void {
  const proto =
    field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Gives the live form (now rendered in `element`) what was done in the first paint. */
export function replayFirstPaint(element: Element, input: FirstPaintInput): void {
  // Looked up in this element only: two forms on a page may have fields of the same name.
  const fields = [...element.querySelectorAll<Field>('input, textarea')];
  const byId = (id: string) => fields.find((f) => f.id === id);
  for (const e of input.entered) {
    const field =
      e.id !== undefined
        ? byId(e.id)
        : fields.find((f) => isToggle(f) && f.name === e.name && f.value === e.value);
    if (!field) continue;
    if (isToggle(field)) {
      if ((field as HTMLInputElement).checked !== e.checked) (field as HTMLInputElement).click();
    } else if (field.value !== e.value) setValue(field, e.value);
  }
  if (input.focus) {
    const field = byId(input.focus.id);
    if (field) {
      field.focus();
      if (input.focus.start !== null && 'setSelectionRange' in field)
        try {
          field.setSelectionRange(input.focus.start, input.focus.end ?? input.focus.start);
        } catch {
          // An input type without a caret (number, date): the focus is enough.
        }
    }
  }
}
