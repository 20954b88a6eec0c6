/**
 * The `keping` command line: serve, work, migrate, demo, import, export, user, index, assign,
 * eligibility, program, audit, backup, restore. Each command's module is loaded only when it runs,
 * so `keping --help` or `keping index compute` never loads the server, the database drivers or
 * another command's engine.
 */
import { errorMessage, translate } from '@keping/core';
import { type CliIo, processIo, reportError } from './io.js';

type Command = (io: CliIo, args: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.command.js')).serve,
  work: async () => (await import('./serve.command.js')).work,
  import: async () => (await import('./registry.command.js')).importCommand,
  export: async () => (await import('./registry.command.js')).exportCommand,
  user: async () => (await import('./registry.command.js')).userCommand,
  demo: async () => (await import('./registry.command.js')).demoCommand,
  migrate: async () => (await import('./registry.command.js')).migrate,
  eligibility: async () => {
    const { runEligibility } = await import('./eligibility.command.js');
    return (io, args) => runEligibility(args, io);
  },
  index: async () => {
    const { runIndex } = await import('./index.command.js');
    return (io, args) => runIndex(args, io);
  },
  assign: async () => {
    const { runAssign } = await import('./assign.command.js');
    return (io, args) => runAssign(args, io);
  },
  program: async () => {
    const [{ runProgram }, { cliContext }] = await Promise.all([import('./program.command.js'), import('./shared.js')]);
    return (io, args) => runProgram(io, cliContext(io), args);
  },
  audit: async () => (await import('./audit.command.js')).runAudit,
  backup: async () => (await import('./backup.command.js')).runBackup,
  restore: async () => (await import('./backup.command.js')).runRestore,
};

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    io.out(translate(io.locale, 'cli.usage'));
    return command ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    io.err(errorMessage(io.locale, { code: 'UNKNOWN_COMMAND', params: { command } }));
    io.err(translate(io.locale, 'cli.usage'));
    return 2;
  }
  try {
    return await (await load())(io, rest);
  } catch (error) {
    return reportError(io, error);
  }
}
