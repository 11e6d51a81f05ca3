/**
 * The scenario generators the harness's property tests share (convergence, rendezvous,
 * interleaving): the steps of docs/sync-semantics.md, section 12, as fast-check arbitraries, each
 * property choosing which field changes, how often deliveries come and whether they meet faults.
 */
import fc from 'fast-check';
import type { Side } from '../../rules/runtime/types';
import type { ConflictPolicy } from '../model/sync-policy';
import type { SyncedFields } from './harness-rules';
import { FAULT_KINDS, type Fault } from './network';
import { runScenario, type Scenario, type ScenarioStep } from './run-scenario';

/** Either side. */
export const side = fc.constantFrom<Side>('jira', 'salesforce');

/** One change of each synced field, one at a time. */
export const SINGLE_FIELD_CHANGES: fc.Arbitrary<Partial<SyncedFields>>[] = [
  fc.record({ summary: fc.constantFrom('alpha', 'beta', 'gamma') }),
  fc.record({ description: fc.constantFrom('one', 'two', 'three') }),
  fc.record({ status: fc.constantFrom('New', 'Working', 'Closed') }),
  fc.record({ priority: fc.constantFrom('High', 'Medium', 'Low') }),
  fc.record({ labels: fc.subarray(['a', 'b', 'c']) }),
];

/** A network fault on one message, or none (three times in four). */
export const fault: fc.Arbitrary<Fault | null> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constantFrom(...FAULT_KINDS),
      ms: fc.integer({ min: 0, max: 400_000 }),
    }),
  },
);

/** How a property's steps are drawn. */
export interface StepShape {
  pairs: number;
  changes: fc.Arbitrary<Partial<SyncedFields>>;
  /** Weight of `deliver` against edit 4, comment 2, process 3, tick 1. */
  deliverWeight: number;
  /** Whether deliveries meet network faults (none when false). */
  faults: boolean;
}

/** One step: an edit, a comment, a delivery (with faults when asked), an inbox run or a tick. */
export function scenarioStep(shape: StepShape): fc.Arbitrary<ScenarioStep> {
  const pair = fc.integer({ min: 0, max: shape.pairs - 1 });
  const faults = shape.faults
    ? fc.array(fault, { maxLength: shape.pairs })
    : fc.constant<(Fault | null)[]>([]);
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('edit' as const), side, pair, changes: shape.changes }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('comment' as const), side, pair }) },
    {
      weight: shape.deliverWeight,
      arbitrary: fc.record({ kind: fc.constant('deliver' as const), side, faults }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('process' as const), side }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 90_000 }) }),
    },
  );
}

/** The fields every entity of a scenario starts with. */
export const START_FIELDS: SyncedFields = {
  summary: 'start',
  description: 'zero',
  status: 'New',
  priority: 'Medium',
  labels: [],
};

/**
 * A scenario on `policies`: 1 to `pairs` entities, `minSteps` to `maxSteps` steps of `step`, and
 * whatever else the property sets (`extra`, e.g. the topology and its batch limits).
 */
export function scenarioOf(
  policies: Record<Side, ConflictPolicy>,
  step: fc.Arbitrary<ScenarioStep>,
  shape: { pairs: number; minSteps?: number; maxSteps: number },
  extra: { [K in keyof Scenario]?: fc.Arbitrary<Scenario[K]> } = {},
): fc.Arbitrary<Scenario> {
  return fc.record({
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    policies: fc.constant(policies),
    entities: fc.array(fc.record({ side, fields: fc.constant(START_FIELDS) }), {
      minLength: 1,
      maxLength: shape.pairs,
    }),
    settled: fc.boolean(),
    steps: fc.array(step, { minLength: shape.minSteps ?? 0, maxLength: shape.maxSteps }),
    ...extra,
  }) as fc.Arbitrary<Scenario>;
}

/** Runs a scenario and throws its problems, for `fc.asyncProperty`. */
export async function converges(scenario: Scenario): Promise<void> {
  const { problems } = await runScenario(scenario);
  if (problems.length > 0) throw new Error(problems.join('\n'));
}
