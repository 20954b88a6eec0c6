/** English messages of the `keping` command line. */
export const cliEn = {
  'cli.usage': 'Usage: keping <command> [options]\n\nCommands:\n  serve [--port N] [--host H]      start the web server (migrates first)\n  migrate                          bring the database schema up to date\n  demo [--count N] [--seed S]      seed demo organisations and users\n  import organisations FILE [--dry-run] [--json]\n                                   import a CSV or XLSX file of organisations\n  export organisations FILE.xlsx   export the registry\n  audit verify                     check the audit trail\'s hash chain\n  eligibility --rules ID --as-of YYYY-MM-DD --data FILE [--json]\n                                   screen organisations against an eligibility rule set\n  user create USERNAME --role R [--name N] [--organisation USCC] [--password P]\n                                   create a user (password read from KEPING_PASSWORD if not given)\n\nThe database is ./data/keping.sqlite, or PostgreSQL when KEPING_DATABASE_URL=postgres://… is set.\nLanguage: KEPING_LANG=en or zh-CN (default zh-CN).',
  'cli.error': 'Error',
  'cli.migrated': 'Database is up to date ({{count}} migrations applied now).',
  'cli.serving': 'Keping is running at {{url}}',
  'cli.demoAccounts': 'Demo accounts (password {{password}}):',
  'cli.demoSeeded': 'Seeded {{organisations}} demo organisations and {{users}} users.',
  'cli.demoPresent': 'Demo data is already present ({{organisations}} organisations).',
  'cli.importSummary': '{{rows}} rows read, {{valid}} valid, {{errors}} errors.',
  'cli.importDone': 'Imported: {{created}} new, {{updated}} updated.',
  'cli.importDryRun': 'Dry run: nothing was written.',
  'cli.importRejected': 'Nothing was imported: fix the errors and try again.',
  'cli.importErrorLine': 'row {{row}}, {{field}}: {{message}}',
  'cli.exported': 'Exported {{count}} organisations to {{path}}.',
  'cli.auditOk': 'Audit trail intact: {{count}} entries, last hash {{hash}}.',
  'cli.auditBroken': 'Audit trail BROKEN at entry {{id}}: {{reason}}',
  'cli.auditReason.hash': 'its content does not match its hash (edited)',
  'cli.auditReason.prev': 'it does not follow the entry before it (an entry was deleted or edited)',
  'cli.auditReason.gap': 'entry {{missing}} is missing (deleted)',
  'cli.userCreated': 'User {{username}} created with role {{role}}.',
  'cli.passwordRequired': 'Give --password or set KEPING_PASSWORD.',
} as const;
export type CliKey = keyof typeof cliEn;
