/* The states every screen shares: loading, a load error, not found; and the breadcrumb trail. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import MuiBreadcrumbs from '@mui/material/Breadcrumbs';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { TypeEntry } from '../catalog/lookup.ts';
import { type CatalogSummary, useDefinitions } from '../definitions/context.tsx';
import type { Compiled } from '../definitions/protocol.ts';
import { text, useLang } from '../i18n.tsx';

export function Loading({ label }: { label?: string }) {
  const { t } = useLang();
  return (
    <Box role="status" sx={{ display: 'flex', gap: 2, alignItems: 'center', p: 4 }}>
      <CircularProgress size={24} aria-hidden />
      <Typography>{label ?? t('loading')}</Typography>
    </Box>
  );
}

export function NotFound({ children }: { children?: ReactNode }) {
  const { t } = useLang();
  return (
    <Box sx={{ p: 2 }}>
      <Typography component="h1" variant="h5" gutterBottom>
        {t('notFound')}
      </Typography>
      {children && <Typography gutterBottom>{children}</Typography>}
      <Link href="#/">{t('backToCatalog')}</Link>
    </Box>
  );
}

/** A value once it is there, else the load error or the loading state. */
function WhenLoaded<T>(props: {
  value: T | undefined;
  error: string | undefined;
  children: (value: T) => ReactNode;
}) {
  const { t } = useLang();
  if (props.error && !props.value)
    return (
      <Alert severity="error" role="alert">
        {t('loadFailed')}: {props.error}
      </Alert>
    );
  if (!props.value) return <Loading />;
  return <>{props.children(props.value)}</>;
}

/** Renders its children with the compiled definitions, or the loading / error state. */
export function WithDefinitions({ children }: { children: (compiled: Compiled) => ReactNode }) {
  const { compiled, error } = useDefinitions();
  return (
    <WhenLoaded value={compiled} error={error}>
      {children}
    </WhenLoaded>
  );
}

/**
 * Renders its children with the catalog and diagnostics: the page's compilation, or until it
 * is done the server's (the catalog's first screen does not wait for the worker).
 */
export function WithCatalog({ children }: { children: (summary: CatalogSummary) => ReactNode }) {
  const { compiled, summary, error } = useDefinitions();
  return (
    <WhenLoaded value={compiled ?? summary} error={error}>
      {children}
    </WhenLoaded>
  );
}

export interface Crumb {
  label: string;
  href?: string;
}

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const { t } = useLang();
  return (
    // Links look like links (primary, underlined) and the page itself like text: not grey links
    // beside a dark non-link.
    <MuiBreadcrumbs aria-label="breadcrumb" sx={{ mb: 2 }}>
      <Link href="#/" underline="always" color="primary.dark">
        {t('catalog')}
      </Link>
      {items.map((c) =>
        c.href ? (
          <Link key={c.label} href={c.href} underline="always" color="primary.dark">
            {c.label}
          </Link>
        ) : (
          <Typography key={c.label} color="text.primary" aria-current="page">
            {c.label}
          </Typography>
        ),
      )}
    </MuiBreadcrumbs>
  );
}

/** The trail of a page inside a registration type: registry, the type (a link), then `items`. */
export function TypeBreadcrumbs({ entry, items }: { entry: TypeEntry; items: Crumb[] }) {
  const { lang } = useLang();
  const fb = entry.registry.languages.fallback;
  return (
    <Breadcrumbs
      items={[
        { label: text(entry.registry.title, lang, fb) },
        { label: text(entry.type.title, lang, fb), href: `#/r/${entry.registry.id}/${entry.type.id}` },
        ...items,
      ]}
    />
  );
}
