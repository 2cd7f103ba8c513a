// The baseline for the bundle-size comparison: bare JSON Forms + MUI + ajv rendering once.
import { materialCells, materialRenderers } from '@jsonforms/material-renderers';
import { JsonForms } from '@jsonforms/react';
import Ajv from 'ajv';
import { createRoot } from 'react-dom/client';

const ajv = new Ajv({ allErrors: true });
const schema = { type: 'object', properties: { name: { type: 'string' } } };
createRoot(document.body.appendChild(document.createElement('div'))).render(
  <JsonForms schema={schema} data={{}} renderers={materialRenderers} cells={materialCells} ajv={ajv} />,
);
