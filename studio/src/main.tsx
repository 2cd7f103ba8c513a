import CssBaseline from '@mui/material/CssBaseline';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { DefinitionsProvider } from './definitions/context.tsx';
import { LangProvider } from './i18n.tsx';

const theme = createTheme({
  palette: {
    primary: { main: '#0b3d6b' },
    secondary: { main: '#00796b' },
    background: { default: '#f5f6f8' },
  },
  shape: { borderRadius: 6 },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <LangProvider>
        <DefinitionsProvider>
          <App />
        </DefinitionsProvider>
      </LangProvider>
    </ThemeProvider>
  </StrictMode>,
);
