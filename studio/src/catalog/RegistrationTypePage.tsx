/* One registration type: its registrations (HD4DP's table) and every version of it. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { localVersions } from '../authoring/drafts.ts';
import { NewVersionDialog } from '../authoring/NewVersionDialog.tsx';
import type { Compiled } from '../definitions/protocol.ts';
import { text, useLang } from '../i18n.tsx';
import { RegistrationsTable } from '../registrations/RegistrationsTable.tsx';
import { Breadcrumbs, NotFound, WithDefinitions } from '../ui/Status.tsx';
import { findType, isCompiled } from './lookup.ts';

export function RegistrationTypePage({ params }: { params: { registry: string; type: string } }) {
  return <WithDefinitions>{(compiled) => <TypeView compiled={compiled} {...params} />}</WithDefinitions>;
}

function TypeView({ compiled, registry, type }: { compiled: Compiled; registry: string; type: string }) {
  const { t, lang } = useLang();
  const [newVersion, setNewVersion] = useState(false);
  const entry = findType(compiled, registry, type);
  if (!entry) return <NotFound>{t('notFoundType', { id: `${registry}/${type}` })}</NotFound>;
  const fb = entry.registry.languages.fallback;
  const latest = entry.type.latest;
  const latestCompiled = latest !== null && isCompiled(compiled, registry, type, latest);
  const forms = compiled.forms.filter(
    (f) => f.meta.registry === registry && f.meta.registrationType === type,
  );
  const onDisk = entry.type.versions.map((v) => v.version);
  const local = localVersions(registry, type, onDisk);
  // The base of a new version: the most recent one, else the highest (only drafts exist).
  const base = latest ?? entry.type.versions[0]?.version;
  const title = text(entry.type.title, lang, fb);

  return (
    <Box>
      <Breadcrumbs items={[{ label: text(entry.registry.title, lang, fb) }, { label: title }]} />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', mb: 1 }}>
        <Typography component="h1" variant="h4" sx={{ flex: '1 1 auto' }}>
          {title}
        </Typography>
        {latest && (
          <Button
            variant="contained"
            href={`#/r/${registry}/${type}/registration/new`}
            disabled={!latestCompiled}
            data-action="new-registration"
          >
            {t('newRegistrationOn', { version: latest })}
          </Button>
        )}
      </Box>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {text(entry.registry.title, lang, fb)}
        {entry.registry.dcd ? ` · ${t('dcd')} ${entry.registry.dcd}` : ''} · {t('mostRecent')}:{' '}
        {latest ?? t('noPublished')}
      </Typography>

      <Paper
        variant="outlined"
        component="section"
        aria-labelledby="registrations-title"
        sx={{ p: 2, mb: 3 }}
      >
        <Typography component="h2" variant="h6" id="registrations-title" gutterBottom>
          {t('registrations')}
        </Typography>
        <RegistrationsTable registry={registry} type={type} forms={forms} latest={latest} />
      </Paper>

      <Paper variant="outlined" component="section" aria-labelledby="versions-title" sx={{ p: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
          <Typography component="h2" variant="h6" id="versions-title" sx={{ flex: '1 1 auto' }}>
            {t('versions')}
          </Typography>
          {entry.type.versions.length > 1 && (
            <Button variant="outlined" href={`#/compare/${registry}/${type}`} data-action="compare">
              {t('compare')}
            </Button>
          )}
          {base && (
            <Button variant="outlined" onClick={() => setNewVersion(true)} data-action="new-version">
              {t('newVersion')}
            </Button>
          )}
        </Box>
        <Table size="small" aria-labelledby="versions-title" data-testid="versions">
          <TableHead>
            <TableRow>
              <TableCell>{t('version')}</TableCell>
              <TableCell>{t('status')}</TableCell>
              <TableCell>{t('effective')}</TableCell>
              <TableCell>{t('actions')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {local.map((v) => (
              <TableRow key={`local-${v}`} data-version={v} data-status="local">
                <TableCell>{v}</TableCell>
                <TableCell>
                  <Chip size="small" variant="outlined" label={`${t('status.draft')} · ${t('newFile')}`} />
                </TableCell>
                <TableCell />
                <TableCell>
                  <Link href={`#/edit/${registry}/${type}/${v}`}>{t('definition.edit')}</Link>
                </TableCell>
              </TableRow>
            ))}
            {entry.type.versions.map((v) => {
              const ok = isCompiled(compiled, registry, type, v.version);
              return (
                <TableRow
                  key={v.version}
                  data-version={v.version}
                  data-status={v.status}
                  data-latest={v.latest || undefined}
                >
                  <TableCell>
                    <Link href={`#/r/${registry}/${type}/v/${v.version}`}>{v.version}</Link>
                    {v.latest && <Chip size="small" color="primary" label={t('latest')} sx={{ ml: 1 }} />}
                  </TableCell>
                  <TableCell>
                    <Chip
                      size="small"
                      label={t(`status.${v.status}`)}
                      variant={v.status === 'draft' ? 'outlined' : 'filled'}
                      color={v.status === 'published' ? 'success' : 'default'}
                    />
                    {!ok && <Chip size="small" color="error" label={t('diagnostics')} sx={{ ml: 1 }} />}
                  </TableCell>
                  <TableCell>{v.effective}</TableCell>
                  <TableCell>
                    <Box sx={{ display: 'flex', gap: 2 }}>
                      <Link href={`#/r/${registry}/${type}/v/${v.version}`}>{t('tryForm')}</Link>
                      <Link href={`#/edit/${registry}/${type}/${v.version}`}>
                        {v.status === 'published' ? t('definition.view') : t('definition.edit')}
                      </Link>
                      {ok && (
                        <Link
                          href={`#/csv/${registry}/${type}/${v.version}`}
                          aria-label={`${t('csv')} ${v.version}`}
                        >
                          {t('csv')}
                        </Link>
                      )}
                    </Box>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Paper>
      {base && newVersion && (
        <NewVersionDialog
          open
          registry={registry}
          type={type}
          base={base}
          existing={[...onDisk, ...local]}
          onClose={() => setNewVersion(false)}
        />
      )}
    </Box>
  );
}
