/**
 * Section 4.2 of docs/sync-semantics.md: the incoming rules run on the new replica and, when
 * there is a previous replica, once more on it. Each run's writes are reduced to the last write
 * per path; output the planner could not walk safely is refused before any value is compared.
 */
import { MAX_REPLICA_DEPTH, MAX_REPLICA_VALUES, type JsonValue, type Replica } from '../../replica';
import { readsOnlyReplica } from '../../rules/runtime/ir-dependencies';
import type { EntityWrite, RuleInputs } from '../../rules/runtime/types';
import { canonicalJson } from '../../util/canonical-json';
import { inspectJson } from '../../util/inspect-json';
import { sha256HexSync } from '../../util/sha256';
import { MAX_PREVIOUS_RUN_CHARS, type Link, type PreviousRun } from '../model/link';
import { pathKey } from '../model/path-key';
import { syncFailure, type SyncFailure } from '../model/sync-failure';
import type { IncomingApplyInput } from './plan-incoming-apply';

/** The writes of one run, last write per path (by `pathKey`), in first-assignment order. */
export type WritesByPath = Map<string, EntityWrite>;

/** The inputs both runs share: the local view, `now` and the connection facts. */
function commonInputs(input: IncomingApplyInput): Omit<RuleInputs, 'replica' | 'previous' | 'firstSync'> {
  const common: Omit<RuleInputs, 'replica' | 'previous' | 'firstSync'> = {
    entity: input.local?.view ?? {},
    now: input.now,
  };
  if (input.connection) common.connection = input.connection;
  return common;
}

/**
 * The incoming rules on the new replica (`previous` as stored, `firstSync` when there is none).
 * A failed run is a `rule-error`; output no replica may hold is a `rule-output`: nothing is written.
 */
export function runRulesOnReplica(
  input: IncomingApplyInput,
): { ok: true; writes: WritesByPath } | { ok: false; error: SyncFailure } {
  const { previous } = input;
  const run = input.runRules(input.rules.script, input.rules.side, 'incoming', {
    ...commonInputs(input),
    replica: asRecord(input.message.replica),
    previous: previous ? asRecord(previous) : null,
    firstSync: previous === null,
  });
  if (!run.ok) {
    const { line, column, code, message: text } = run.error;
    const message = `The incoming rules failed at line ${line}, column ${column}: ${text} (${code}).`;
    return { ok: false, error: syncFailure('rule-error', message) };
  }
  const problem = ruleOutputProblem(run.writes);
  if (problem) return { ok: false, error: syncFailure('rule-output', problem) };
  return { ok: true, writes: lastWritePerPath(run.writes) };
}

/**
 * The incoming rules on `previous` (as both `replica` and `previous`, `firstSync` false, the same
 * view): what the rules made of the replica before. Empty without a previous; empty too when the
 * run fails (say, the rules were edited since) or writes what no replica may hold: such a run
 * tells nothing about it, and the planner falls back to the baseline.
 */
export function runRulesOnPrevious(input: IncomingApplyInput): WritesByPath {
  const { previous } = input;
  if (!previous) return new Map();
  const kept = reusablePreviousRun(input);
  if (kept) return kept;
  const before = input.runRules(input.rules.script, input.rules.side, 'incoming', {
    ...commonInputs(input),
    replica: asRecord(previous),
    previous: asRecord(previous),
    firstSync: false,
  });
  if (!before.ok || ruleOutputProblem(before.writes) !== null) return new Map();
  return lastWritePerPath(before.writes);
}

/**
 * The writes the last apply kept of the rules' run on the replica that is now `previous`, when
 * they still hold: kept from that very replica (its `hash`), with the same rules version, by rules
 * that read nothing but `replica` and `connection`. Null otherwise: the rules run on previous.
 */
export function reusablePreviousRun(input: IncomingApplyInput): WritesByPath | null {
  const kept = input.link?.incoming.previousRun;
  const { previous } = input;
  if (!kept || !previous || kept.replicaHash !== previous.hash) return null;
  if (!keepsRuns(input) || kept.rules !== rulesVersion(input)) return null;
  const writes: WritesByPath = new Map();
  for (const write of kept.writes) writes.set(pathKey(write.path), write);
  return writes;
}

/**
 * What to keep on the link of this apply's run on the new replica, for the next apply (whose
 * `previous` it will be): null when the rules read more than `replica` and `connection` (a run on
 * the same replica could then write otherwise), or when the writes' JSON is over
 * `MAX_PREVIOUS_RUN_CHARS` (the link stays small; the next apply runs the rules instead).
 */
export function previousRunToKeep(input: IncomingApplyInput, writes: WritesByPath): PreviousRun | null {
  if (!keepsRuns(input)) return null;
  const kept: PreviousRun['writes'] = [];
  for (const write of writes.values())
    kept.push({ path: write.path, value: write.value === undefined ? null : (write.value as JsonValue) });
  if (JSON.stringify(kept).length > MAX_PREVIOUS_RUN_CHARS) return null;
  return { replicaHash: input.message.replica.hash, rules: rulesVersion(input), writes: kept };
}

function keepsRuns(input: IncomingApplyInput): boolean {
  const dependencies = input.rules.dependencies;
  return (
    typeof dependencies === 'object' &&
    dependencies !== null &&
    Array.isArray(dependencies.inputs) &&
    readsOnlyReplica(dependencies)
  );
}

let lastVersion: { script: string; side: string; connection: unknown; version: string } | null = null;

/**
 * The rules version a kept run is valid for: the SHA-256 of the canonical JSON of the side, the
 * incoming script and the connection facts (the run's only inputs besides the replica). The last
 * one computed is remembered, so a host applying many replicas hashes its script once.
 */
export function rulesVersion(input: IncomingApplyInput): string {
  const { script, side } = input.rules;
  const connection = input.connection ?? null;
  if (lastVersion?.script === script && lastVersion.side === side && lastVersion.connection === connection)
    return lastVersion.version;
  const version = sha256HexSync(canonicalJson([side, script, connection]));
  lastVersion = { script, side, connection, version };
  return version;
}

/**
 * Why what the incoming rules wrote cannot be applied, or null: every value is checked, without
 * recursing, to nest and weigh no more than a replica may (`MAX_REPLICA_DEPTH`,
 * `MAX_REPLICA_VALUES`, all writes together) and to hold nothing JSON cannot (a cycle), before
 * the planner compares values by walking them.
 */
export function ruleOutputProblem(writes: readonly EntityWrite[]): string | null {
  const [problem] = inspectJson(
    writes.map((write) => write.value),
    { maxDepth: MAX_REPLICA_DEPTH + 1, maxValues: MAX_REPLICA_VALUES, allowUndefined: true },
  );
  if (!problem) return null;
  const [, index = '', ...inside] = problem.path.split('/');
  const where = `${writes[Number(index)]?.path.join('.') ?? ''}${inside.length > 0 ? ` (at /${inside.join('/')})` : ''}`;
  const what =
    problem.kind === 'depth'
      ? `a value nested more than ${MAX_REPLICA_DEPTH} levels deep`
      : problem.kind === 'size'
        ? `values of more than ${MAX_REPLICA_VALUES} parts in all`
        : `a value JSON cannot hold (${problem.message})`;
  return `The incoming rules wrote ${what} to ${where}, which cannot be applied; fix the incoming rules, then retry.`;
}

/** Last write per path wins, at the position of the path's first write (the rules contract). */
export function lastWritePerPath(writes: readonly EntityWrite[]): WritesByPath {
  const byPath: WritesByPath = new Map();
  for (const write of writes) byPath.set(pathKey(write.path), write);
  return byPath;
}

function asRecord(replica: Replica): Record<string, unknown> {
  return replica as unknown as Record<string, unknown>;
}

/** The committed link with the run to keep for the next apply (none: the next apply runs the rules on previous). */
export function withPreviousRun(link: Link, previousRun: PreviousRun | undefined): Link {
  return previousRun ? { ...link, incoming: { ...link.incoming, previousRun } } : link;
}
