/**
 * The `tandem` command: `tandem convert ...`, `tandem replica ...` and `tandem rules ...`.
 * Each command is a `CliCommand` tested with a fake `CliIo`; this file only dispatches.
 */
import { readFileSync } from 'node:fs';
import type { CliCommand, CliIo } from './io';
import { convertCommand } from './convert-command';
import { replicaCommand } from './replica-command';
import { rulesCommand } from './rules-command';

const commands: Record<string, { run: CliCommand; summary: string }> = {
  convert: {
    run: convertCommand,
    summary: 'convert --from adf|html|text --to adf|html|text   convert rich text read from stdin',
  },
  replica: {
    run: replicaCommand,
    summary: 'replica validate [FILE|-]   check a replica as a receiving node does (schema, limits, hash)',
  },
  rules: {
    run: rulesCommand,
    summary: 'rules check|run|compile FILE --side S --direction D   check, dry-run or compile a rule script',
  },
};

export const USAGE = [
  'usage: tandem <command> [options]',
  '',
  ...Object.values(commands).map((command) => `  tandem ${command.summary}`),
  '',
].join('\n');

/** Runs the CLI with the given arguments and returns the process exit code. */
export async function main(args: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(USAGE);
    return name === undefined ? 1 : 0;
  }
  const command = Object.prototype.hasOwnProperty.call(commands, name) ? commands[name] : undefined;
  if (!command) {
    io.stderr(`tandem: unknown command '${name}'\n\n${USAGE}`);
    return 1;
  }
  return command.run(rest, io);
}

/** The real process's stdin, files and output streams. */
export function processIo(): CliIo {
  return {
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    readFile: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
        throw new Error(`cannot read ${path}: ${reason}`);
      }
    },
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  };
}
