import type { Replica } from '../../replica';
import { compile, runRules } from '../../rules';
import type { IrDependencies } from '../../rules/runtime/ir-dependencies';
import type { Direction, RuleInputs, Side } from '../../rules/runtime/types';
import { commitIncomingApply } from './commit-incoming-apply';
import { createLink } from '../links/create-link';
import type { Link } from '../model/link';
import { linkShapeProblem } from '../model/stored-shape';
import { planIncomingApply, type IncomingApplyInput, type IncomingDecision } from './plan-incoming-apply';
import type { RulesEngine } from '../model/ports';
import { DEFAULT_SYNC_POLICY } from '../model/sync-policy';
import { caseOf, JIRA_ISSUE, replicaOf, SALESFORCE_CASE } from '../testing/fixtures';
import { withPreviousRun } from './run-incoming-rules';

const PURE = 'entity.Subject = replica.summary;\nentity.Status = replica.status?.name ?? null;';

function dependenciesOf(script: string): IrDependencies {
  const compiled = compile(script, 'salesforce', 'incoming');
  if (!compiled.ok || !compiled.ir.dependencies) throw new Error('the script compiles');
  return compiled.ir.dependencies;
}

/** The real rules runtime, counting its incoming runs. */
function countingRules(): { runRules: RulesEngine; runs: () => number } {
  let runs = 0;
  return {
    runRules: (script: string, side: Side, direction: Direction, inputs: RuleInputs) => {
      if (direction === 'incoming') runs++;
      return runRules(script, side, direction, inputs);
    },
    runs: () => runs,
  };
}

function applied(decision: IncomingDecision) {
  if (decision.kind !== 'apply') throw new Error(`expected an apply, got ${JSON.stringify(decision)}`);
  return decision;
}

/** Applies seq 1 then seq 2 of the remote issue, each through the planner and commit; runs counted on the second. */
function twoApplies(
  first: { script: string },
  second: { script: string; connection?: Record<string, string> },
) {
  const counter = countingRules();
  const one = replicaOf({ seq: 1, hash: 'hash-1', summary: 'Printer on fire' });
  const two = replicaOf({ seq: 2, hash: 'hash-2', summary: 'Printer on fire again' });
  const local = caseOf({ Subject: 'Printer on fire', Status: 'To Do' });
  const input = (
    script: string,
    link: Link | null,
    previous: Replica | null,
    replica: Replica,
  ): IncomingApplyInput => ({
    connectionId: 'conn-1',
    link,
    previous,
    local,
    message: { kind: 'replica', replica, target: SALESFORCE_CASE, applied: 0 },
    rules: { side: 'salesforce', script, dependencies: dependenciesOf(script) },
    runRules: counter.runRules,
    policy: DEFAULT_SYNC_POLICY,
    now: '2026-11-20T10:00:00.000Z',
  });
  const start = createLink('conn-1', SALESFORCE_CASE, JIRA_ISSUE);
  const decision = applied(planIncomingApply(input(first.script, start, null, one)));
  const link = withPreviousRun(
    commitIncomingApply(
      decision.next,
      decision.plan,
      { entity: local, created: { comments: [], attachments: [] } },
      1,
    ),
    decision.previousRun,
  );
  const before = counter.runs();
  const next = applied(
    planIncomingApply({
      ...input(second.script, link, one, two),
      ...(second.connection ? { connection: second.connection } : {}),
    }),
  );
  return { link, runs: counter.runs() - before, next };
}

describe('one rules run per apply when the previous replica is unchanged (section 4.2)', () => {
  it('keeps the run on the replica on the link, in a stored shape the migration accepts', () => {
    const { link } = twoApplies({ script: PURE }, { script: PURE });
    expect(link.incoming.previousRun).toMatchObject({
      replicaHash: 'hash-1',
      writes: [
        { path: ['Subject'], value: 'Printer on fire' },
        { path: ['Status'], value: 'To Do' },
      ],
    });
    expect(linkShapeProblem(link)).toBeNull();
    expect(linkShapeProblem({ ...link, incoming: { ...link.incoming, previousRun: { writes: 1 } } })).toMatch(
      /previousRun/,
    );
  });

  it('runs the rules once, not twice, and decides as if it had run them on previous', () => {
    const { runs, next } = twoApplies({ script: PURE }, { script: PURE });
    expect(runs).toBe(1);
    expect(next.plan.fields).toEqual([{ path: ['Subject'], value: 'Printer on fire again' }]);
    expect(next.previousRun?.replicaHash).toBe('hash-2');
  });

  it('runs them twice when the rules version changed (script or connection facts)', () => {
    const edited = `${PURE}\nentity.Origin = 'Jira';`;
    expect(twoApplies({ script: PURE }, { script: edited }).runs).toBe(2);
    expect(twoApplies({ script: PURE }, { script: PURE, connection: { name: 'acme' } }).runs).toBe(2);
  });

  it('keeps nothing for rules that read more than the replica, so every apply runs them twice', () => {
    const reading = 'entity.Subject = firstSync ? replica.summary : entity.Subject;';
    const { link, runs } = twoApplies({ script: reading }, { script: reading });
    expect(link.incoming.previousRun).toBeUndefined();
    expect(runs).toBe(2);
  });
});
