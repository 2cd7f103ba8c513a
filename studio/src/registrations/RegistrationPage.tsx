/*
 * One registration in its form: a new one on the most recent version, or an existing one on
 * the version it was made with (found by the compiled form's hash, else by version number).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import type { Registration } from '@regforms/registrations';
import { createFormSession, RegistryForm, regformsRenderers } from '@regforms/renderer';
import type { CompiledForm } from '@regforms/runtime';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLocation } from 'wouter';
import { findType } from '../catalog/lookup.ts';
import { findForm } from '../definitions/context.tsx';
import type { Compiled } from '../definitions/protocol.ts';
import { useLang } from '../i18n.tsx';
import { Loading, NotFound, TypeBreadcrumbs, WithDefinitions } from '../ui/Status.tsx';
import { MigrationOfferBanner, MigrationRecordNote } from './MigrationOffer.tsx';
import { migrationOffer } from './migration.ts';
import { registrations } from './service.ts';

export function RegistrationPage({ params }: { params: { registry: string; type: string; id: string } }) {
  // One view per registration: the router keeps this component when only the address's id
  // changes, and what one registration holds (its state, its form) must not leak into the
  // next one. A new registration that gets its address on its first save keeps its view.
  const [session, setSession] = useState({ id: params.id, n: 0, created: undefined as string | undefined });
  let current = session;
  if (params.id !== session.id) {
    current = {
      id: params.id,
      n: params.id === session.created ? session.n : session.n + 1,
      created: undefined,
    };
    setSession(current);
  }
  const onCreated = useCallback((created: string) => setSession((s) => ({ ...s, created })), []);
  return (
    <WithDefinitions>
      {(compiled) => (
        <RegistrationView
          key={`${params.registry}/${params.type}/${current.n}`}
          compiled={compiled}
          onCreated={onCreated}
          {...params}
        />
      )}
    </WithDefinitions>
  );
}

/** The form a registration opens with, and a note when it is not exactly the one it was made with. */
function formFor(
  compiled: Compiled,
  registration: Registration,
): { form?: CompiledForm; note?: 'olderVersion' | 'formChanged' | 'formOfRegistrationMissing' } {
  const byHash = compiled.forms.find((f) => f.meta.hash === registration.formHash);
  const latest = findType(compiled, registration.registry, registration.registrationType)?.type.latest;
  if (byHash) return { form: byHash, ...(byHash.meta.version !== latest ? { note: 'olderVersion' } : {}) };
  const byVersion = findForm(
    compiled,
    registration.registry,
    registration.registrationType,
    registration.version,
  );
  return byVersion ? { form: byVersion, note: 'formChanged' } : { note: 'formOfRegistrationMissing' };
}

function RegistrationView({
  compiled,
  registry,
  type,
  id,
  onCreated,
}: {
  compiled: Compiled;
  registry: string;
  type: string;
  id: string;
  /** Called with the id a new registration gets, before the address changes to it. */
  onCreated(id: string): void;
}) {
  const { t, lang } = useLang();
  const [, navigate] = useLocation();
  const isNew = id === 'new';
  // undefined: loading; null: not in the store.
  const [registration, setRegistration] = useState<Registration | null | undefined>(isNew ? null : undefined);

  useEffect(() => {
    if (isNew) return;
    // The id of the registration just created by the first save: already in hand.
    if (registration && registration.id === id) return;
    let live = true;
    const load = async () => {
      const r = await registrations.get(id);
      // A draft of a version compiled again since (an edited draft version): carried to the
      // form as it is now before anything else, or its next save would be refused.
      const chosen = r?.status === 'open' ? formFor(compiled, r) : undefined;
      if (r && chosen?.note === 'formChanged' && chosen.form)
        return registrations.rebase(r.id, chosen.form, lang);
      return r;
    };
    load().then(
      (r) => live && setRegistration(r ?? null),
      () => live && setRegistration(null),
    );
    return () => {
      live = false;
    };
  }, [id, isNew, registration, compiled, lang]);

  // What moving this draft to a newer published version would do (nothing stored yet).
  const offer = useMemo(
    () => (registration ? migrationOffer(compiled, registration, lang) : undefined),
    [compiled, registration, lang],
  );

  const entry = findType(compiled, registry, type);
  const latest = entry?.type.latest;
  const chosen =
    registration === undefined
      ? {}
      : registration
        ? formFor(compiled, registration)
        : { form: latest ? findForm(compiled, registry, type, latest) : undefined };
  // The form session (lifecycle, data, autosave) of the form shown: the migration offer saves
  // through it before a move. A move to another version is another form: a new session.
  // The registration is opened by the view (a saved one is not a new session).
  const session = useMemo(
    () =>
      chosen.form
        ? createFormSession({
            form: chosen.form,
            registrations,
            registration: registration ?? undefined,
            lang,
          })
        : undefined,
    [chosen.form],
  );
  useEffect(() => {
    session?.setEvents({
      // Kept in step with the store: the migration offer is computed from it.
      onSave: (saved) => {
        setRegistration(saved);
        if (isNew) {
          onCreated(saved.id);
          // The address of the new registration, so a reload opens it again.
          navigate(`/r/${registry}/${type}/registration/${saved.id}`, { replace: true });
        }
      },
      onSend: (sent) => {
        setRegistration(sent);
        if (isNew) {
          onCreated(sent.id);
          navigate(`/r/${registry}/${type}/registration/${sent.id}`, { replace: true });
        }
      },
    });
  }, [session, isNew, onCreated, navigate, registry, type]);

  if (!entry) return <NotFound>{t('notFoundType', { id: `${registry}/${type}` })}</NotFound>;
  const crumbs = (
    <TypeBreadcrumbs
      entry={entry}
      items={[
        {
          // The registration itself: its code once sent, else what it is (never "Registrations").
          label:
            registration?.registrationCode ??
            (registration ? t('registrationCrumb', { status: registration.status }) : t('newRegistration')),
        },
      ]}
    />
  );
  if (registration === undefined) return <Loading />;
  if (registration === null && !isNew)
    return (
      <Box>
        {crumbs}
        <Alert severity="warning">{t('registrationNotFound')}</Alert>
      </Box>
    );

  const note = 'note' in chosen ? chosen.note : undefined;
  return (
    <Box>
      {crumbs}
      {registration && offer && (
        <MigrationOfferBanner
          key={registration.formHash}
          registration={registration}
          offer={offer}
          compiled={compiled}
          beforeMove={async () => {
            await session?.save();
          }}
          onMoved={setRegistration}
        />
      )}
      {registration?.migration && chosen.form && (
        <MigrationRecordNote registration={registration} forms={[chosen.form]} />
      )}
      {note && registration && (
        <Alert
          severity={note === 'formOfRegistrationMissing' ? 'error' : 'info'}
          sx={{ mb: 2 }}
          data-testid="version-note"
        >
          {t(note, { version: registration.version, hash: registration.formHash.slice(0, 12) })}
        </Alert>
      )}
      {chosen.form ? (
        <Paper variant="outlined" sx={{ p: 2 }}>
          <RegistryForm
            key={chosen.form.meta.hash}
            session={session!}
            lang={lang}
            renderers={regformsRenderers}
            {...(registration ? { registration } : {})}
          />
        </Paper>
      ) : (
        !note && <Alert severity="error">{t('previewNone')}</Alert>
      )}
    </Box>
  );
}
