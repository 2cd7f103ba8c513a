/* Errors anywhere in the definitions folder: the versions they touch are not compiled. */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import type { Diagnostic } from '@regforms/definition';
import { useState } from 'react';
import { DiagnosticList } from '../authoring/DiagnosticList.tsx';
import { useLang } from '../i18n.tsx';

export function DiagnosticsSummary({ diagnostics }: { diagnostics: Diagnostic[] }) {
  const { t } = useLang();
  const [open, setOpen] = useState(false);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return null;
  return (
    <Alert
      severity="warning"
      sx={{ mb: 2, '& .MuiAlert-message': { width: '100%' } }}
      action={
        <Button color="inherit" size="small" onClick={() => setOpen(!open)} aria-expanded={open}>
          {t('showDiagnostics')}
        </Button>
      }
    >
      {t('definitionErrors', { n: errors.length })}
      {open && <DiagnosticList diagnostics={diagnostics} showFile />}
    </Alert>
  );
}
