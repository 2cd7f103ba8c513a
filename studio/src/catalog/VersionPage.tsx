/* One version: try its form (nothing stored), and go to its definition, CSV or a comparison. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { MemoryStore, Registrations } from '@regforms/registrations';
import { RegistryForm, regformsRenderers } from '@regforms/renderer';
import { comparisonBase } from '@regforms/runtime';
import { useMemo } from 'react';
import { DiagnosticList } from '../authoring/DiagnosticList.tsx';
import { findForm } from '../definitions/context.tsx';
import type { Compiled } from '../definitions/protocol.ts';
import { text, useLang } from '../i18n.tsx';
import { NotFound, TypeBreadcrumbs, WithDefinitions } from '../ui/Status.tsx';
import { diagnosticsOf, findType } from './lookup.ts';

export function VersionPage({ params }: { params: { registry: string; type: string; version: string } }) {
  return <WithDefinitions>{(compiled) => <VersionView compiled={compiled} {...params} />}</WithDefinitions>;
}

function VersionView({
  compiled,
  registry,
  type,
  version,
}: {
  compiled: Compiled;
  registry: string;
  type: string;
  version: string;
}) {
  const { t, lang } = useLang();
  // A preview stores nothing (the form is told so: no Save, no Send); a memory store all the same.
  const scratch = useMemo(() => new Registrations(new MemoryStore()), []);
  const entry = findType(compiled, registry, type);
  const v = entry?.type.versions.find((x) => x.version === version);
  if (!entry || !v) return <NotFound>{t('notFoundType', { id: `${registry}/${type}@${version}` })}</NotFound>;
  const fb = entry.registry.languages.fallback;
  const form = findForm(compiled, registry, type, version);
  const diagnostics = compiled.diagnostics.filter((d) => d.severity === 'error');
  // The version `check` holds this one's bump to: the same comparison here.
  const previous = comparisonBase(entry.type.versions, version)?.version;
  return (
    <Box>
      <TypeBreadcrumbs entry={entry} items={[{ label: version }]} />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 2 }}>
        <Typography component="h1" variant="h5" sx={{ flex: '1 1 auto' }}>
          {t('tryForm')} — {text(entry.type.title, lang, fb)} {version}
        </Typography>
        <Chip label={t(`status.${v.status}`)} color={v.status === 'published' ? 'success' : 'default'} />
        {v.latest && <Chip label={t('latest')} color="primary" />}
        <Chip variant="outlined" label={`${t('effective')} ${v.effective}`} />
        <Button variant="outlined" href={`#/edit/${registry}/${type}/${version}`}>
          {v.status === 'published' ? t('definition.view') : t('definition.edit')}
        </Button>
        {previous && (
          <Button
            variant="outlined"
            href={`#/compare/${registry}/${type}/${previous}/${version}`}
            data-action="compare"
          >
            {t('compareWith', { version: previous })}
          </Button>
        )}
        {form && (
          <Button variant="outlined" href={`#/csv/${registry}/${type}/${version}`} data-action="csv">
            {t('csv')}
          </Button>
        )}
      </Box>
      {form ? (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <RegistryForm
            key={form.meta.hash}
            form={form}
            lang={lang}
            registrations={scratch}
            renderers={regformsRenderers}
            autosave={0}
            preview
          />
        </Paper>
      ) : (
        <Alert severity="error">
          {t('previewNone')}
          <DiagnosticList diagnostics={diagnosticsOf(diagnostics, registry, type, version)} showFile />
        </Alert>
      )}
    </Box>
  );
}
