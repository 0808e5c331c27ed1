// First: zod must be told not to use `new Function` before any schema is built.
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './App';
import { languageReady } from './i18n';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
// The chosen language's texts are a chunk of their own: render once they are there (no raw keys).
// Should it fail to load (a damaged install), the app still renders rather than staying blank.
void languageReady
  .catch(() => undefined)
  .then(() =>
    createRoot(container).render(
      <StrictMode>
        <AppRoot />
      </StrictMode>,
    ),
  );
