/* "New version": a draft copied from the most recent version, with the next version number. */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Link from '@mui/material/Link';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import type { ChangeClass } from '@regforms/diff';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { versionPath } from '../catalog/lookup.ts';
import { useDefinitions } from '../definitions/context.tsx';
import { useLang } from '../i18n.tsx';
import { newVersionText, nextVersions, storeDraft } from './drafts.ts';

const CLASSES: ChangeClass[] = ['major', 'minor', 'patch'];

export function NewVersionDialog({
  registry,
  type,
  base,
  existing,
  open,
  onClose,
}: {
  registry: string;
  type: string;
  /** The version the draft is copied from: the most recent one. */
  base: string;
  /** Every version on disk or in local drafts: never offered again. */
  existing: string[];
  open: boolean;
  onClose(): void;
}) {
  const { t } = useLang();
  const { files } = useDefinitions();
  const [, navigate] = useLocation();
  const next = nextVersions(base);
  // Minor by default (the usual compatible change), else the first number still free.
  const [bump, setBump] = useState<ChangeClass>(
    (['minor', 'patch', 'major'] as const).find((c) => !existing.includes(next[c])) ?? 'minor',
  );
  const chosen = next[bump];
  const taken = existing.includes(chosen);

  const create = () => {
    const baseText = files?.find((f) => f.path === versionPath(registry, type, base))?.text;
    if (baseText === undefined || taken) return;
    const today = new Date().toISOString().slice(0, 10);
    storeDraft(versionPath(registry, type, chosen), newVersionText(baseText, chosen, today), undefined);
    onClose();
    navigate(`/edit/${registry}/${type}/${chosen}`);
  };

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="new-version-title" maxWidth="sm" fullWidth>
      <DialogTitle id="new-version-title">{t('newVersionTitle')}</DialogTitle>
      <DialogContent>
        <Typography gutterBottom>{t('newVersionIntro', { base })}</Typography>
        <FormControl>
          <FormLabel id="bump-label">{t('bump')}</FormLabel>
          <RadioGroup
            aria-labelledby="bump-label"
            value={bump}
            onChange={(e) => setBump(e.target.value as ChangeClass)}
          >
            {CLASSES.map((c) => (
              <FormControlLabel
                key={c}
                value={c}
                control={<Radio />}
                label={
                  <span>
                    <strong>{next[c]}</strong> — {t(`bump.${c}`)}
                    {existing.includes(next[c]) && (
                      <Typography component="span" color="text.secondary">
                        {' '}
                        ({t('exists')})
                      </Typography>
                    )}
                  </span>
                }
                data-bump={c}
              />
            ))}
          </RadioGroup>
        </FormControl>
        {taken && (
          <Typography sx={{ mt: 1 }}>
            <Link href={`#/edit/${registry}/${type}/${chosen}`} onClick={onClose}>
              {t('openExisting', { version: chosen })}
            </Link>
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('cancel')}</Button>
        <Button variant="contained" onClick={create} disabled={taken} data-action="create-version">
          {t('create')} {chosen}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
