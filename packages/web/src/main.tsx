import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import './i18n';
import { App } from './App';

// The Content-Security-Policy forbids eval: tell zod not to probe for it (the probe is reported as a violation).
z.config({ jitless: true });

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
