// Writes a form's first paints beside its form.json (first-paint.html and one per language):
// the example portal's build and the renderer benchmark serve them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompiledForm } from '@regforms/runtime';
import { firstPaints } from '../src/first-paint/render.tsx';

export function writeFirstPaints(dir: string, form: CompiledForm): void {
  for (const [file, html] of Object.entries(firstPaints(form))) writeFileSync(join(dir, file), html);
}
