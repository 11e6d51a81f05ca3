/**
 * Scenarios for the convergence properties: a list of steps (people's edits and comments on
 * either side, deliveries with faults, inbox runs, time passing) played on a fresh harness,
 * then drained without faults, then checked against the convergence model of
 * docs/sync-semantics.md, section 12. Plain JSON, so a shrunk counterexample can be pasted into
 * a regression test as it is.
 */
import type { EntityRef, JsonValue } from '../../replica';
import type { Side } from '../../rules/runtime/types';
import type { ConflictPolicy } from '../model/sync-policy';
import { createTwoNodeHarness, type TwoNodeHarness } from './create-two-node-harness';
import { commentTexts, localFields, syncedFieldsOf, type SyncedFields } from './harness-rules';
import type { Fault } from './network';
import type { BeforeWrite } from '../testing/in-memory-ports';

/** One step of a scenario. `pair` indexes the scenario's entities. */
export type ScenarioStep =
  | { kind: 'edit'; side: Side; pair: number; changes: Partial<SyncedFields> }
  | { kind: 'comment'; side: Side; pair: number }
  | { kind: 'deliver'; side: Side; faults: (Fault | null)[] }
  | { kind: 'process'; side: Side }
  | { kind: 'tick'; ms: number }
  /**
   * Another process on `side`: `step` runs whole just before the next write to that side's
   * `store` (whichever later step's operation makes it), between that operation's reads and its
   * write, as Forge can run two handlers for one entity at once. Unfired when the steps end, it
   * is dropped.
   */
  | { kind: 'interleave'; side: Side; store: InterleavePoint; step: ScenarioStep };

/** Where an interleaved step cuts in: before a link save, a queue put, or an entity write. */
export type InterleavePoint = 'links' | 'outbox' | 'inbox' | 'entities';

/** A whole scenario: the policies, the entities (each created on one side) and the steps. */
export interface Scenario {
  seed: number;
  policies: Record<Side, ConflictPolicy>;
  /** One entry per pair: the side a person creates it on, and its first field values. */
  entities: { side: Side; fields: SyncedFields }[];
  /** Whether the entities are synced, without faults, before the steps (else their creation is part of the traffic). */
  settled: boolean;
  steps: ScenarioStep[];
  /**
   * How the nodes talk (default `push`). On `rendezvous`, a `deliver` step of Jira is a Salesforce
   * pull (its faults hit the pull), cut at `pullLimit` messages and `maxBatchBytes` bytes.
   */
  topology?: 'push' | 'rendezvous';
  pullLimit?: number;
  maxBatchBytes?: number;
}

/** Where a scenario's convergence check failed, in words a test failure can show. */
export interface ScenarioOutcome {
  problems: string[];
  harness: TwoNodeHarness;
}

const OTHER: Record<Side, Side> = { jira: 'salesforce', salesforce: 'jira' };
const SIDES: readonly Side[] = ['jira', 'salesforce'];

/**
 * Plays a scenario, drains it without faults and checks, for every pair: both entities exist,
 * nothing is left in an error list, every synced field is equal on both sides, every comment
 * made on either side is on both exactly once, a fresh look at each entity finds nothing unsent,
 * and no apply sent anything back except the one reply that tells the creator the new pair.
 */
export async function runScenario(scenario: Scenario): Promise<ScenarioOutcome> {
  const harness = await createTwoNodeHarness({
    seed: scenario.seed,
    policies: scenario.policies,
    ...(scenario.topology === undefined ? {} : { topology: scenario.topology }),
    ...(scenario.pullLimit === undefined ? {} : { pullLimit: scenario.pullLimit }),
    ...(scenario.maxBatchBytes === undefined ? {} : { maxBatchBytes: scenario.maxBatchBytes }),
  });
  const pairs: PairRecord[] = [];
  for (const [index, entity] of scenario.entities.entries()) {
    const origin = await harness.createEntity(
      entity.side,
      `E${index + 1}`,
      localFields(entity.side, entity.fields),
    );
    const queuedByPeople = { jira: 0, salesforce: 0 };
    queuedByPeople[entity.side] = 1;
    pairs.push({ origin, creator: entity.side, comments: [], queuedByPeople });
  }
  if (scenario.settled) await harness.runUntilQuiet();
  const refOn = async (side: Side, pair: PairRecord): Promise<EntityRef | null> => {
    if (side === pair.creator) return pair.origin;
    const link = await harness.node(side).links.findByRemote(harness.connectionId, pair.origin);
    return link?.local ?? null;
  };
  const outgoingSeq = async (side: Side, ref: EntityRef): Promise<number> =>
    (await harness.node(side).links.get(harness.connectionId, ref))?.outgoing.seq ?? 0;

  let made = 0;
  const play = async (step: ScenarioStep): Promise<void> => {
    switch (step.kind) {
      case 'edit': {
        const pair = pairs[step.pair];
        const ref = pair ? await refOn(step.side, pair) : null;
        if (!pair || !ref) break;
        const result = await harness.editLocal(step.side, ref, localFields(step.side, step.changes));
        if (result.kind === 'enqueued') pair.queuedByPeople[step.side]++;
        break;
      }
      case 'comment': {
        const pair = pairs[step.pair];
        const ref = pair ? await refOn(step.side, pair) : null;
        if (!pair || !ref) break;
        const text = `${step.side}-comment-${++made}`;
        const before = await outgoingSeq(step.side, ref);
        await harness.addComment(step.side, ref, text);
        pair.queuedByPeople[step.side] += (await outgoingSeq(step.side, ref)) - before;
        pair.comments.push(text);
        break;
      }
      case 'deliver':
        harness.network.schedule(
          step.side,
          ...step.faults.map((fault) => fault ?? { kind: 'none' as const }),
        );
        await harness.deliver(step.side);
        harness.network.calm();
        break;
      case 'process':
        await harness.process(step.side);
        break;
      case 'tick':
        harness.clock.advance(step.ms);
        break;
      case 'interleave':
        hooksOf(harness, step.side, step.store).push(() => play(step.step));
        break;
    }
  };
  for (const step of scenario.steps) await play(step);
  for (const side of SIDES) {
    for (const store of INTERLEAVE_POINTS) hooksOf(harness, side, store).length = 0;
  }

  harness.network.calm();
  const report = await harness.runUntilQuiet();
  const problems: string[] = [];
  for (const side of SIDES) {
    for (const error of report.errors[side]) {
      problems.push(`${side} error list (${error.queue}): ${error.item.lastError?.message ?? 'no message'}`);
    }
  }
  for (const [index, pair] of pairs.entries()) {
    problems.push(...(await checkPair(harness, index, pair, refOn)));
  }
  return { problems, harness };
}

const INTERLEAVE_POINTS: readonly InterleavePoint[] = ['links', 'outbox', 'inbox', 'entities'];

/** The one-shot hooks of a side's store that run before its next write. */
function hooksOf(harness: TwoNodeHarness, side: Side, store: InterleavePoint): BeforeWrite[] {
  const node = harness.node(side);
  if (store === 'links') return node.links.beforeSave;
  if (store === 'entities') return node.entities.beforeApply;
  return node[store].beforePut;
}

/** What the scenario did to one pair, for the checks. */
interface PairRecord {
  origin: EntityRef;
  creator: Side;
  /** The texts of the comments people made on either side. */
  comments: string[];
  /** Replicas queued by people's changes, per side (the rest were queued by applies). */
  queuedByPeople: Record<Side, number>;
}

async function checkPair(
  harness: TwoNodeHarness,
  index: number,
  pair: PairRecord,
  refOn: (side: Side, pair: PairRecord) => Promise<EntityRef | null>,
): Promise<string[]> {
  const problems: string[] = [];
  const jiraRef = await refOn('jira', pair);
  const salesforceRef = await refOn('salesforce', pair);
  if (!jiraRef || !salesforceRef) return [`pair ${index}: not linked on both sides`];
  const jiraView = await harness.jira.view(jiraRef);
  const salesforceView = await harness.salesforce.view(salesforceRef);
  if (!jiraView || !salesforceView) return [`pair ${index}: an entity is missing`];
  const refs: Record<Side, EntityRef> = { jira: jiraRef, salesforce: salesforceRef };
  const views: Record<Side, Record<string, JsonValue>> = { jira: jiraView, salesforce: salesforceView };
  const jiraFields = JSON.stringify(syncedFieldsOf('jira', views.jira));
  const salesforceFields = JSON.stringify(syncedFieldsOf('salesforce', views.salesforce));
  if (jiraFields !== salesforceFields) {
    problems.push(`pair ${index}: fields differ: jira ${jiraFields}, salesforce ${salesforceFields}`);
  }
  const expected = JSON.stringify([...pair.comments].sort());
  for (const side of SIDES) {
    const ref = refs[side];
    const view = views[side];
    const texts = JSON.stringify(commentTexts(side, view));
    if (texts !== expected) problems.push(`pair ${index}: ${side} comments ${texts}, expected ${expected}`);
    const again = await harness.node(side).engine.syncLocalChange(ref);
    if (again.kind !== 'unchanged')
      problems.push(`pair ${index}: ${side} still had a change to send (${again.kind})`);
    const link = await harness.node(side).links.get(harness.connectionId, ref);
    const byApplies = (link?.outgoing.seq ?? 0) - pair.queuedByPeople[side];
    // An apply that ran again after a refused write (a concurrent operation wrote first) finds the
    // entity already written, cannot tell that write from a local change not yet sent, and sends
    // it back rather than risk swallowing one: one harmless replica per refused write at most
    // (docs/sync-semantics.md, section 6.1). Without interleavings there are none.
    const node = harness.node(side);
    const allowed = (side === OTHER[pair.creator] ? 1 : 0) + node.links.conflicts + node.outbox.conflicts;
    if (byApplies > allowed) {
      problems.push(
        `pair ${index}: ${side} sent ${byApplies} replica(s) after applies; at most ${allowed} expected`,
      );
    }
  }
  return problems;
}
