// First: zod must be told not to use `new Function` before any schema is built.
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './App';
import './i18n';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
// The chosen language's texts are a chunk of their own: App's boot waits for them together with
// the core's status, so their load overlaps the first render and the first call (no raw keys shown).
createRoot(container).render(
  <StrictMode>
    <AppRoot />
  </StrictMode>,
);
