/**
 * `tandem convert --from adf|html|text --to adf|html|text`: converts rich text read from stdin,
 * as a sync would, so admins and support can see what a description becomes on the other side.
 */
import { convertRichText, RICH_TEXT_FORMATS, type RichTextFormat } from '../replica';
import type { CliCommand } from './io';

export const CONVERT_USAGE = [
  'usage: tandem convert --from adf|html|text --to adf|html|text',
  '',
  '  Reads rich text from stdin and writes it converted to stdout, as Tandem converts it when syncing.',
  '  ADF is JSON (as Jira REST v3 returns it) and is written indented; HTML is written sanitised.',
  '',
  '  example: echo "<p>Hello <b>world</b></p>" | tandem convert --from html --to adf',
  '',
].join('\n');

type Parsed =
  | { kind: 'help' }
  | { kind: 'convert'; from: RichTextFormat; to: RichTextFormat }
  | { kind: 'usage-error'; message: string };

/** Converts stdin to stdout; exit code 0 on success, 1 with a message on stderr for bad flags or malformed input. */
export const convertCommand: CliCommand = async (args, io) => {
  const parsed = parseArgs(args);
  if (parsed.kind === 'help') {
    io.stdout(CONVERT_USAGE);
    return 0;
  }
  if (parsed.kind === 'usage-error') {
    io.stderr(`tandem convert: ${parsed.message}\n\n${CONVERT_USAGE}`);
    return 1;
  }
  let input: string;
  try {
    input = await io.readStdin();
  } catch (error) {
    io.stderr(
      `tandem convert: cannot read stdin: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  const result = convertRichText(input, parsed.from, parsed.to);
  if (!result.ok) {
    const where = result.error.path === '' ? '' : ` (at ${result.error.path})`;
    io.stderr(`tandem convert: ${result.error.code}: ${result.error.message}${where}\n`);
    return 1;
  }
  io.stdout(result.output.endsWith('\n') ? result.output : `${result.output}\n`);
  return 0;
};

function parseArgs(args: readonly string[]): Parsed {
  const flags: { from?: RichTextFormat; to?: RichTextFormat } = {};
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const match = /^--(from|to)(?:=(.*))?$/.exec(arg);
    if (match === null) return { kind: 'usage-error', message: `unexpected argument '${arg}'` };
    const name = match[1] === 'from' ? 'from' : 'to';
    const value = match[2] ?? args[++index];
    if (value === undefined || value === '')
      return { kind: 'usage-error', message: `--${name} needs a value: adf, html or text` };
    if (!isFormat(value))
      return {
        kind: 'usage-error',
        message: `unknown format '${value}' for --${name}; use adf, html or text`,
      };
    if (flags[name] !== undefined) return { kind: 'usage-error', message: `--${name} is given twice` };
    flags[name] = value;
  }
  if (flags.from === undefined) return { kind: 'usage-error', message: 'missing --from' };
  if (flags.to === undefined) return { kind: 'usage-error', message: 'missing --to' };
  return { kind: 'convert', from: flags.from, to: flags.to };
}

function isFormat(value: string): value is RichTextFormat {
  return (RICH_TEXT_FORMATS as readonly string[]).includes(value);
}
