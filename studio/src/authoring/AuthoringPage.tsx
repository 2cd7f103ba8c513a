/*
 * Authoring one version: the YAML beside a live preview. Every change is compiled by the real
 * compiler (in a worker, debounced); diagnostics appear in the editor and in a list; the
 * preview keeps the last version that compiled while the text is broken. Unsaved text is kept
 * in this browser; "Save" writes the file through the dev server, never over a published one.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { Diagnostic, SourceFile } from '@regforms/definition';
import { MemoryStore, Registrations } from '@regforms/registrations';
import { RegistryForm, regformsRenderers } from '@regforms/renderer';
import type { CompiledForm } from '@regforms/runtime';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { diagnosticsOf, findType, versionPath } from '../catalog/lookup.ts';
import { useCompiler } from '../definitions/compiler-client.ts';
import { registryFiles, useDefinitions } from '../definitions/context.tsx';
import type { Compiled } from '../definitions/protocol.ts';
import { text, useLang } from '../i18n.tsx';
import { NotFound, TypeBreadcrumbs, WithDefinitions } from '../ui/Status.tsx';
import { DiagnosticList } from './DiagnosticList.tsx';
import { clearDraft, loadDraft, storeDraft } from './drafts.ts';
import { NewVersionDialog } from './NewVersionDialog.tsx';
import { YamlEditor, type YamlEditorApi } from './YamlEditor.tsx';

/** Delay after the last keystroke before compiling: fast enough to feel live. */
const COMPILE_DELAY = 300;

type Params = { registry: string; type: string; version: string };

export function AuthoringPage({ params }: { params: Params }) {
  const { files } = useDefinitions();
  return (
    <WithDefinitions>
      {(compiled) =>
        files && (
          <Authoring
            key={versionPath(params.registry, params.type, params.version)}
            compiled={compiled}
            files={files}
            {...params}
          />
        )
      }
    </WithDefinitions>
  );
}

interface CompileOutcome {
  /** The text this outcome was compiled from. */
  text: string;
  diagnostics: Diagnostic[];
  form?: CompiledForm;
  ms: number;
  failure?: string;
}

function Authoring({
  compiled,
  files,
  registry,
  type,
  version,
}: Params & { compiled: Compiled; files: SourceFile[] }) {
  const { t, lang } = useLang();
  const { save } = useDefinitions();
  const client = useCompiler();
  const path = versionPath(registry, type, version);
  const disk = files.find((f) => f.path === path)?.text;
  const entry = findType(compiled, registry, type);
  const onDiskVersion = entry?.type.versions.find((v) => v.version === version);
  const published = onDiskVersion?.status === 'published';
  const [initial] = useState(() => {
    const draft = published ? undefined : loadDraft(path);
    return { text: draft?.text ?? disk, restored: draft !== undefined && draft.text !== disk };
  });
  const [current, setCurrent] = useState(initial.text ?? '');
  const [outcome, setOutcome] = useState<CompileOutcome>();
  const [lastGood, setLastGood] = useState<CompiledForm>();
  const [notice, setNotice] = useState<{
    severity: 'success' | 'error' | 'info' | 'warning';
    text: string;
  }>();
  const [saving, setSaving] = useState(false);
  const [newVersion, setNewVersion] = useState(false);
  const editor = useRef<YamlEditorApi>(null);
  const scratch = useMemo(() => new Registrations(new MemoryStore()), []);
  const dirty = disk === undefined || current !== disk;

  // Keep what is typed: in localStorage until it is saved to disk.
  useEffect(() => {
    if (published || initial.text === undefined) return;
    const timer = setTimeout(() => {
      if (disk !== undefined && current === disk) clearDraft(path);
      else storeDraft(path, current, disk);
    }, 200);
    return () => clearTimeout(timer);
  }, [current, disk, path, published, initial.text]);

  // Compile the registry with this file's text in place of the one on disk.
  useEffect(() => {
    if (!client || initial.text === undefined) return;
    let live = true;
    const timer = setTimeout(() => {
      const others = files.filter((f) => f.path !== path);
      const input = registryFiles([...others, { path, text: current }], registry);
      client.compile(input).then(
        (result) => {
          if (!live) return;
          const form = result.forms.find(
            (f) =>
              f.meta.registry === registry && f.meta.registrationType === type && f.meta.version === version,
          );
          setOutcome({ text: current, diagnostics: result.diagnostics, form, ms: result.ms });
          // The same form again (another keystroke, same result): keep the object the preview has.
          if (form) setLastGood((previous) => (previous?.meta.hash === form.meta.hash ? previous : form));
        },
        (e: Error) => live && setOutcome({ text: current, diagnostics: [], ms: 0, failure: e.message }),
      );
    }, COMPILE_DELAY);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, current, files, path, registry, type, version, initial.text]);

  // A file with errors on disk breaks `regforms check` for everyone: the text is compiled as it
  // is now (not the last result, which may be a keystroke old), and saving it is confirmed.
  const onSave = useCallback(async () => {
    setSaving(true);
    let errors: Diagnostic[] = [];
    if (client) {
      const input = registryFiles(
        [...files.filter((f) => f.path !== path), { path, text: current }],
        registry,
      );
      const result = await client.compile(input).catch(() => undefined);
      errors = result?.diagnostics.filter((d) => d.severity === 'error' && d.file === path) ?? [];
    }
    const first = errors[0];
    if (
      first &&
      !window.confirm(t('saveWithErrors', { n: errors.length, line: first.line, message: first.message }))
    ) {
      setSaving(false);
      setNotice({ severity: 'warning', text: t('notSavedErrors') });
      return;
    }
    const result = await save(path, current);
    setSaving(false);
    if (result.ok) {
      clearDraft(path);
      setNotice(
        errors.length
          ? { severity: 'warning', text: t('savedWithErrors', { path, n: errors.length }) }
          : { severity: 'success', text: t('savedTo', { path }) },
      );
    } else setNotice({ severity: 'error', text: t('saveFailed', { error: result.error }) });
  }, [save, path, current, t, client, files, registry]);

  const discard = useCallback(() => {
    if (disk === undefined || !window.confirm(t('discardConfirm'))) return;
    clearDraft(path);
    editor.current?.setText(disk);
  }, [disk, path, t]);

  if (!entry || initial.text === undefined)
    return <NotFound>{t('notFoundType', { id: `${registry}/${type}@${version}` })}</NotFound>;

  const fb = entry.registry.languages.fallback;
  const own = outcome?.diagnostics.filter((d) => d.file === path) ?? [];
  const others = diagnosticsOf(outcome?.diagnostics ?? [], registry, type, version).filter(
    (d) => d.file !== path,
  );
  const upToDate = outcome?.text === current;
  const broken = upToDate && !outcome?.form;
  const latest = entry.type.latest;
  const existing = [...entry.type.versions.map((v) => v.version), ...(onDiskVersion ? [] : [version])];

  return (
    <Box>
      <TypeBreadcrumbs entry={entry} items={[{ label: `${t('authoring')} ${version}` }]} />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
        <Typography component="h1" variant="h5" sx={{ flex: '1 1 auto' }}>
          {text(entry.type.title, lang, fb)} {version}{' '}
          <Typography component="span" color="text.secondary" sx={{ fontFamily: 'monospace', fontSize: 14 }}>
            {path}
          </Typography>
        </Typography>
        <Chip
          label={
            onDiskVersion
              ? t(`status.${onDiskVersion.status}`)
              : // On disk but not compiled (its errors keep it out of the catalog): not a new file.
                `${t('status.draft')} · ${disk !== undefined ? t('fileWithErrors') : t('newFile')}`
          }
          data-testid="file-status"
          color={published ? 'success' : 'default'}
          variant={published ? 'filled' : 'outlined'}
        />
        {!published && dirty && disk !== undefined && (
          <Button onClick={discard} data-action="discard">
            {t('discard')}
          </Button>
        )}
        {latest && (
          <Button variant="outlined" onClick={() => setNewVersion(true)} data-action="new-version">
            {t('newVersion')}
          </Button>
        )}
        {!published && (
          <Button
            variant="contained"
            onClick={() => void onSave()}
            disabled={saving || !dirty}
            data-action="save-file"
          >
            {saving ? t('saving') : t('save')}
          </Button>
        )}
      </Box>
      {published && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {t('publishedReadOnly', { version })}
        </Alert>
      )}
      {!published && dirty && (
        <Alert severity="warning" sx={{ mb: 1 }} data-testid="unsaved">
          {initial.restored ? `${t('draftRestored')} ` : ''}
          {t('unsavedDraft')}
        </Alert>
      )}
      {notice && (
        <Alert
          severity={notice.severity}
          sx={{ mb: 1 }}
          onClose={() => setNotice(undefined)}
          role={notice.severity === 'error' ? 'alert' : 'status'}
          data-testid="save-notice"
        >
          {notice.text}
        </Alert>
      )}
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', lg: 'minmax(0, 1fr) minmax(0, 1fr)' },
          gap: 2,
        }}
      >
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, minWidth: 0 }}>
          <Box sx={{ height: { xs: '60vh', lg: '68vh' } }}>
            <YamlEditor
              apiRef={editor}
              initialText={initial.text}
              readOnly={published}
              label={t('editorLabel', { file: path })}
              diagnostics={own}
              diagnosticsFor={outcome?.text}
              onChange={setCurrent}
            />
          </Box>
          <Paper variant="outlined" sx={{ p: 1.5 }} component="section" aria-labelledby="diagnostics-title">
            <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1 }}>
              <Typography component="h2" variant="subtitle1" id="diagnostics-title" sx={{ flex: 1 }}>
                {t('diagnostics')} {outcome && upToDate ? `(${own.length + others.length})` : ''}
              </Typography>
              <Typography variant="caption" color="text.secondary" role="status" data-testid="compile-state">
                {!outcome || !upToDate ? t('compiling') : `${outcome.ms} ms`}
              </Typography>
            </Box>
            {outcome?.failure && <Alert severity="error">{outcome.failure}</Alert>}
            {outcome && own.length + others.length === 0 && !outcome.failure && (
              <Typography variant="body2" color="text.secondary">
                {t('noDiagnostics')}
              </Typography>
            )}
            <DiagnosticList diagnostics={own} onSelect={(d) => editor.current?.goTo(d.line, d.col)} />
            {others.length > 0 && (
              <>
                <Typography component="h3" variant="subtitle2" sx={{ mt: 1 }}>
                  {t('otherFiles')}
                </Typography>
                <DiagnosticList diagnostics={others} showFile />
              </>
            )}
          </Paper>
        </Box>
        <Paper
          variant="outlined"
          component="section"
          aria-labelledby="preview-title"
          sx={{ p: 2, minWidth: 0, maxHeight: { lg: 'calc(68vh + 200px)' }, overflow: 'auto' }}
          data-testid="preview"
        >
          <Typography component="h2" variant="subtitle1" id="preview-title" gutterBottom>
            {t('preview')}
          </Typography>
          {broken && lastGood && (
            <Alert severity="warning" sx={{ mb: 1 }} data-testid="preview-stale">
              {t('previewStale')}
            </Alert>
          )}
          {lastGood ? (
            <RegistryForm
              form={lastGood}
              lang={lang}
              registrations={scratch}
              renderers={regformsRenderers}
              autosave={0}
            />
          ) : (
            outcome && upToDate && <Alert severity="info">{t('previewNone')}</Alert>
          )}
        </Paper>
      </Box>
      {latest && newVersion && (
        <NewVersionDialog
          open
          registry={registry}
          type={type}
          base={latest}
          existing={existing}
          onClose={() => setNewVersion(false)}
        />
      )}
    </Box>
  );
}
