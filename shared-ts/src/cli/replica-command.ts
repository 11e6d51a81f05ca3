/**
 * `tandem replica validate [FILE|-]`: checks a replica the way a receiving node does (the schema,
 * the limits, the rules a schema cannot state, and the content hash) and says what is wrong, by
 * JSON pointer and rule, so a node developer can fix a sender without a second site.
 * Exit codes: 0 valid, 1 invalid or a usage mistake.
 */
import { replicaContentHash, validateReplica, type ReplicaValidationError } from '../replica';
import type { CliCommand } from './io';

/** The usage text of `tandem replica`. */
export const REPLICA_USAGE = [
  'usage: tandem replica validate [FILE|-]',
  '',
  '  Reads a replica (v1 or v2, JSON) from FILE, or from standard input when FILE is - or absent, and',
  '  checks it as a receiving node does: schema, limits, dates, links, unique ids and the hash.',
  '  Prints each problem as FILE: /json/pointer: message (rule). Exits 1 when there is one.',
  '',
].join('\n');

/** `tandem replica ...` (the arguments after the word `replica`). */
export const replicaCommand: CliCommand = async (args, io) => {
  const [subcommand, ...rest] = args;
  if (subcommand === '--help' || subcommand === '-h' || subcommand === 'help') {
    io.stdout(REPLICA_USAGE);
    return 0;
  }
  const usage = usageProblem(subcommand, rest);
  if (usage) {
    io.stderr(`tandem replica: ${usage}\n\n${REPLICA_USAGE}`);
    return 1;
  }
  const file = rest[0] ?? '-';
  const name = file === '-' ? 'stdin' : file;
  let text: string;
  try {
    text = file === '-' ? await io.readStdin() : io.readFile(file);
  } catch (error) {
    io.stderr(`tandem replica: ${(error as Error).message}\n`);
    return 1;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    io.stdout(`${name}: not JSON: ${(error as Error).message} (json)\n1 error\n`);
    return 1;
  }
  const errors = await problems(value);
  if (errors.length > 0) {
    const lines = errors.map((error) => `${name}: ${error.path || '/'}: ${error.message} (${error.rule})`);
    io.stdout(`${lines.join('\n')}\n${errors.length} error${errors.length === 1 ? '' : 's'}\n`);
    return 1;
  }
  const replica = value as {
    schema: number;
    seq: number;
    entity: { platform: string; type: string; id: string };
  };
  io.stdout(
    `${name}: a valid Replica v${replica.schema} of ${replica.entity.platform} ${replica.entity.type} ${replica.entity.id}, seq ${replica.seq}, its hash right\n`,
  );
  return 0;
};

function usageProblem(subcommand: string | undefined, rest: string[]): string | null {
  if (subcommand === undefined) return 'missing subcommand (validate)';
  if (subcommand !== 'validate') return `unknown subcommand '${subcommand}'`;
  const option = rest.find((arg) => arg.startsWith('-') && arg !== '-');
  if (option !== undefined) return `unknown option ${option} for 'validate'`;
  return rest.length > 1 ? `expected at most one FILE, got ${rest.join(' ')}` : null;
}

/** The validator's errors; for an otherwise valid replica, a wrong hash is one too. */
async function problems(value: unknown): Promise<ReplicaValidationError[]> {
  const validation = validateReplica(value);
  if (!validation.ok) return validation.error.errors;
  const hash = await replicaContentHash(validation.replica);
  if (hash === validation.replica.hash) return [];
  return [
    {
      path: '/hash',
      rule: 'hash',
      message: `must be the hash of the content, ${hash}; found ${validation.replica.hash} (docs/replica.md, "hash")`,
    },
  ];
}
