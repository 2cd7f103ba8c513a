/* The registrations of one registration type, newest first, as in HD4DP's table. */
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Link from '@mui/material/Link';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { migrationCandidates, type Registration } from '@regforms/registrations';
import type { CompiledForm } from '@regforms/runtime';
import { useEffect, useState } from 'react';
import { useLang } from '../i18n.tsx';
import { visuallyHidden } from '../ui/visuallyHidden.ts';
import { formatDateTime } from './dates.ts';
import { patientOf } from './patient.ts';
import { registrations } from './service.ts';

const STATUS_COLOR = { open: 'primary', sent: 'success', deleted: 'default' } as const;

export function RegistrationsTable({
  registry,
  type,
  forms,
  latest = null,
  /** Bumped by the page to re-read the store (e.g. after an import). */
  refresh = 0,
}: {
  registry: string;
  type: string;
  forms: CompiledForm[];
  /** The most recent published version: Open registrations on an older one are marked. */
  latest?: string | null;
  refresh?: number;
}) {
  const { t, lang } = useLang();
  const [list, setList] = useState<Registration[]>();
  const [error, setError] = useState<string>();
  const [showDeleted, setShowDeleted] = useState(false);

  useEffect(() => {
    let live = true;
    registrations
      .list({ registry, registrationType: type })
      .then((l) => live && setList(l))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [registry, type, refresh]);

  if (error) return <Typography color="error">{error}</Typography>;
  if (!list) return null;
  const shown = list.filter((r) => showDeleted || r.status !== 'deleted');
  const deleted = list.length - list.filter((r) => r.status !== 'deleted').length;
  const movable = new Set(
    migrationCandidates(shown, {
      registries: [{ id: registry, registrationTypes: [{ id: type, latest }] }],
    }).map((c) => c.registration.id),
  );
  const formOf = (r: Registration) => forms.find((f) => f.meta.hash === r.formHash) ?? forms[0];
  return (
    <Box>
      {deleted > 0 && (
        <FormControlLabel
          control={<Switch checked={showDeleted} onChange={(e) => setShowDeleted(e.target.checked)} />}
          label={`${t('showDeleted')} (${deleted})`}
        />
      )}
      {shown.length === 0 ? (
        <Typography color="text.secondary" sx={{ py: 2 }}>
          {t('noRegistrations')}
        </Typography>
      ) : (
        <Table size="small" aria-label={t('registrations')} data-testid="registrations">
          <TableHead>
            <TableRow>
              <TableCell>{t('status')}</TableCell>
              <TableCell>{t('registrationCode')}</TableCell>
              <TableCell>{t('patient')}</TableCell>
              <TableCell>{t('version')}</TableCell>
              <TableCell>{t('created')}</TableCell>
              <TableCell>{t('updated')}</TableCell>
              <TableCell>{t('sent')}</TableCell>
              <TableCell>
                <Box component="span" sx={visuallyHidden}>
                  {t('actions')}
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((r) => (
              <TableRow
                key={r.id}
                data-registration={r.id}
                data-status={r.status}
                data-movable={movable.has(r.id) || undefined}
                hover
              >
                <TableCell>
                  <Chip size="small" label={t(`reg.${r.status}`)} color={STATUS_COLOR[r.status]} />
                </TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }} data-testid="code">
                  {r.registrationCode ?? '—'}
                </TableCell>
                <TableCell sx={{ fontFamily: 'monospace' }}>{patientOf(r, formOf(r))}</TableCell>
                <TableCell>
                  {r.version}
                  {movable.has(r.id) && latest && (
                    <Chip
                      size="small"
                      variant="outlined"
                      color="primary"
                      label={t('newerVersionChip', { version: latest })}
                      title={t('newerVersionHint', { version: latest })}
                      sx={{ ml: 1 }}
                      data-testid="newer-version"
                    />
                  )}
                </TableCell>
                <TableCell>{formatDateTime(r.createdAt, lang)}</TableCell>
                <TableCell>{formatDateTime(r.updatedAt, lang)}</TableCell>
                <TableCell>{formatDateTime(r.sentAt, lang)}</TableCell>
                <TableCell>
                  <Link href={`#/r/${registry}/${type}/registration/${r.id}`}>
                    {r.status === 'open' ? t('openRegistration') : t('view')}
                  </Link>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
