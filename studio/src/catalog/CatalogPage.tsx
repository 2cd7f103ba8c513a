/* The catalog: programme → registry → registration type, each with its most recent version. */
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { CatalogRegistry } from '@regforms/runtime';
import { text, useLang } from '../i18n.tsx';
import { WithCatalog } from '../ui/Status.tsx';
import { DiagnosticsSummary } from './DiagnosticsSummary.tsx';
import { VersionChip } from './VersionChip.tsx';

/** Registries grouped by programme, in catalog order. */
function byProgramme(registries: CatalogRegistry[]) {
  const groups = new Map<string, CatalogRegistry[]>();
  for (const r of registries) groups.set(r.programme.id, [...(groups.get(r.programme.id) ?? []), r]);
  return [...groups.values()];
}

export function CatalogPage() {
  const { t, lang } = useLang();
  return (
    <WithCatalog>
      {(compiled) => (
        <Box data-testid="catalog">
          <Typography component="h1" variant="h4" gutterBottom>
            {t('catalog')}
          </Typography>
          <Typography sx={{ mb: 3 }} color="text.secondary">
            {t('catalogIntro')}
          </Typography>
          <DiagnosticsSummary diagnostics={compiled.diagnostics} />
          {byProgramme(compiled.catalog.registries).map((registries) => {
            const programme = registries[0]!.programme;
            const fallback = registries[0]!.languages.fallback;
            return (
              <Box
                component="section"
                key={programme.id}
                sx={{ mb: 4 }}
                aria-labelledby={`programme-${programme.id}`}
              >
                <Typography component="h2" variant="h5" id={`programme-${programme.id}`} sx={{ mb: 1.5 }}>
                  {text(programme.title, lang, fallback)}
                </Typography>
                {registries.map((r) => (
                  <Card key={r.id} variant="outlined" sx={{ mb: 2 }} data-registry={r.id}>
                    <CardContent>
                      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, flexWrap: 'wrap' }}>
                        <Typography component="h3" variant="h6">
                          {text(r.title, lang, r.languages.fallback)}
                        </Typography>
                        <Chip size="small" variant="outlined" label={r.id} />
                        {r.dcd && <Chip size="small" label={`${t('dcd')} ${r.dcd}`} />}
                      </Box>
                      {r.description && (
                        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                          {text(r.description, lang, r.languages.fallback)}
                        </Typography>
                      )}
                      <Table
                        size="small"
                        sx={{ mt: 1, tableLayout: 'fixed' }}
                        aria-label={t('registrationTypes')}
                      >
                        <TableHead>
                          <TableRow>
                            <TableCell sx={{ width: '45%' }}>{t('registrationType')}</TableCell>
                            <TableCell sx={{ width: '20%' }}>{t('mostRecent')}</TableCell>
                            <TableCell sx={{ width: '35%' }}>{t('versions')}</TableCell>
                          </TableRow>
                        </TableHead>
                        <TableBody>
                          {r.registrationTypes.map((type) => (
                            <TableRow key={type.id} data-type={`${r.id}/${type.id}`}>
                              <TableCell>
                                <Link href={`#/r/${r.id}/${type.id}`}>
                                  {text(type.title, lang, r.languages.fallback)}
                                </Link>
                              </TableCell>
                              <TableCell>
                                {type.latest ?? (
                                  <Typography component="span" variant="body2" color="text.secondary">
                                    {t('noPublished')}
                                  </Typography>
                                )}
                              </TableCell>
                              <TableCell>
                                <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                                  {type.versions.map((v) => (
                                    <VersionChip
                                      key={v.version}
                                      version={v}
                                      href={`#/r/${r.id}/${type.id}/v/${v.version}`}
                                    />
                                  ))}
                                </Box>
                              </TableCell>
                            </TableRow>
                          ))}
                        </TableBody>
                      </Table>
                    </CardContent>
                  </Card>
                ))}
              </Box>
            );
          })}
        </Box>
      )}
    </WithCatalog>
  );
}
