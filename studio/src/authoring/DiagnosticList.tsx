/* Diagnostics as a list: where (file:line:col), what, how to fix; a click goes to the place. */
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { Diagnostic } from '@regforms/definition';
import { escapeHidden } from '@regforms/runtime';
import { useLang } from '../i18n.tsx';

export function DiagnosticList({
  diagnostics,
  showFile = false,
  onSelect,
}: {
  diagnostics: Diagnostic[];
  showFile?: boolean;
  onSelect?(d: Diagnostic): void;
}) {
  const { t } = useLang();
  return (
    <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} data-testid="diagnostics">
      {diagnostics.map((d) => {
        const where = `${showFile ? `${d.file}:` : ''}${d.line}:${d.col}`;
        return (
          <Box
            component="li"
            key={`${d.file}:${d.line}:${d.col}:${d.code}:${d.message}`}
            data-code={d.code}
            data-line={d.line}
            data-col={d.col}
            data-file={d.file}
            sx={{ py: 0.75, borderBottom: 1, borderColor: 'divider' }}
          >
            <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
              <Chip
                size="small"
                label={d.severity}
                color={d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'default'}
              />
              {onSelect ? (
                <Link
                  component="button"
                  type="button"
                  onClick={() => onSelect(d)}
                  sx={{ fontFamily: 'monospace' }}
                  aria-label={`${t('line')} ${d.line}, ${t('col')} ${d.col}`}
                >
                  {where}
                </Link>
              ) : (
                <Typography component="span" sx={{ fontFamily: 'monospace' }}>
                  {where}
                </Typography>
              )}
              <Typography
                component="span"
                variant="body2"
                sx={{ fontFamily: 'monospace' }}
                color="text.secondary"
              >
                {d.code}
              </Typography>
            </Box>
            <Typography variant="body2" sx={{ mt: 0.25 }}>
              {/* A bidi override or control quoted from the file is shown escaped, not obeyed. */}
              {escapeHidden(d.message)}
            </Typography>
            {d.hint && (
              <Typography variant="body2" color="text.secondary">
                {t('hint')}: {escapeHidden(d.hint)}
              </Typography>
            )}
          </Box>
        );
      })}
    </Box>
  );
}
