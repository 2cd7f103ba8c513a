/*
 * The studio's frame and routes. Routing uses the URL hash (wouter's hash location): every
 * screen has an address that survives a reload and works from a static build with no server
 * rewrite rules, and wouter is a 2 kB, well-kept router with React 19 support.
 */
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { lazy, Suspense, useEffect } from 'react';
import { Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { CatalogPage } from './catalog/CatalogPage.tsx';
import { LANGUAGE_NAMES, LANGUAGES, type UiLang, useLang } from './i18n.tsx';
import { Loading, NotFound } from './ui/Status.tsx';

/*
 * The catalog is the first screen and comes with the first script; every other page (the
 * editor, the form, the comparison, CSV) is a chunk loaded when it is first opened, so the
 * catalog does not wait for CodeMirror, the renderer and the rest.
 */
const RegistrationTypePage = lazy(() =>
  import('./catalog/RegistrationTypePage.tsx').then((m) => ({ default: m.RegistrationTypePage })),
);
const RegistrationPage = lazy(() =>
  import('./registrations/RegistrationPage.tsx').then((m) => ({ default: m.RegistrationPage })),
);
const VersionPage = lazy(() => import('./catalog/VersionPage.tsx').then((m) => ({ default: m.VersionPage })));
const AuthoringPage = lazy(() =>
  import('./authoring/AuthoringPage.tsx').then((m) => ({ default: m.AuthoringPage })),
);
const ComparePage = lazy(() => import('./compare/ComparePage.tsx').then((m) => ({ default: m.ComparePage })));
const CsvPage = lazy(() => import('./csv/CsvPage.tsx').then((m) => ({ default: m.CsvPage })));

export function App() {
  const { lang, setLang, t } = useLang();
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return (
    <Router hook={useHashLocation}>
      <Link
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
        sx={{
          position: 'absolute',
          left: -9999,
          '&:focus': { left: 8, top: 8, zIndex: 2000, bgcolor: 'background.paper', p: 1 },
        }}
      >
        {t('skipToContent')}
      </Link>
      <AppBar position="static" elevation={0}>
        <Toolbar sx={{ gap: 2 }}>
          <Typography component="p" variant="h6" sx={{ flex: 1 }}>
            <Link href="#/" color="inherit" underline="none">
              {t('appTitle')}
            </Link>
          </Typography>
          <TextField
            select
            size="small"
            label={t('language')}
            value={lang}
            onChange={(e) => setLang(e.target.value as UiLang)}
            title={t('languageOfForms')}
            sx={{
              minWidth: 140,
              '& .MuiInputBase-root': { color: 'inherit', bgcolor: 'rgba(255,255,255,0.12)' },
              // On the dark bar: focused (after a choice) as before, never MUI's dark primary.
              '& .MuiInputLabel-root, & .MuiInputLabel-root.Mui-focused, & .MuiSvgIcon-root': {
                color: 'inherit',
              },
              '& .MuiOutlinedInput-root.Mui-focused .MuiOutlinedInput-notchedOutline': {
                borderColor: 'inherit',
              },
            }}
            slotProps={{ htmlInput: { 'data-testid': 'language' } }}
          >
            {LANGUAGES.map((l) => (
              <MenuItem key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </MenuItem>
            ))}
          </TextField>
        </Toolbar>
      </AppBar>
      <Box
        component="main"
        id="main"
        tabIndex={-1}
        sx={{ maxWidth: 1400, mx: 'auto', p: { xs: 2, md: 3 }, outline: 'none' }}
      >
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/" component={CatalogPage} />
            <Route path="/r/:registry/:type" component={RegistrationTypePage} />
            <Route path="/r/:registry/:type/registration/:id" component={RegistrationPage} />
            <Route path="/r/:registry/:type/v/:version" component={VersionPage} />
            <Route path="/edit/:registry/:type/:version" component={AuthoringPage} />
            <Route path="/compare/:registry/:type" component={ComparePage} />
            <Route path="/compare/:registry/:type/:from/:to" component={ComparePage} />
            <Route path="/csv/:registry/:type/:version" component={CsvPage} />
            <Route>
              <NotFound />
            </Route>
          </Switch>
        </Suspense>
      </Box>
    </Router>
  );
}
