// First: the core's status is asked for while the rest of the script (React) starts.
import { startStatus } from './lock/early';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Startup } from './lock/Startup';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
// The start-up script is React, the lock screen and its texts: the main window's code (antd, the
// query library, zod, i18next, the screens) is a chunk that lock/Startup.tsx loads (issue 19 goal 4).
createRoot(container).render(
  <StrictMode>
    <Startup status={startStatus} />
  </StrictMode>,
);
