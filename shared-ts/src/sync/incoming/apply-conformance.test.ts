/**
 * The apply conformance vectors (shared-ts/conformance/apply/*.json), run against this engine
 * with the real rules runtime, once with each TypeScript interpreter (AST and IR; Apex ports
 * the IR one). The Apex engine is held to the same files; docs/sync-semantics.md ("Conformance
 * vectors") describes their shape and how a runner must use them.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityRef, JsonValue, Replica } from '../../replica';
import { compile, runIr, runRules, type IrProgram } from '../../rules';
import type { IrDependencies } from '../../rules/runtime/ir-dependencies';
import type { Side } from '../../rules/runtime/types';
import type { RulesEngine } from '../model/ports';
import { buildOutgoingReplica } from '../outgoing/build-outgoing-replica';
import { commitIncomingApply } from './commit-incoming-apply';
import type { IdPair, Link } from '../model/link';
import type { LocalEntity } from '../model/local-entity';
import { planIncomingApply } from './plan-incoming-apply';
import type { ReplicaMessage } from '../model/sync-message';
import type { SyncPolicy } from '../model/sync-policy';
import type { Conflict, WritePlan } from '../model/write-plan';

interface IncomingVector {
  name: string;
  description: string;
  kind: 'incoming';
  /** The script and its compiled IR (`incomingIr`), which a runtime without the compiler (Apex) runs. */
  rules: { side: Side; incoming: string; incomingIr?: IrProgram | null };
  policy: SyncPolicy;
  connection?: Record<string, JsonValue>;
  now: string;
  connectionId: string;
  link: Link | null;
  previous: Replica | null;
  localEntity: LocalEntity | null;
  message: ReplicaMessage;
  /** Replicas the inbox item carries before `message` (`QueueItem.replaced`), applied first, in order. */
  replaced?: ReplicaMessage[];
  writerOutcome?: {
    entity?: EntityRef;
    view?: Record<string, JsonValue>;
    comments?: IdPair[];
    attachments?: IdPair[];
  };
  expected:
    | { decision: 'drop'; reason: 'stale' | 'unlinked' }
    | { decision: 'fail'; failure: { code: string } }
    | { decision: 'apply'; writePlan: WritePlan; conflicts: Conflict[]; link: Link };
}

interface OutgoingVector {
  name: string;
  description: string;
  kind: 'outgoing';
  rules: { side: Side; outgoing: string; outgoingIr?: IrProgram | null };
  connection?: Record<string, JsonValue>;
  now: string;
  link: Link;
  localEntity: LocalEntity;
  expected: { decision: 'build'; replica: JsonValue } | { decision: 'fail'; failure: { code: string } };
}

type Vector = IncomingVector | OutgoingVector;

const directory = path.join(__dirname, '../../../conformance/apply');

/** The command that rewrites every apply vector's committed IR from the compiler. */
const UPDATE_APPLY_IR_COMMAND = 'UPDATE_APPLY_IR=1 npx jest apply-conformance';

/** The vector's script, the key its IR is committed under, and the IR the compiler makes of it today. */
function scriptOf(vector: Vector): {
  key: 'incomingIr' | 'outgoingIr';
  script: string;
  compiled: IrProgram | null;
} {
  const [key, script, direction] =
    vector.kind === 'incoming'
      ? (['incomingIr', vector.rules.incoming, 'incoming'] as const)
      : (['outgoingIr', vector.rules.outgoing, 'outgoing'] as const);
  const result = compile(script, vector.rules.side, direction);
  return { key, script, compiled: result.ok ? (JSON.parse(JSON.stringify(result.ir)) as IrProgram) : null };
}

/**
 * `UPDATE_APPLY_IR=1`: writes the compiled IR into the file, on one line right after the script's
 * line (the files are formatted by hand; nothing else in them changes). Review the diff.
 */
function withCommittedIr(file: string, text: string, vector: Vector): string {
  const { key, compiled } = scriptOf(vector);
  const line = `    "${key}": ${JSON.stringify(compiled)}`;
  const ir = JSON.stringify(compiled);
  const existing = new RegExp(`^    "${key}": .*$`, 'm');
  if (existing.test(text)) return text.replace(existing, () => line);
  const existingInline = new RegExp(`^(  "rules": \\{.*), "${key}": \\{.*\\}( \\},?)$`, 'm');
  if (existingInline.test(text))
    return text.replace(
      existingInline,
      (_m, head: string, tail: string) => `${head}, "${key}": ${ir}${tail}`,
    );
  const scriptLine = new RegExp(`^(    "${vector.kind}": ".*")$`, 'm');
  if (scriptLine.test(text)) return text.replace(scriptLine, (match) => `${match},\n${line}`);
  // "rules" on one line: { "side": ..., "incoming": "..." }
  const inline = new RegExp(`^(  "rules": \\{.*"${vector.kind}": ".*")( \\},?)$`, 'm');
  if (inline.test(text))
    return text.replace(inline, (_m, head: string, tail: string) => `${head}, "${key}": ${ir}${tail}`);
  throw new Error(`${file}: no "${vector.kind}" script to put the IR after`);
}

const vectors: Vector[] = readdirSync(directory)
  .filter((file) => file.endsWith('.json'))
  .sort()
  .map((file) => {
    let text = readFileSync(path.join(directory, file), 'utf8');
    let vector = JSON.parse(text) as Vector;
    if (`${vector.name}.json` !== file)
      throw new Error(`${file}: the name must be the file name without .json`);
    if (process.env.UPDATE_APPLY_IR === '1') {
      text = withCommittedIr(file, text, vector);
      writeFileSync(path.join(directory, file), text);
      vector = JSON.parse(text) as Vector;
    }
    return vector;
  });
const incoming = vectors.filter((vector): vector is IncomingVector => vector.kind === 'incoming');
const outgoing = vectors.filter((vector): vector is OutgoingVector => vector.kind === 'outgoing');

/** The link, previous replica and local entity an apply starts from. */
interface ApplyState {
  link: Link | null;
  previous: Replica | null;
  local: LocalEntity | null;
}

/**
 * The state after applying a replica the inbox item carries before its own (`replaced`): such an
 * apply must not fail; its writes land on the entity as given and its link is committed.
 */
function applyReplaced(
  vector: IncomingVector,
  state: ApplyState,
  message: ReplicaMessage,
  decision: ReturnType<typeof planIncomingApply>,
): ApplyState {
  if (decision.kind === 'drop') return state;
  if (decision.kind !== 'apply')
    throw new Error(`${vector.name}: a replaced replica failed: ${JSON.stringify(decision)}`);
  if (!state.local) throw new Error(`${vector.name}: replaced replicas need an existing local entity`);
  const view = structuredClone(state.local.view);
  for (const field of decision.plan.fields) setPath(view, field.path, field.value);
  const local = { ...state.local, view };
  const link = commitIncomingApply(
    decision.next,
    decision.plan,
    { entity: local, created: { comments: [], attachments: [] } },
    0,
  );
  return { link, previous: message.replica, local };
}

/** The fake entity store of the vectors: writes land as given, and read back unchanged. */
function writerOutcome(vector: IncomingVector, plan: WritePlan, local: LocalEntity | null) {
  const view: Record<string, JsonValue> = structuredClone(vector.writerOutcome?.view ?? local?.view ?? {});
  if (!vector.writerOutcome?.view) for (const field of plan.fields) setPath(view, field.path, field.value);
  const ref = vector.localEntity?.ref ?? vector.writerOutcome?.entity;
  if (!ref)
    throw new Error(`${vector.name}: a vector that creates the entity must give writerOutcome.entity`);
  return {
    entity: { ref, view, modifiedAt: vector.localEntity?.modifiedAt ?? null },
    created: {
      comments: vector.writerOutcome?.comments ?? [],
      attachments: vector.writerOutcome?.attachments ?? [],
    },
  };
}

function setPath(root: Record<string, JsonValue>, pathSegments: string[], value: JsonValue): void {
  let node = root;
  for (const segment of pathSegments.slice(0, -1)) {
    const next = node[segment];
    if (next === null || next === undefined || typeof next !== 'object' || Array.isArray(next))
      node[segment] = {};
    node = node[segment] as Record<string, JsonValue>;
  }
  node[pathSegments[pathSegments.length - 1] as string] = value;
}

/**
 * The committed IR of the vector's script (a runtime without the compiler reads it from the
 * file); null when the checker refuses the script, which a runtime treats as a failed rules run.
 */
function committedIr(vector: Vector): IrProgram | null {
  const ir = vector.kind === 'incoming' ? vector.rules.incomingIr : vector.rules.outgoingIr;
  if (ir === undefined) throw new Error(`${vector.name}: no committed IR; run ${UPDATE_APPLY_IR_COMMAND}`);
  return ir;
}

/** What the compiler found the vector's incoming script depends on, read from the committed IR, as an adapter passes it to the engine. */
function dependenciesOf(vector: IncomingVector): { dependencies?: IrDependencies } {
  const dependencies = vector.rules.incomingIr?.dependencies;
  return dependencies ? { dependencies } : {};
}

/**
 * The two TypeScript interpreters: the AST one runs the script; the IR one runs the committed IR,
 * exactly as Apex does (never the compiler).
 */
const engines: [string, (vector: Vector) => RulesEngine][] = [
  [
    'ast',
    () => (script, side, direction, inputs) => runRules(script, side, direction, inputs, { engine: 'ast' }),
  ],
  [
    'ir',
    (vector) => (script, side, direction, inputs) => {
      const ir = committedIr(vector);
      // No IR: the checker refused the script; the compile failure is the run's result.
      return ir === null
        ? runRules(script, side, direction, inputs, { engine: 'ir' })
        : runIr(ir, side, direction, inputs);
    },
  ],
];

describe('the committed IR of the apply vectors', () => {
  it.each(vectors.map((vector) => [vector.name, vector] as const))(
    '%s is what the compiler makes today',
    (_name, vector) => {
      const { key, compiled } = scriptOf(vector);
      const committed = vector.kind === 'incoming' ? vector.rules.incomingIr : vector.rules.outgoingIr;
      if (JSON.stringify(committed) !== JSON.stringify(compiled))
        throw new Error(
          `${vector.name}: rules.${key} is stale or missing; run ${UPDATE_APPLY_IR_COMMAND} and review the diff`,
        );
      expect(committed).toEqual(compiled);
    },
  );
});

describe('apply conformance vectors', () => {
  it('has at least 60 incoming vectors, each named after its file', () => {
    expect(incoming.length).toBeGreaterThanOrEqual(60);
  });

  describe.each(engines)('with the %s interpreter', (_engine, engineFor) => {
    describe.each(incoming.map((vector) => [vector.name, vector] as const))(
      'incoming %s',
      (_name, vector) => {
        it(`decides to ${vector.expected.decision}: ${vector.description}`, () => {
          const plan = (state: ApplyState, message: ReplicaMessage) =>
            planIncomingApply({
              connectionId: vector.connectionId,
              link: state.link,
              previous: state.previous,
              local: state.local,
              message,
              rules: {
                side: vector.rules.side,
                script: vector.rules.incoming,
                ...dependenciesOf(vector),
              },
              runRules: engineFor(vector),
              policy: vector.policy,
              ...(vector.connection ? { connection: vector.connection } : {}),
              now: vector.now,
            });
          let state: ApplyState = { link: vector.link, previous: vector.previous, local: vector.localEntity };
          for (const message of vector.replaced ?? [])
            state = applyReplaced(vector, state, message, plan(state, message));
          const decision = plan(state, vector.message);
          const expected = vector.expected;
          if (expected.decision === 'drop') {
            expect(decision).toMatchObject({ kind: 'drop', reason: expected.reason });
          } else if (expected.decision === 'fail') {
            expect(decision).toMatchObject({ kind: 'fail', error: { code: expected.failure.code } });
          } else {
            if (decision.kind !== 'apply')
              throw new Error(`expected an apply, got ${JSON.stringify(decision)}`);
            expect(decision.plan).toEqual(expected.writePlan);
            expect(decision.conflicts).toEqual(expected.conflicts);
            // The version is the store's compare-and-set counter, not a decision: vectors leave it out.
            const { version: _version, ...committed } = commitIncomingApply(
              decision.next,
              decision.plan,
              writerOutcome(vector, decision.plan, state.local),
              0,
            );
            expect(committed).toEqual(expected.link);
          }
        });
      },
    );

    describe.each(outgoing.map((vector) => [vector.name, vector] as const))(
      'outgoing %s',
      (_name, vector) => {
        it(`${vector.expected.decision === 'build' ? 'builds' : 'fails'}: ${vector.description}`, () => {
          const result = buildOutgoingReplica({
            link: vector.link,
            local: vector.localEntity,
            rules: { side: vector.rules.side, script: vector.rules.outgoing },
            runRules: engineFor(vector),
            ...(vector.connection ? { connection: vector.connection } : {}),
            now: vector.now,
          });
          const expected = vector.expected;
          if (expected.decision === 'fail') {
            expect(result).toMatchObject({ ok: false, error: { code: expected.failure.code } });
          } else {
            expect(result).toEqual({ ok: true, content: expected.replica });
          }
        });
      },
    );
  });
});
