/**
 * `tandem rules check|run|compile FILE --side jira|salesforce --direction outgoing|incoming`:
 * check a rule script, dry-run it on JSON inputs, or print its IR (compact JSON; `--pretty`
 * indents it). An outgoing dry run builds the replica as the engine does and fails when the
 * engine would refuse it.
 * Exit codes: 0 success, 1 usage or check errors, 2 runtime error of `run` or an invalid replica.
 */
import {
  check,
  compile,
  runRules,
  type Diagnostic,
  type Direction,
  type RuleInputs,
  type RuleResult,
  type Side,
} from '../rules';
import { MAX_REPLICA_DEPTH, MAX_REPLICA_VALUES, type EntityRef, type JsonValue } from '../replica';
import { buildValidOutgoingReplica, createLink } from '../sync';
import { inspectJson } from '../util/inspect-json';
import { parseUtcTimestamp } from '../util/utc-timestamp';
import type { CliCommand, CliIo } from './io';

/** The usage text of `tandem rules`. */
export const RULES_USAGE = [
  'usage: tandem rules check FILE --side jira|salesforce --direction outgoing|incoming',
  '       tandem rules run FILE --side S --direction D [--entity F] [--replica F] [--previous F]',
  '                        [--connection F] [--first-sync] [--now ISO] [--engine ast|ir]',
  '       tandem rules compile FILE --side S --direction D [--pretty]',
  '',
  'FILE may be - for standard input. --entity, --replica, --previous and --connection name JSON files.',
  '--now is a UTC time such as 2026-11-20T10:00:00Z (date.now() in the script).',
  'An outgoing run starts from the empty replica the engine starts from (or --replica) and fails',
  'with exit code 2 when the result is not a valid replica, as the engine would refuse it.',
  'compile prints compact JSON; --pretty indents it.',
  '',
].join('\n');

const VALUE_OPTIONS = new Set([
  'side',
  'direction',
  'entity',
  'replica',
  'previous',
  'connection',
  'now',
  'engine',
]);
/** Flags without a value, and the subcommand each belongs to. */
const FLAG_OPTIONS = new Map([
  ['first-sync', 'run'],
  ['pretty', 'compile'],
]);

interface Parsed {
  subcommand: string;
  file: string;
  side: Side;
  direction: Direction;
  options: Map<string, string>;
  flags: Set<string>;
}

/** A usage mistake: reported with the usage text, exit code 1. */
class UsageError extends Error {}

/** `tandem rules ...` (the arguments after the word `rules`). */
export const rulesCommand: CliCommand = async (args, io) => {
  if (args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.stdout(RULES_USAGE);
    return 0;
  }
  let parsed: Parsed;
  let script: string;
  try {
    parsed = parseArguments(args);
    script = parsed.file === '-' ? await io.readStdin() : io.readFile(parsed.file);
  } catch (error) {
    io.stderr(
      `tandem rules: ${(error as Error).message}\n${error instanceof UsageError ? `\n${RULES_USAGE}` : ''}`,
    );
    return 1;
  }
  switch (parsed.subcommand) {
    case 'check':
      return checkScript(parsed, script, io);
    case 'compile':
      return compileScript(parsed, script, io);
    default:
      return runScript(parsed, script, io);
  }
};

function checkScript(parsed: Parsed, script: string, io: CliIo): number {
  const diagnostics = check(script, parsed.side, parsed.direction);
  if (diagnostics.length === 0) {
    io.stdout(`${parsed.file}: no problems found\n`);
    return 0;
  }
  io.stdout(formatDiagnostics(parsed.file, diagnostics));
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

function compileScript(parsed: Parsed, script: string, io: CliIo): number {
  const result = compile(script, parsed.side, parsed.direction);
  if (!result.ok) {
    io.stderr(formatDiagnostics(parsed.file, result.error.diagnostics));
    return 1;
  }
  io.stdout(`${JSON.stringify(result.ir, null, parsed.flags.has('pretty') ? 2 : undefined)}\n`);
  return 0;
}

function runScript(parsed: Parsed, script: string, io: CliIo): number {
  const diagnostics = check(script, parsed.side, parsed.direction);
  if (diagnostics.length > 0) io.stderr(formatDiagnostics(parsed.file, diagnostics));
  if (diagnostics.some((d) => d.severity === 'error')) return 1;
  let inputs: RuleInputs;
  try {
    inputs = readInputs(parsed, io);
  } catch (error) {
    io.stderr(`tandem rules: ${(error as Error).message}\n`);
    return 1;
  }
  const engine = parsed.options.get('engine') === 'ir' ? 'ir' : 'ast';
  const run = (given: RuleInputs): RuleResult =>
    runRules(script, parsed.side, parsed.direction, given, { engine });
  const { result, invalid } =
    parsed.direction === 'outgoing'
      ? runOutgoing(parsed, script, inputs, run)
      : { result: run(inputs), invalid: null };
  if (!result.ok) {
    const { code, message, line, column } = result.error;
    io.stderr(`${parsed.file}:${line}:${column}: error: ${message} [${code}]\n`);
    return 2;
  }
  io.stdout(`${JSON.stringify(result.output, null, 2)}\n`);
  if (invalid === null) return 0;
  io.stderr(`${parsed.file}: error: ${invalid} [schema]\n`);
  return 2;
}

/**
 * Runs an outgoing script the way the engine builds a replica (`buildValidOutgoingReplica`):
 * from the engine's empty replica (unless `--replica` gives another start), then validated
 * against the replica schema and limits. `invalid` is the engine's reason to refuse the result.
 */
function runOutgoing(
  parsed: Parsed,
  script: string,
  inputs: RuleInputs,
  run: (inputs: RuleInputs) => RuleResult,
): { result: RuleResult; invalid: string | null } {
  const ref: EntityRef = {
    platform: parsed.side,
    type: parsed.side === 'jira' ? 'issue' : 'Case',
    id: 'tandem-rules-run',
  };
  const link = createLink('tandem-rules-run', ref);
  const seen: { result?: RuleResult } = {};
  const built = buildValidOutgoingReplica({
    // The engine's firstSync is "nothing sent yet".
    link: inputs.firstSync ? link : { ...link, outgoing: { ...link.outgoing, seq: 1 } },
    local: { ref, view: (inputs.entity ?? {}) as Record<string, JsonValue>, modifiedAt: null },
    rules: { side: parsed.side, script },
    runRules: (_script, _side, _direction, engineInputs) => {
      seen.result = run({ ...engineInputs, ...(inputs.replica ? { replica: inputs.replica } : {}) });
      return seen.result;
    },
    ...(inputs.connection ? { connection: inputs.connection as Record<string, JsonValue> } : {}),
    now: inputs.now ?? new Date().toISOString(),
  });
  // The engine always runs the rules; the fallback only keeps this total.
  const result = seen.result ?? run(inputs);
  return { result, invalid: !built.ok && result.ok ? built.error.message : null };
}

/** `FILE:LINE:COL: severity: message (hint: ...)`, one line each, then a count. */
export function formatDiagnostics(file: string, diagnostics: Diagnostic[]): string {
  const lines = diagnostics.map(
    (d) => `${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}${d.hint ? ` (hint: ${d.hint})` : ''}`,
  );
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  lines.push(`${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}

function readInputs(parsed: Parsed, io: CliIo): RuleInputs {
  const inputs: RuleInputs = { firstSync: parsed.flags.has('first-sync') };
  const entity = readJsonObject(parsed, 'entity', io);
  const replica = readJsonObject(parsed, 'replica', io);
  const previous = readJsonObject(parsed, 'previous', io);
  const connection = readJsonObject(parsed, 'connection', io);
  if (entity !== undefined) inputs.entity = entity;
  if (replica !== undefined) inputs.replica = replica;
  if (previous !== undefined) inputs.previous = previous;
  if (connection !== undefined) inputs.connection = connection;
  const now = parsed.options.get('now');
  if (now !== undefined) inputs.now = now;
  return inputs;
}

function readJsonObject(
  parsed: Parsed,
  option: string,
  io: CliIo,
): Record<string, unknown> | null | undefined {
  const file = parsed.options.get(option);
  if (file === undefined) return undefined;
  const text = io.readFile(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`--${option} ${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    throw new Error(`--${option} ${file} must hold a JSON object (or null)`);
  }
  // The engine never hands the rules more than a replica may hold: neither does the dry run.
  const [tooMuch] = inspectJson(value, { maxDepth: MAX_REPLICA_DEPTH, maxValues: MAX_REPLICA_VALUES });
  if (tooMuch) throw new Error(`--${option} ${file}: ${tooMuch.path || '/'} ${tooMuch.message}`);
  return value as Record<string, unknown> | null;
}

function parseArguments(args: string[]): Parsed {
  const [subcommand, ...rest] = args;
  if (subcommand === undefined) throw new UsageError('missing subcommand (check, run or compile)');
  if (subcommand !== 'check' && subcommand !== 'run' && subcommand !== 'compile') {
    throw new UsageError(`unknown subcommand '${subcommand}'`);
  }
  const options = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    // A short option is a mistake, not a file to read: there are none.
    if (!arg.startsWith('--')) throw new UsageError(`unknown option ${arg} for '${subcommand}'`);
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (FLAG_OPTIONS.get(name) === subcommand) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      if (flags.has(name)) throw new UsageError(`--${name} is given twice`);
      flags.add(name);
    } else if (VALUE_OPTIONS.has(name) && (subcommand === 'run' || name === 'side' || name === 'direction')) {
      // An option right after another is a missing value, not a file named like an option.
      const value = inline ?? (rest[i + 1]?.startsWith('--') ? undefined : rest[++i]);
      if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
      if (options.has(name)) throw new UsageError(`--${name} is given twice`);
      options.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name} for '${subcommand}'`);
    }
  }
  if (positional.length !== 1) {
    throw new UsageError(
      positional.length === 0 ? 'missing FILE' : `expected one FILE, got ${positional.join(' ')}`,
    );
  }
  const side = options.get('side');
  const direction = options.get('direction');
  if (side !== 'jira' && side !== 'salesforce') throw new UsageError('--side must be jira or salesforce');
  if (direction !== 'outgoing' && direction !== 'incoming') {
    throw new UsageError('--direction must be outgoing or incoming');
  }
  const engine = options.get('engine');
  if (engine !== undefined && engine !== 'ast' && engine !== 'ir')
    throw new UsageError('--engine must be ast or ir');
  const now = options.get('now');
  if (now !== undefined && parseUtcTimestamp(now) === null) {
    throw new UsageError(
      `--now must be a UTC time that exists, such as 2026-11-20T10:00:00Z; got ${JSON.stringify(now.slice(0, 40))}`,
    );
  }
  return { subcommand, file: positional[0] as string, side, direction, options, flags };
}
