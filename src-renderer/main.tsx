// First: zod must be told not to use `new Function` before any schema is built.
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppRoot } from './App';
import './i18n';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <AppRoot />
  </StrictMode>,
);
