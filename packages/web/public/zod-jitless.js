// Loaded before the app, as a file (the Content-Security-Policy forbids inline scripts and eval):
// zod reads this config when it loads, and so never probes for eval (a probe the browser reports
// as a violation).
globalThis.__zod_globalConfig = { jitless: true };
