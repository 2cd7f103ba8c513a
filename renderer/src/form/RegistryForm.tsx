/*
 * The registry form, the view of a form session (../session/form-session.ts: the lifecycle,
 * data, errors, section status, autosave). Sections are shown one at a time beside a
 * navigation with completeness and error counts, which keeps a 370-field form fast (JSON Forms
 * only renders the section on screen).
 *
 * Speed: each part (header, error summary, navigation, section, footer) follows only its own
 * slice of the session (useFormSessionSelector), so a committed keystroke re-renders JSON Forms'
 * controls and nothing else, and an autosave renders nothing unless the save line's words change
 * (save-line.ts).
 */
import type { JsonFormsRendererRegistryEntry, Middleware, UISchemaElement } from '@jsonforms/core';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { applyComputed, type FormError, type RegistrationData } from '@regforms/runtime';
import type { ErrorObject } from 'ajv';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { flushSync } from 'react-dom';
import { CompiledFormContext, PendingEditsContext } from '../renderers/common.tsx';
import { loadControlsOf, regformsRenderers } from '../renderers/index.ts';
import type { FormSession, FormSessionState } from '../session/form-session.ts';
import type { SectionStatus } from '../session/sections.ts';
import { errorGroups, requiredNowTracker, type SectionInfo, sectionOfPath } from '../session/sections.ts';
import {
  type UseFormSessionOptions,
  useFormSession,
  useFormSessionSelector,
} from '../session/use-form-session.ts';
import { saveLine } from './save-line.ts';
import { SectionJsonForms } from './section-json-forms.tsx';
import { translator } from './strings.ts';

export type RegistryFormProps = UseFormSessionOptions & {
  /** The renderers (default regformsRenderers; a host adds its own to that list). */
  renderers?: JsonFormsRendererRegistryEntry[];
  /**
   * A preview of a version (a designer's, a reviewer's): it says so, stores nothing and sends
   * nothing. "Check" validates as Send would; there is no Save, status or Delete.
   */
  preview?: boolean;
};

/** FormError → the ajv error shape JSON Forms places next to each control. */
export function toAjvErrors(errors: FormError[]): ErrorObject[] {
  return errors.map((e) => {
    const required = e.keyword === 'required';
    const at = required ? e.path.slice(0, -1) : e.path;
    return {
      instancePath: at.length ? `/${at.join('/')}` : '',
      schemaPath: '',
      keyword: e.keyword,
      params: required ? { missingProperty: String(e.path[e.path.length - 1]) } : e.params,
      message: e.message,
    } as ErrorObject;
  });
}

/** Do two data objects hold the same values (top level, and each repeat item one level down)? */
function sameData(a: RegistrationData, b: RegistrationData): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    const x = a[k];
    const y = b[k];
    if (!(k in b)) return false;
    if (Object.is(x, y)) return true;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    return x.every((item, i) => {
      const other = y[i];
      if (Object.is(item, other)) return true;
      if (typeof item !== 'object' || typeof other !== 'object' || !item || !other) return false;
      return sameData(item as RegistrationData, other as RegistrationData);
    });
  });
}

function focusField(path: (string | number)[]): void {
  const name = String(path[path.length - 1]);
  const byId = document.getElementById(`#/properties/${name}-input`);
  const el =
    byId ??
    document.querySelector<HTMLElement>(
      `[id^="#/properties/${CSS.escape(name)}"] input, [id^="#/properties/${CSS.escape(name)}"]`,
    );
  if (el) {
    el.scrollIntoView?.({ block: 'center' });
    el.focus();
  }
}

/**
 * One entry of the section navigation. Speed: memoised on plain values, so a change of one
 * field re-renders only the entries whose counts changed, not every MUI button of the navigation.
 */
const SectionNavItem = memo(function SectionNavItem(props: {
  id: string;
  index: number;
  label: string;
  isCurrent: boolean;
  required: number;
  missing: number;
  errors: number;
  /** "2 of 5 required fields filled": the counter's meaning, read and shown on hover. */
  counterText: string;
  errorsText: string;
  onSelect(index: number): void;
}) {
  const { id, index, label, isCurrent, required, missing, errors, counterText, errorsText, onSelect } = props;
  return (
    <Button
      fullWidth
      onClick={() => onSelect(index)}
      aria-current={isCurrent ? 'step' : undefined}
      variant={isCurrent ? 'contained' : 'text'}
      disableRipple
      sx={{
        justifyContent: 'space-between',
        textTransform: 'none',
        textAlign: 'left',
        mb: 0.5,
        // No colour transition: the text must be readable at every instant.
        transition: 'none',
        // primary.main on the hover tint is below 4.5:1; the darker shade is not.
        ...(isCurrent ? {} : { color: 'primary.dark' }),
        '&.Mui-focusVisible': {
          outline: '2px solid',
          outlineColor: 'primary.dark',
          outlineOffset: 2,
        },
      }}
      data-section={id}
    >
      <span>{label}</span>
      <Box component="span" sx={{ display: 'flex', gap: 0.5, ml: 1, flexShrink: 0 }}>
        {required > 0 && (
          <Box
            component="span"
            sx={{ fontSize: 12 }}
            aria-label={counterText}
            title={counterText}
            data-counter
          >
            {required - missing}/{required}
          </Box>
        )}
        {errors > 0 && (
          <Box
            component="span"
            sx={{
              fontSize: 12,
              bgcolor: 'error.main',
              color: 'error.contrastText',
              borderRadius: 1,
              px: 0.5,
            }}
            aria-label={`${errors} ${errorsText}`}
            data-errors={errors}
          >
            {errors}
          </Box>
        )}
      </Box>
    </Button>
  );
});

/** The section on screen: the one chosen if it is shown, else the first shown. */
function currentSection(sections: SectionInfo[], statuses: SectionStatus[], active: number): SectionInfo {
  if (sections[active] && statuses[active]?.shown !== false) return sections[active];
  return sections.find((_, i) => statuses[i]?.shown !== false) ?? sections[0]!;
}

const selectLang = (s: FormSessionState) => s.lang;
const selectStatuses = (s: FormSessionState) => s.statuses;
const selectReadOnly = (s: FormSessionState) => s.readOnly;
const selectErrors = (s: FormSessionState) => s.errors;
const selectNotice = (s: FormSessionState) => s.notice;
const selectStatus = (s: FormSessionState) => s.registration?.status ?? 'open';
const selectCode = (s: FormSessionState) => s.registration?.registrationCode;
const selectHasRegistration = (s: FormSessionState) => s.registration !== undefined;
const selectSync = (s: FormSessionState) => s.sync.state;
const selectSyncReason = (s: FormSessionState) => (s.sync.state === 'refused' ? s.sync.reason : '');
/** After a refused Send: the errors by section are summed up at the top. */
const selectFailedSend = (s: FormSessionState) =>
  s.notice?.severity === 'error' && s.attemptedSend && s.errors.length > 0;

/** The form's words in its language (JSON Forms' own translator is shaped otherwise). */
type FormText = ReturnType<typeof translator>;

interface PartProps {
  session: FormSession;
  t: FormText;
  preview: boolean | undefined;
}

export function RegistryForm(props: RegistryFormProps) {
  const session = useFormSession(props);
  const { form, sections } = session.getState();
  const lang = useFormSessionSelector(session, selectLang);
  const t = useMemo(() => translator(form.i18n[lang], lang), [form, lang]);
  const renderers = useMemo(() => props.renderers ?? regformsRenderers, [props.renderers]);
  const [active, setActive] = useState(0);
  const [pendingFocus, setPendingFocus] = useState<(string | number)[] | undefined>();
  // The commit of pending typing goes through JSON Forms' reducer: flushSync runs it now, so
  // the session has the data before it saves or sends.
  useEffect(() => session.setCommitRunner((commit) => flushSync(commit)), [session]);
  // The controls that are chunks of their own, loaded for the sections still to be opened.
  useEffect(() => loadControlsOf(form), [form]);

  const jumpTo = useCallback(
    (path: (string | number)[]) => {
      const index = sectionOfPath(sections, path);
      if (index >= 0) setActive(index);
      setPendingFocus(path);
    },
    [sections],
  );
  useEffect(() => {
    if (!pendingFocus) return;
    // After the section has rendered.
    const id = requestAnimationFrame(() => {
      focusField(pendingFocus);
      setPendingFocus(undefined);
    });
    return () => cancelAnimationFrame(id);
  }, [pendingFocus]);

  const part = { session, t, preview: props.preview };
  return (
    <Box
      className="regforms-form"
      lang={lang}
      sx={{
        fontFamily: 'Roboto, Arial, sans-serif',
        // Room between fields: an outlined box's floating label rises above its border, and
        // boxes that touch read as one.
        '& .regforms-control': { mt: 2 },
        // A long word (a code, a URL, a label without spaces) wraps instead of widening the page.
        overflowWrap: 'anywhere',
        '& .MuiFormControlLabel-label, & .MuiFormLabel-root, & .MuiFormHelperText-root': {
          overflowWrap: 'anywhere',
        },
        '& main, & nav': { minWidth: 0 },
      }}
    >
      <FormHeader {...part} />
      <SendSummary {...part} jumpTo={jumpTo} />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '260px 1fr' }, gap: 3 }}>
        <SectionNav {...part} active={active} onSelect={setActive} />
        <SectionView {...part} lang={lang} active={active} onSelect={setActive} renderers={renderers} />
      </Box>
      <FormFooter {...part} />
    </Box>
  );
}

/** The form's title, version, status and registration code. */
const FormHeader = memo(function FormHeader({ session, t, preview }: PartProps) {
  const { form } = session.getState();
  const status = useFormSessionSelector(session, selectStatus);
  const code = useFormSessionSelector(session, selectCode);
  const readOnly = useFormSessionSelector(session, selectReadOnly);
  return (
    <Box component="header" sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 1, mb: 2 }}>
      <Typography component="h1" variant="h5" sx={{ flex: '1 1 auto' }}>
        {t('form.title', form.meta.registrationType)}
      </Typography>
      <Chip label={`v${form.meta.version}`} size="small" variant="outlined" />
      {preview ? (
        // Outlined, dark text: white on MUI's warning orange is below 4.5:1.
        <Chip
          label={t('preview')}
          size="small"
          variant="outlined"
          sx={{ borderColor: 'warning.main', borderWidth: 2 }}
          data-status="preview"
        />
      ) : (
        <Chip
          label={t(`status.${status}`)}
          size="small"
          color={status === 'sent' ? 'success' : status === 'deleted' ? 'default' : 'primary'}
          data-status={status}
        />
      )}
      {code && (
        <Typography component="p" data-testid="registration-code">
          {t('registrationCode')}: <strong>{code}</strong>
        </Typography>
      )}
      {readOnly && <Chip label={t('readOnly')} size="small" />}
    </Box>
  );
});

/**
 * After a refused Send: the errors by section in form order, summed up at the top, where the
 * focus goes so that a keyboard or screen reader user starts from the list.
 */
const SendSummary = memo(function SendSummary({
  session,
  t,
  preview,
  jumpTo,
}: PartProps & { jumpTo(path: (string | number)[]): void }) {
  const { form, sections } = session.getState();
  const failedSend = useFormSessionSelector(session, selectFailedSend);
  const errors = useFormSessionSelector(session, selectErrors);
  const notice = useFormSessionSelector(session, selectNotice);
  const groups = useMemo(
    () => (failedSend ? errorGroups(form, sections, errors) : []),
    [failedSend, form, sections, errors],
  );
  const summaryRef = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    if (failedSend) summaryRef.current?.focus();
  }, [failedSend, notice]);
  if (!failedSend) return null;
  const errorCount = groups.reduce((n, g) => n + g.errors.length, 0);
  const sectionLabel = (s: SectionInfo) => t(`${s.key}.label`, s.label);
  return (
    <Alert
      severity="error"
      role="alert"
      data-testid="notice"
      ref={summaryRef}
      tabIndex={-1}
      sx={{ mb: 2, '&:focus': { outline: '2px solid', outlineColor: 'error.dark' } }}
    >
      <Typography component="p" sx={{ fontWeight: 500 }} data-testid="error-summary">
        {t(preview ? 'checkFailed.count' : 'sendFailed.count', undefined, { count: errorCount })}
      </Typography>
      <Box data-testid="error-list">
        {groups.map((g) => (
          <Box
            key={g.section?.id ?? ''}
            component="section"
            sx={{ mt: 1 }}
            data-error-section={g.section?.id}
          >
            <Typography component="p" variant="body2" sx={{ fontWeight: 500 }}>
              {g.section ? sectionLabel(g.section) : t('form.title', form.meta.registrationType)}
            </Typography>
            <Box component="ul" sx={{ m: 0, pl: 2 }}>
              {g.errors.map((e) => (
                <li key={`${e.path.join('.')}:${e.keyword}`}>
                  <Link
                    component="button"
                    type="button"
                    // The alert's own text colour: primary blue on the error tint is below 4.5:1.
                    color="inherit"
                    onClick={() => jumpTo(e.path)}
                    data-path={e.path.join('.')}
                  >
                    {t(`${e.key}.label`, e.name)}
                    {typeof e.path[1] === 'number' ? ` (${e.path[1] + 1})` : ''}
                  </Link>
                  {' — '}
                  {e.message}
                </li>
              ))}
            </Box>
          </Box>
        ))}
      </Box>
    </Alert>
  );
});

/**
 * The navigation: renders again only when a section's counts, the current section or the
 * language change, not on every committed value (the session keeps equal statuses).
 */
const SectionNav = memo(function SectionNav({
  session,
  t,
  active,
  onSelect,
}: PartProps & { active: number; onSelect(index: number): void }) {
  const { sections } = session.getState();
  const statuses = useFormSessionSelector(session, selectStatuses);
  const current = currentSection(sections, statuses, active);
  return (
    <Box component="nav" aria-label={t('sections')}>
      <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {sections.map((s, i) => {
          const st = statuses[i]!;
          if (!st.shown) return null;
          return (
            <li key={s.id}>
              <SectionNavItem
                id={s.id}
                index={i}
                label={t(`${s.key}.label`, s.label) ?? s.label}
                isCurrent={s === current}
                required={st.required}
                missing={st.missing}
                errors={st.errors}
                counterText={
                  t('counter.title', undefined, {
                    filled: st.required - st.missing,
                    required: st.required,
                  }) ?? ''
                }
                errorsText={t('errors') ?? ''}
                onSelect={onSelect}
              />
            </li>
          );
        })}
      </Box>
      <Typography
        variant="caption"
        component="p"
        sx={{ color: 'text.secondary', mt: 1 }}
        data-testid="counter-legend"
      >
        {t('counter.legend')}
      </Typography>
    </Box>
  );
});

/**
 * The section on screen: JSON Forms on that section's part of the schema, with the errors to
 * show, and the previous/next buttons.
 */
const SectionView = memo(function SectionView({
  session,
  t,
  lang,
  active,
  onSelect,
  renderers,
}: PartProps & {
  lang: string;
  active: number;
  onSelect(index: number): void;
  renderers: JsonFormsRendererRegistryEntry[];
}) {
  const { form, sections } = session.getState();
  const statuses = useFormSessionSelector(session, selectStatuses);
  const readOnly = useFormSessionSelector(session, selectReadOnly);
  const errors = useFormSessionSelector(session, selectErrors);
  const current = currentSection(sections, statuses, active);
  /*
   * The data JSON Forms made itself is already in its store: a commit renders its controls
   * through its own reducer, and this part renders again only for data from elsewhere (a
   * registration opened, computed values, the data a Send returns). When it renders for any
   * reason, it hands JSON Forms the newest data: JSON Forms re-applies its `data` prop whenever
   * another prop changes, and a stale one would undo a keystroke.
   */
  const handed = useRef<RegistrationData>(session.getState().data);
  useFormSessionSelector(
    session,
    useCallback((s: FormSessionState) => (s.data === handed.current ? handed : s.data), []),
  );
  const data = session.getState().data;
  // Its `required` is what is required for the data as it stands (a field required only when
  // shown, or when a condition holds): JSON Forms marks a control required from it, so the
  // asterisk follows the validator. A string: equal lists do not render again.
  const requiredOf = useMemo(() => requiredNowTracker(form, current), [form, current]);
  const required = useFormSessionSelector(
    session,
    useCallback((s: FormSessionState) => requiredOf(s.data).join('\n'), [requiredOf]),
  );

  /*
   * Every data change, seen as JSON Forms' reducer makes it, and handed to the session in the
   * next microtask. JSON Forms' own onChange is debounced: a value committed on blur by the
   * click that leaves a section would be lost with the section.
   */
  const middleware = useCallback<Middleware>(
    (state, action, reducer) => {
      const next = reducer(state, action);
      if (next.data === state.data || next.data === session.getState().data) return next;
      // Computed fields are applied in the same step as the change that feeds them. Speed: keep
      // JSON Forms' own object when no computed value changed (a copy re-runs every control).
      const raw = next.data as RegistrationData;
      const applied = applyComputed(form, raw);
      const changed = sameData(applied, raw) ? raw : applied;
      handed.current = changed;
      queueMicrotask(() => session.change(changed));
      return changed === raw ? next : { ...next, data: changed };
    },
    [form, session],
  );

  const i18n = useMemo(
    () => ({
      locale: lang,
      translate: (key: string, fallback?: string, values?: Record<string, string | number>) =>
        t(key, fallback, values) as string,
      translateError: (error: ErrorObject) => error.message ?? '',
    }),
    [lang, t],
  );
  // Speed: the same errors keep the same array, or JSON Forms would re-run every control of the
  // section once more.
  const ajvErrors = useMemo(() => toAjvErrors(errors), [errors]);
  const sectionElements = (current.element as unknown as { elements: UISchemaElement[] }).elements;
  // Speed: JSON Forms resolves each control's scope through the root schema and walks all its
  // property names on the way (lodash isEmpty on a 1,000-key object, for every control at every
  // change); the section's own properties are all its controls need.
  const sectionSchema = useMemo(() => {
    const all = (form.schema.properties ?? {}) as Record<string, unknown>;
    const properties = Object.fromEntries(current.names.filter((n) => n in all).map((n) => [n, all[n]]));
    return { ...form.schema, properties, required: required ? required.split('\n') : [] };
  }, [form, current, required]);
  const visible = sections.filter((_, i) => statuses[i]?.shown !== false);
  const position = visible.indexOf(current);
  return (
    <Box component="main">
      <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
        {t(`${current.key}.label`, current.label)}
      </Typography>
      {t(`${current.key}.description`) && (
        <Typography variant="body2" sx={{ mb: 2 }}>
          {t(`${current.key}.description`)}
        </Typography>
      )}
      <PendingEditsContext.Provider value={session.edits}>
        <CompiledFormContext.Provider value={form}>
          <SectionJsonForms
            key={current.id}
            schema={sectionSchema as never}
            elements={sectionElements}
            data={data}
            renderers={renderers}
            ajv={session.ajv}
            i18n={i18n}
            readonly={readOnly}
            additionalErrors={ajvErrors}
            middleware={middleware}
          />
        </CompiledFormContext.Provider>
      </PendingEditsContext.Provider>
      <Box sx={{ display: 'flex', justifyContent: 'space-between', mt: 2 }}>
        <Button disabled={position <= 0} onClick={() => onSelect(visible[position - 1]!.index)}>
          {t('previous')}
        </Button>
        <Button
          disabled={position >= visible.length - 1}
          onClick={() => onSelect(visible[position + 1]!.index)}
        >
          {t('next')}
        </Button>
      </Box>
    </Box>
  );
});

/** The notice of the last action, the lifecycle buttons and where the registration is saved. */
const FormFooter = memo(function FormFooter({ session, t, preview }: PartProps) {
  const readOnly = useFormSessionSelector(session, selectReadOnly);
  const notice = useFormSessionSelector(session, selectNotice);
  const failedSend = useFormSessionSelector(session, selectFailedSend);
  const hasRegistration = useFormSessionSelector(session, selectHasRegistration);
  return (
    <Box component="footer" sx={{ mt: 3, display: 'flex', flexDirection: 'column', gap: 2 }}>
      {notice && !failedSend && (
        <Alert
          severity={notice.severity}
          role={notice.severity === 'error' ? 'alert' : 'status'}
          data-testid="notice"
        >
          {notice.key === 'lifecycle' ? notice.text : t(notice.key)}
        </Alert>
      )}
      {!readOnly && preview && (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <Button variant="contained" onClick={() => void session.check()} data-action="check">
            {t('check')}
          </Button>
          <Typography variant="body2" sx={{ color: 'text.secondary' }} data-testid="preview-note">
            {t('preview.note')}
          </Typography>
        </Box>
      )}
      {!readOnly && !preview && (
        <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
          <Button variant="outlined" onClick={() => void session.save()} data-action="save">
            {t('save')}
          </Button>
          <Button variant="contained" onClick={() => void session.send()} data-action="send">
            {t('send')}
          </Button>
          {/*
           * In the page from the start, hidden until there is a registration to delete. Shown
           * by the first autosave, while the clinician types: inserting its styles only then
           * would make the browser restyle the whole page in the middle of a word (~5 ms).
           */}
          <Button
            color="error"
            onClick={() => void session.remove()}
            data-action="delete"
            hidden={!hasRegistration}
            style={hasRegistration ? undefined : HIDDEN}
          >
            {t('delete')}
          </Button>
          <SaveStatus session={session} t={t} />
        </Box>
      )}
    </Box>
  );
});

/** An element hidden without a class of its own (MUI's display rules outrank `hidden`). */
const HIDDEN = { display: 'none' } as const;

/** Saved, saving, unsaved; and whether it is on the node or only on this device. */
const SaveStatus = memo(function SaveStatus({ session, t }: { session: FormSession; t: FormText }) {
  // The words change a few times per registration; the session's save state, every second.
  const shown = useMemo(() => saveLine(session), [session]);
  const saveState = useSyncExternalStore(shown.subscribe, shown.get, shown.get);
  const sync = useFormSessionSelector(session, selectSync);
  const reason = useFormSessionSelector(session, selectSyncReason);
  const text =
    saveState === 'saving'
      ? t('saving')
      : saveState === 'saved'
        ? // Saved on this device only: the line beside says so instead.
          sync === 'pending' || sync === 'refused'
          ? ''
          : t('saved')
        : saveState === 'dirty'
          ? t('unsaved')
          : '';
  const ref = useRef<HTMLElement>(null);
  // The session's own state, for hosts and tests, written on the element as it changes: no
  // render for a change the line does not say.
  useLayoutEffect(() => {
    let written: string | undefined;
    const write = () => {
      const actual = session.getState().saveState;
      if (actual === written) return;
      written = actual;
      ref.current?.setAttribute('data-save-state', actual);
    };
    write();
    return session.subscribe(write);
  }, [session]);
  return (
    <>
      <Typography ref={ref} variant="body2" role="status" sx={{ ml: 'auto' }}>
        {text}
      </Typography>
      {(sync === 'pending' || sync === 'refused') && (
        <Typography
          variant="body2"
          role="status"
          data-sync={sync}
          sx={{ color: sync === 'refused' ? 'error.main' : 'warning.dark' }}
        >
          {sync === 'pending' ? t('sync.pending') : t('sync.refused', undefined, { reason })}
        </Typography>
      )}
    </>
  );
});
