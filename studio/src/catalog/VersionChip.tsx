/* A version with its status and the "latest" mark, as a link. */
import Chip from '@mui/material/Chip';
import type { CatalogVersion } from '@regforms/runtime';
import { useLang } from '../i18n.tsx';

export function VersionChip({ version: v, href }: { version: CatalogVersion; href: string }) {
  const { t } = useLang();
  const label = `${v.version}${v.latest ? ` · ${t('latest')}` : ''}${v.status === 'draft' ? ` · ${t('status.draft')}` : ''}`;
  return (
    <Chip
      component="a"
      href={href}
      clickable
      size="small"
      label={label}
      color={v.latest ? 'primary' : 'default'}
      variant={v.status === 'draft' ? 'outlined' : 'filled'}
      sx={v.status === 'draft' ? { borderStyle: 'dashed' } : undefined}
      data-version={v.version}
      data-status={v.status}
      data-latest={v.latest || undefined}
    />
  );
}
