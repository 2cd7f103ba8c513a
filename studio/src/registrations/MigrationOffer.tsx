/*
 * "A newer version exists — move this draft to it": the offer on an Open registration, with
 * what the move keeps and every value that no longer fits (nothing is dropped silently), and
 * after a move, the record of what was left behind.
 */
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { type MigrationIssue, migrationIssueText, type Registration } from '@regforms/registrations';
import type { CompiledForm } from '@regforms/runtime';
import { useState } from 'react';
import type { Compiled } from '../definitions/protocol.ts';
import { useLang } from '../i18n.tsx';
import { issueValue, labelOf, type MigrationOffer, migrationOffer, pathOfName } from './migration.ts';
import { registrations } from './service.ts';

function NotKeptList({
  issues,
  forms,
  version,
}: {
  issues: MigrationIssue[];
  forms: CompiledForm[];
  /** The version the registration moves (or moved) to. */
  version: string;
}) {
  const { lang } = useLang();
  return (
    <Box component="ul" sx={{ pl: 2, my: 0.5 }} data-testid="not-kept">
      {issues.map((i) => (
        <li
          key={`${i.path.join('.')}:${i.reason}:${issueValue(i)}`}
          data-name={i.name}
          data-reason={i.reason}
        >
          <strong>{labelOf(forms, i.path, lang, i.name)}</strong>{' '}
          <Typography component="span" variant="body2" sx={{ fontFamily: 'monospace' }}>
            {i.name} = “{issueValue(i)}”
          </Typography>{' '}
          — {migrationIssueText({ reason: i.reason, params: { version, ...i.params } }, lang)}
        </li>
      ))}
    </Box>
  );
}

export function MigrationOfferBanner({
  registration,
  offer,
  compiled,
  beforeMove,
  onMoved,
}: {
  registration: Registration;
  offer: MigrationOffer;
  compiled: Compiled;
  /** Saves what is typed in the form, so the move starts from the latest answers. */
  beforeMove(): Promise<void>;
  onMoved(moved: Registration): void;
}) {
  const { t, lang } = useLang();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const { preview, to, from } = offer;
  const version = to.meta.version;

  const move = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await beforeMove();
      // The move is computed again on the stored record: never over a registration that
      // changed meanwhile (answers typed since the review, another tab sending it).
      const stored = await registrations.get(registration.id);
      const fresh =
        stored && stored.formHash === registration.formHash
          ? migrationOffer(compiled, stored, lang)
          : undefined;
      if (!fresh || fresh.to.meta.hash !== to.meta.hash) throw new Error(t('migrationStale'));
      const moved = await registrations.put(fresh.preview.registration);
      setOpen(false);
      onMoved(moved);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Alert
        severity="info"
        sx={{ mb: 2 }}
        data-testid="migration-offer"
        data-to={version}
        action={
          <Button
            color="inherit"
            variant="outlined"
            size="small"
            onClick={() => setOpen(true)}
            data-action="review-migration"
          >
            {t('migrationReview')}
          </Button>
        }
      >
        <AlertTitle>{t('migrationOffer', { version, from: registration.version })}</AlertTitle>
        {preview.notKept.length === 0
          ? t('migrationAllKept', { n: preview.kept.length })
          : t('migrationSomeLost', { n: preview.kept.length, lost: preview.notKept.length })}
      </Alert>
      <Dialog
        open={open}
        onClose={() => !busy && setOpen(false)}
        aria-labelledby="migration-title"
        maxWidth="md"
        fullWidth
      >
        <DialogTitle id="migration-title">
          {t('migrationTitle', { from: registration.version, to: version })}
        </DialogTitle>
        <DialogContent>
          <Typography component="h3" variant="subtitle1">
            {t('migrationKept', { n: preview.kept.length })}
          </Typography>
          {preview.kept.length > 0 ? (
            <Typography variant="body2" sx={{ mb: 2 }} data-testid="kept">
              {preview.kept
                .map((name) => labelOf([to, from], pathOfName(name, preview.registration.data), lang, name))
                .join(' · ')}
            </Typography>
          ) : (
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              —
            </Typography>
          )}
          {preview.moved.length > 0 && (
            <Typography variant="body2" sx={{ mb: 2 }}>
              {t('migrationRenamed')} {preview.moved.map((m) => `${m.from} → ${m.to}`).join(', ')}
            </Typography>
          )}
          <Typography component="h3" variant="subtitle1">
            {t('migrationNotKept', { n: preview.notKept.length })}
          </Typography>
          {preview.notKept.length > 0 ? (
            <NotKeptList issues={preview.notKept} forms={[from, to]} version={version} />
          ) : (
            <Typography variant="body2" color="text.secondary">
              {t('migrationNothingLost')}
            </Typography>
          )}
          <Typography variant="body2" sx={{ mt: 2 }}>
            {t('migrationAfter', { version })}
          </Typography>
          {error && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }}>
              {error}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={busy}>
            {t('cancel')}
          </Button>
          <Button
            variant="contained"
            onClick={() => void move()}
            disabled={busy}
            data-action="confirm-migration"
          >
            {t('migrationConfirm', { version })}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}

/** After a move: where the registration came from and what it left behind, kept on the record. */
export function MigrationRecordNote({
  registration,
  forms,
}: {
  registration: Registration;
  forms: CompiledForm[];
}) {
  const { t } = useLang();
  const m = registration.migration;
  if (!m) return null;
  return (
    <Alert severity={m.notKept.length ? 'warning' : 'success'} sx={{ mb: 2 }} data-testid="migration-record">
      {m.fromVersion === registration.version
        ? t('formChanged', { version: registration.version })
        : t('migrationDone', { from: m.fromVersion, to: registration.version })}
      {m.notKept.length > 0 && (
        <>
          {' '}
          {t('migrationLeftBehind', { n: m.notKept.length })}
          <NotKeptList issues={m.notKept} forms={forms} version={registration.version} />
        </>
      )}
    </Alert>
  );
}
