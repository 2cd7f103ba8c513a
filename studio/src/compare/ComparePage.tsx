/*
 * Compare two versions of a registration type: the semantic diff of @regforms/diff (computed
 * in the compile worker, on the typed model), as fields added, removed and changed, each
 * change with its class and its before and after side by side, in the chosen language.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { SourceFile } from '@regforms/definition';
import { type Change, type ChangeClass, compareClasses, declaredBump } from '@regforms/diff';
import { compareVersions } from '@regforms/runtime';
import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { findType } from '../catalog/lookup.ts';
import { useCompiler } from '../definitions/compiler-client.ts';
import { findForm, useDefinitions } from '../definitions/context.tsx';
import type { Compiled, DiffResult } from '../definitions/protocol.ts';
import { text, type UiKey, useLang } from '../i18n.tsx';
import { AMBER } from '../ui/colors.ts';
import { Loading, NotFound, TypeBreadcrumbs, WithDefinitions } from '../ui/Status.tsx';
import { defaultPair, type Group, inGroup, requirednessOf, targetLabel, valueText } from './present.ts';

type Params = { registry: string; type: string; from?: string; to?: string };

export function ComparePage({ params }: { params: Params }) {
  const { files } = useDefinitions();
  return (
    <WithDefinitions>
      {(compiled) => files && <CompareView compiled={compiled} files={files} {...params} />}
    </WithDefinitions>
  );
}

function CompareView({
  compiled,
  files,
  registry,
  type,
  from: fromParam,
  to: toParam,
}: Params & { compiled: Compiled; files: SourceFile[] }) {
  const { t, lang } = useLang();
  const [, navigate] = useLocation();
  const client = useCompiler();
  const entry = findType(compiled, registry, type);
  const defaults = entry ? defaultPair(entry.type) : {};
  const from = fromParam ?? defaults.from;
  const to = toParam ?? defaults.to;
  const [result, setResult] = useState<{ key: string; value?: DiffResult; error?: string }>();
  const key = `${from}..${to}`;

  useEffect(() => {
    if (!client || !from || !to || from === to) return;
    let live = true;
    client.diff(files, registry, type, from, to).then(
      (value) => live && setResult({ key: `${from}..${to}`, value }),
      (e: Error) => live && setResult({ key: `${from}..${to}`, error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [client, files, registry, type, from, to]);

  if (!entry) return <NotFound>{t('notFoundType', { id: `${registry}/${type}` })}</NotFound>;
  const fb = entry.registry.languages.fallback;
  const versions = [...entry.type.versions].sort((a, b) => compareVersions(b.version, a.version));
  const go = (a: string | undefined, b: string | undefined) =>
    navigate(`/compare/${registry}/${type}/${a ?? ''}/${b ?? ''}`, { replace: true });
  const forms = [to, from].map((v) => (v ? findForm(compiled, registry, type, v) : undefined));

  const picker = (label: UiKey, value: string | undefined, onPick: (v: string) => void, testid: string) => (
    <TextField
      select
      size="small"
      label={t(label)}
      value={value ?? ''}
      onChange={(e) => onPick(e.target.value)}
      sx={{ minWidth: 220 }}
      slotProps={{ htmlInput: { 'data-testid': testid } }}
    >
      {versions.map((v) => (
        <MenuItem key={v.version} value={v.version} data-version={v.version}>
          {v.version} · {t(`status.${v.status}`)}
          {v.latest ? ` · ${t('latest')}` : ''}
        </MenuItem>
      ))}
    </TextField>
  );

  const current = result?.key === key ? result : undefined;
  const diff = current?.value?.diff;
  return (
    <Box>
      <TypeBreadcrumbs entry={entry} items={[{ label: t('compare') }]} />
      <Typography component="h1" variant="h5" gutterBottom>
        {t('compare')} — {text(entry.type.title, lang, fb)}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {t('compareIntro')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', mb: 2 }}>
        {picker('from', from, (v) => go(v, to), 'compare-from')}
        <Typography aria-hidden>→</Typography>
        {picker('to', to, (v) => go(from, v), 'compare-to')}
      </Box>
      {!from || !to || from === to ? (
        <Alert severity="info">{t('pickTwo')}</Alert>
      ) : current === undefined ? (
        <Loading label={t('compiling')} />
      ) : current.error ? (
        <Alert severity="error" role="alert">
          {current.error}
        </Alert>
      ) : !diff ? (
        <Alert severity="error" role="alert">
          {(current.value?.unusable ?? []).map((v) => t('compareNotCompiled', { version: v })).join(' ')}
        </Alert>
      ) : (
        <DiffView changes={diff.changes} bump={diff.bump} from={from} to={to} forms={forms} lang={lang} />
      )}
    </Box>
  );
}

/** A change's class as a chip: red for major, amber for minor, outlined for patch. */
function ClassChip({ change }: { change: Change }) {
  const { t } = useLang();
  const c = change.class;
  return (
    <Chip
      size="small"
      label={t(`class.${c}`)}
      title={t(`bump.${c}`)}
      variant={c === 'patch' ? 'outlined' : 'filled'}
      sx={
        c === 'major'
          ? { bgcolor: 'error.dark', color: '#fff' }
          : c === 'minor'
            ? { bgcolor: AMBER, color: '#fff' }
            : {}
      }
    />
  );
}

/** `· mandatory` after the type of a field added or removed. */
function Requiredness({ change, form }: { change: Change; form: Parameters<typeof requirednessOf>[1] }) {
  const { t } = useLang();
  const r = requirednessOf(change, form);
  return r ? <> · {t(`required.${r}`)}</> : null;
}

function DiffView({
  changes,
  bump,
  from,
  to,
  forms,
  lang,
}: {
  changes: Change[];
  bump: ChangeClass | null;
  from: string;
  to: string;
  forms: Parameters<typeof targetLabel>[1];
  lang: string;
}) {
  const { t } = useLang();
  const declared = declaredBump(from, to);
  // A version number that promises less than its changes need (e.g. 1.1.0 with a breaking change).
  const under = bump !== null && (declared === null || compareClasses(declared, bump) < 0);
  const words = { yes: t('yes'), no: t('no'), none: '—' };
  return (
    <Box data-testid="diff" data-bump={bump ?? 'none'}>
      <Alert
        severity={under ? 'warning' : bump ? 'info' : 'success'}
        sx={{ mb: 2 }}
        data-testid="diff-summary"
      >
        {bump === null ? (
          t('noChanges')
        ) : (
          <>
            {t('changeCount', { n: changes.length })} {t('neededBump', { bump: t(`class.${bump}`) })}{' '}
            {declared
              ? t('declaredBump', { declared: t(`class.${declared}`) })
              : t('declaredNone', { from, to })}
            {under ? ` ${t('bumpTooSmall')}` : ''}
          </>
        )}
      </Alert>
      {(['added', 'removed', 'changed'] as Group[]).map((group) => {
        const list = inGroup(changes, group);
        if (list.length === 0) return null;
        return (
          <Paper
            key={group}
            variant="outlined"
            component="section"
            aria-labelledby={`diff-${group}`}
            sx={{ p: 2, mb: 2 }}
            data-group={group}
          >
            <Typography component="h2" variant="h6" id={`diff-${group}`} gutterBottom>
              {t(group)} ({list.length})
            </Typography>
            <Box sx={{ overflowX: 'auto' }}>
              <Table
                size="small"
                aria-labelledby={`diff-${group}`}
                sx={{ tableLayout: 'fixed', minWidth: 800 }}
              >
                <TableHead>
                  <TableRow>
                    <TableCell sx={{ width: '24%' }}>{t('field')}</TableCell>
                    <TableCell sx={{ width: '16%' }}>{t('change')}</TableCell>
                    <TableCell sx={{ width: '24%' }}>
                      {t('before')} ({from})
                    </TableCell>
                    <TableCell sx={{ width: '24%' }}>
                      {t('after')} ({to})
                    </TableCell>
                    <TableCell sx={{ width: '12%' }}>{t('class')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {list.map((c, i) => (
                    <TableRow
                      key={`${c.kind}:${c.fieldId}:${c.property ?? ''}:${i}`}
                      data-kind={c.kind}
                      data-field={c.technicalName ?? c.fieldId}
                      data-class={c.class}
                      sx={{ verticalAlign: 'top' }}
                    >
                      <TableCell sx={{ wordBreak: 'break-word' }}>
                        {targetLabel(c, forms, lang)}
                        {c.technicalName && (
                          <Typography
                            component="span"
                            variant="body2"
                            color="text.secondary"
                            sx={{ display: 'block', fontFamily: 'monospace' }}
                          >
                            {c.repeat ? `${c.repeat} › ` : ''}
                            {c.technicalName}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell>
                        {t(`kind.${c.kind}`)}
                        {c.property &&
                          !['label', 'visible', 'required', 'type', 'section'].includes(c.property) && (
                            <Typography
                              component="span"
                              variant="body2"
                              color="text.secondary"
                              sx={{ display: 'block', fontFamily: 'monospace' }}
                            >
                              {c.property}
                            </Typography>
                          )}
                      </TableCell>
                      <TableCell sx={{ wordBreak: 'break-word' }} data-side="before">
                        {group === 'added' ? '' : valueText(c, c.before, [...forms].reverse(), lang, words)}
                        {group === 'removed' && <Requiredness change={c} form={forms[1]} />}
                      </TableCell>
                      <TableCell sx={{ wordBreak: 'break-word' }} data-side="after">
                        {group === 'removed' ? '' : valueText(c, c.after, forms, lang, words)}
                        {group === 'added' && <Requiredness change={c} form={forms[0]} />}
                      </TableCell>
                      <TableCell>
                        <ClassChip change={c} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          </Paper>
        );
      })}
    </Box>
  );
}
