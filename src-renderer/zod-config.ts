import { z } from 'zod';

/**
 * Must be imported before anything that builds a zod schema (full-app.ts, the main window's entry, imports it first): zod
 * decides at schema construction whether to compile parsers with `new Function`, and under the
 * strict CSP (`script-src 'self'`, no 'unsafe-eval') even its guarded probe is reported as a
 * violation.
 */
z.config({ jitless: true });
