/*
 * CSV for one version: its template and data dictionary as downloads (with its FHIR
 * Questionnaire, the other file a hospital's systems build on), and a CSV file checked
 * row by row with the form's own validator (@regforms/csv, in a worker of the page: no server,
 * no frozen page, rows counted as they are done). The check is a dry run against the studio's
 * registrations; "Import" then stores the valid rows in that same store, so they appear in the
 * registrations table of the type.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  type CellIssue,
  dictionaryCsv,
  dictionaryHtml,
  dictionaryMarkdown,
  type FileIssue,
  type ImportReport,
  type RowOutcome,
  templateCsv,
} from '@regforms/csv';
import { previousVersion, toQuestionnaire } from '@regforms/fhir';
import type { CompiledForm } from '@regforms/runtime';
import { type ChangeEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { findType } from '../catalog/lookup.ts';
import { findForm } from '../definitions/context.tsx';
import type { Compiled } from '../definitions/protocol.ts';
import { text, type UiKey, useLang } from '../i18n.tsx';
import { AMBER } from '../ui/colors.ts';
import { Loading, NotFound, TypeBreadcrumbs, WithDefinitions } from '../ui/Status.tsx';
import { runCsv } from './csv-client.ts';
import { downloadText } from './download.ts';

type Params = { registry: string; type: string; version: string };
type DictionaryFormat = 'csv' | 'md' | 'html';

const DICTIONARY: Record<DictionaryFormat, { make: typeof dictionaryCsv; type: string }> = {
  csv: { make: dictionaryCsv, type: 'text/csv' },
  md: { make: dictionaryMarkdown, type: 'text/markdown' },
  html: { make: dictionaryHtml, type: 'text/html' },
};

// Colours whose white text stays above 4.5:1 (MUI's info blue does not).
const OUTCOME_COLOR: Record<RowOutcome, 'success' | 'primary' | 'secondary' | 'error' | 'default'> = {
  sent: 'success',
  draft: 'primary',
  replaced: 'secondary',
  rejected: 'error',
  'skipped-empty': 'default',
};

/** Rows drawn at once: a report of thousands of rows stays usable; the totals count them all. */
const MAX_ROWS_SHOWN = 500;

export function CsvPage({ params }: { params: Params }) {
  return <WithDefinitions>{(compiled) => <CsvView compiled={compiled} {...params} />}</WithDefinitions>;
}

function CsvView({ compiled, registry, type, version }: Params & { compiled: Compiled }) {
  const { t, lang } = useLang();
  const entry = findType(compiled, registry, type);
  const form = findForm(compiled, registry, type, version);
  const known = entry?.type.versions.some((v) => v.version === version);
  if (!entry || !known)
    return <NotFound>{t('notFoundType', { id: `${registry}/${type}@${version}` })}</NotFound>;
  const fb = entry.registry.languages.fallback;
  return (
    <Box>
      <TypeBreadcrumbs
        entry={entry}
        items={[{ label: version, href: `#/r/${registry}/${type}/v/${version}` }, { label: t('csvTitle') }]}
      />
      <Typography component="h1" variant="h5" gutterBottom>
        {t('csvTitle')} — {text(entry.type.title, lang, fb)} {version}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('csvIntro')}
      </Typography>
      {form ? (
        <>
          <Downloads form={form} forms={compiled.forms} />
          <Upload key={form.meta.hash} form={form} />
        </>
      ) : (
        <Alert severity="error">{t('compareNotCompiled', { version })}</Alert>
      )}
    </Box>
  );
}

function Downloads({ form, forms }: { form: CompiledForm; forms: CompiledForm[] }) {
  const { t, lang } = useLang();
  // The Questionnaire `regforms compile` writes beside form.json, derived from the version before.
  const fhir = useMemo(() => {
    const previous = previousVersion(form, forms);
    return toQuestionnaire(form, previous ? { previousVersion: previous } : {});
  }, [form, forms]);
  const [format, setFormat] = useState<DictionaryFormat>('html');
  const { registry, registrationType, version } = form.meta;
  const base = `${registry}-${registrationType}-${version}`;
  // The dictionary in the chosen language when the form has it, else the form's own.
  const dictLang = form.meta.languages.includes(lang) ? lang : form.meta.defaultLanguage;
  return (
    <Paper variant="outlined" component="section" aria-labelledby="downloads-title" sx={{ p: 2, mb: 2 }}>
      <Typography component="h2" variant="h6" id="downloads-title" gutterBottom>
        {t('downloads')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
        <Button
          variant="outlined"
          onClick={() => downloadText(`${base}.csv`, templateCsv(form), 'text/csv')}
          data-action="download-template"
        >
          {t('downloadTemplate')}
        </Button>
        <Typography variant="body2" color="text.secondary">
          {t('templateColumns', { n: form.csv.columns.length + 1 })}
        </Typography>
        <Box sx={{ flex: '1 1 auto' }} />
        <TextField
          select
          size="small"
          label={t('dictionaryFormat')}
          value={format}
          onChange={(e) => setFormat(e.target.value as DictionaryFormat)}
          sx={{ minWidth: 160 }}
        >
          <MenuItem value="html">HTML</MenuItem>
          <MenuItem value="md">Markdown</MenuItem>
          <MenuItem value="csv">CSV</MenuItem>
        </TextField>
        <Button
          variant="outlined"
          onClick={() =>
            downloadText(
              `${base}-dictionary-${dictLang}.${format}`,
              DICTIONARY[format].make(form, dictLang),
              DICTIONARY[format].type,
            )
          }
          data-action="download-dictionary"
        >
          {t('downloadDictionary')}
        </Button>
      </Box>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', mt: 2 }}>
        <Button
          variant="outlined"
          onClick={() =>
            downloadText(
              `${base}-questionnaire.json`,
              `${JSON.stringify(fhir.questionnaire, null, 2)}\n`,
              'application/fhir+json',
            )
          }
          data-action="download-questionnaire"
        >
          {t('downloadQuestionnaire')}
        </Button>
        <Typography variant="body2" color="text.secondary" data-fhir-losses={fhir.report.length}>
          {t('fhirLosses', { n: fhir.report.length })}
        </Typography>
      </Box>
    </Paper>
  );
}

type Progress = { rows: number; totalRows: number };

type Check =
  | { state: 'idle' }
  | { state: 'reading'; name: string; progress?: Progress }
  /** `lang`: the language of the report's messages. */
  | {
      state: 'checked' | 'importing' | 'imported';
      file: File;
      report: ImportReport;
      lang: string;
      progress?: Progress;
    }
  | { state: 'failed'; name: string; error: string };

/** How many of the file's data rows are done, once the file is read and its rows are checked. */
function RowsProgress({ progress }: { progress?: Progress }) {
  const { t } = useLang();
  if (!progress) return null;
  const label = t('csvRowsDone', { rows: progress.rows, total: progress.totalRows });
  return (
    <Box sx={{ mb: 2 }} data-testid="csv-progress">
      <LinearProgress
        variant="determinate"
        value={(100 * progress.rows) / Math.max(1, progress.totalRows)}
        aria-label={label}
      />
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        {label}
      </Typography>
    </Box>
  );
}

function Upload({ form }: { form: CompiledForm }) {
  const { t, lang } = useLang();
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const { registry, registrationType } = form.meta;

  const checkFile = useCallback(
    async (file: File, language: string) => {
      setCheck({ state: 'reading', name: file.name });
      try {
        // A dry run against the real store: replacements of existing registrations are foreseen.
        const report = await runCsv({ form, file, dryRun: true, lang: language }, (progress) =>
          setCheck((c) => (c.state === 'reading' && c.name === file.name ? { ...c, progress } : c)),
        );
        setCheck({ state: 'checked', file, report, lang: language });
      } catch (error) {
        setCheck({ state: 'failed', name: file.name, error: (error as Error).message });
      }
    },
    [form],
  );

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (file) void checkFile(file, lang);
  };

  // The form's messages are in the report: another language checks the file again (a dry
  // run changes nothing). An imported file's report stays as it was made.
  const checked = check.state === 'checked' ? check : undefined;
  useEffect(() => {
    if (checked && checked.lang !== lang) void checkFile(checked.file, lang);
  }, [checked, lang, checkFile]);

  const onImport = async () => {
    if (check.state !== 'checked') return;
    setCheck({ ...check, state: 'importing' });
    try {
      const report = await runCsv({ form, file: check.file, dryRun: false, lang }, (progress) =>
        setCheck((c) => (c.state === 'importing' ? { ...c, progress } : c)),
      );
      setCheck({ state: 'imported', file: check.file, report, lang });
    } catch (error) {
      setCheck({ state: 'failed', name: check.file.name, error: (error as Error).message });
    }
  };

  const report = 'report' in check ? check.report : undefined;
  const storable = report ? report.totals.sent + report.totals.draft + report.totals.replaced : 0;
  return (
    <Paper variant="outlined" component="section" aria-labelledby="upload-title" sx={{ p: 2 }}>
      <Typography component="h2" variant="h6" id="upload-title" gutterBottom>
        {t('uploadCsv')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
        <Typography component="label" htmlFor="csv-file" sx={{ fontWeight: 500 }}>
          {t('csvFile')}
        </Typography>
        <Box
          component="input"
          id="csv-file"
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={onFile}
          data-testid="csv-file"
          sx={{
            font: 'inherit',
            '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 2 },
          }}
        />
      </Box>
      {check.state === 'reading' && (
        <>
          <Loading label={t('csvChecking', { file: check.name })} />
          <RowsProgress progress={check.progress} />
        </>
      )}
      {check.state === 'importing' && <RowsProgress progress={check.progress} />}
      {check.state === 'failed' && (
        <Alert severity="error" role="alert">
          {t('csvFailed', { file: check.name, error: check.error })}
        </Alert>
      )}
      {report && (
        <Box data-testid="csv-report" data-dry-run={String(report.dryRun)}>
          <Alert
            severity={report.totals.rejected > 0 ? 'warning' : 'success'}
            sx={{ mb: 2 }}
            role="status"
            data-testid="csv-totals"
          >
            {t(report.dryRun ? 'csvCheckedTotals' : 'csvImportedTotals', {
              file: report.file.name ?? '',
              rows: report.totals.rows,
              sent: report.totals.sent,
              draft: report.totals.draft,
              replaced: report.totals.replaced,
              rejected: report.totals.rejected,
              skipped: report.totals.skippedEmpty,
            })}
          </Alert>
          {check.state !== 'imported' ? (
            <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
              <Button
                variant="contained"
                onClick={() => void onImport()}
                disabled={storable === 0 || check.state === 'importing'}
                data-action="import-csv"
              >
                {t('importInto', { n: storable })}
              </Button>
              <Typography variant="body2" color="text.secondary">
                {t('importNote')}
              </Typography>
            </Box>
          ) : (
            <Alert severity="success" sx={{ mb: 2 }} data-testid="csv-imported">
              {t('imported', { n: storable })}{' '}
              <Link href={`#/r/${registry}/${registrationType}`}>{t('registrations')}</Link>
            </Alert>
          )}
          {report.issues.length > 0 && <FileIssues issues={report.issues} />}
          <RowsTable report={report} />
        </Box>
      )}
    </Paper>
  );
}

function FileIssues({ issues }: { issues: FileIssue[] }) {
  const { t } = useLang();
  return (
    <Box component="section" aria-labelledby="file-issues-title" sx={{ mb: 2 }}>
      <Typography component="h3" variant="subtitle1" id="file-issues-title">
        {t('fileIssues')}
      </Typography>
      <Box component="ul" sx={{ pl: 2, my: 0.5 }} data-testid="file-issues">
        {issues.map((i) => (
          <li key={`${i.code}:${i.column ?? ''}:${i.line ?? ''}`} data-code={i.code}>
            <Chip
              size="small"
              label={t(`severity.${i.severity}`)}
              color={i.severity === 'error' ? 'error' : 'default'}
              sx={{ mr: 1, ...(i.severity === 'warning' ? { bgcolor: AMBER, color: '#fff' } : {}) }}
            />
            {i.column && (
              <Typography component="span" sx={{ fontFamily: 'monospace', mr: 1 }}>
                {i.column}
              </Typography>
            )}
            {i.message}
            {i.hint && (
              <Typography component="span" variant="body2" color="text.secondary">
                {' '}
                — {t('hint')}: {i.hint}
              </Typography>
            )}
          </li>
        ))}
      </Box>
    </Box>
  );
}

function RowsTable({ report }: { report: ImportReport }) {
  const { t } = useLang();
  const shown = report.rows.slice(0, MAX_ROWS_SHOWN);
  return (
    <Box component="section" aria-labelledby="rows-title">
      <Typography component="h3" variant="subtitle1" id="rows-title">
        {t('report')}
      </Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-labelledby="rows-title" data-testid="csv-rows">
          <TableHead>
            <TableRow>
              <TableCell sx={{ width: 80 }}>{t('lineHeader')}</TableCell>
              <TableCell sx={{ width: 160 }}>{t('result')}</TableCell>
              <TableCell>{t('details')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map((r) => (
              <TableRow
                key={r.line}
                data-line={r.line}
                data-outcome={r.outcome}
                sx={{ verticalAlign: 'top' }}
              >
                <TableCell>{r.line}</TableCell>
                <TableCell>
                  <Chip
                    size="small"
                    // A dry run says what an import would do: a valid row is still to be sent.
                    label={t(
                      report.dryRun && r.outcome === 'sent' ? 'outcome.toSend' : `outcome.${r.outcome}`,
                    )}
                    color={OUTCOME_COLOR[r.outcome]}
                  />
                  {/* A dry run's codes are only what an import would give: not shown. */}
                  {r.registrationCode && !report.dryRun && (
                    <Typography variant="body2" sx={{ fontFamily: 'monospace', mt: 0.5 }}>
                      {r.registrationCode}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  {r.replaces && (
                    <Typography variant="body2">
                      {t('replaces', {
                        what:
                          r.replaces.registrationCode ??
                          (r.replaces.line ? `${t('line')} ${r.replaces.line}` : r.replaces.id),
                      })}
                    </Typography>
                  )}
                  <IssueList issues={r.errors} severity="error" />
                  <IssueList issues={r.warnings} severity="warning" />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      {report.rows.length > shown.length && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('rowsNotShown', { n: report.rows.length - shown.length })}
        </Typography>
      )}
    </Box>
  );
}

function IssueList({ issues, severity }: { issues: CellIssue[]; severity: 'error' | 'warning' }) {
  const { t } = useLang();
  if (issues.length === 0) return null;
  const label: UiKey = `severity.${severity}`;
  return (
    <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {issues.map((e, i) => (
        <Box
          component="li"
          key={`${e.code}:${e.column}:${i}`}
          data-severity={severity}
          data-column={e.column}
          data-code={e.code}
          sx={{ py: 0.25 }}
        >
          <Typography
            component="span"
            variant="body2"
            sx={{ color: severity === 'error' ? 'error.dark' : AMBER }}
          >
            {t(label)}
          </Typography>{' '}
          <Typography component="span" variant="body2" sx={{ fontFamily: 'monospace' }}>
            {e.column || t('wholeRow')}
          </Typography>
          {e.value !== undefined && (
            <Typography component="span" variant="body2" sx={{ fontFamily: 'monospace' }}>
              {' '}
              = “{e.value.length > 60 ? `${e.value.slice(0, 60)}…` : e.value}”
            </Typography>
          )}
          <Typography component="span" variant="body2">
            {' '}
            — {e.message}
          </Typography>
          {e.hint && (
            <Typography component="span" variant="body2" color="text.secondary">
              {' '}
              ({e.hint})
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
}
