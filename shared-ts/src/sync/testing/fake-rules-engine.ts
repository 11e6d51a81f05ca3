/**
 * A stand-in for the rules runtime in unit tests: each direction is a TypeScript function of the
 * inputs, so a test states its mapping in plain code. The conformance vectors run the real runtime.
 */
import type { EntityWrite, RuleError, RuleInputs, RuleResult } from '../../rules/runtime/types';
import type { RulesEngine } from '../model/ports';

/** An incoming mapping: top-level assignments by name, or explicit writes for nested paths. */
export type FakeIncoming = (
  inputs: RuleInputs,
) => Record<string, unknown> | EntityWrite[] | { error: RuleError };

/** An outgoing mapping: the members to set on the replica being built. */
export type FakeOutgoing = (inputs: RuleInputs) => Record<string, unknown> | { error: RuleError };

/** A rules engine whose scripts are TypeScript functions; the script text is ignored. */
export function fakeRulesEngine(rules: { incoming?: FakeIncoming; outgoing?: FakeOutgoing }): RulesEngine {
  return (_script, _side, direction, inputs): RuleResult => {
    if (direction === 'incoming') {
      const produced = rules.incoming ? rules.incoming(inputs) : {};
      if (isError(produced)) return { ok: false, error: produced.error, steps: 1 };
      const writes: EntityWrite[] = Array.isArray(produced)
        ? produced
        : Object.entries(produced).map(([name, value]) => ({ path: [name], value }));
      const output: Record<string, unknown> = { ...(inputs.entity ?? {}) };
      for (const write of writes) if (write.path.length === 1) output[write.path[0] as string] = write.value;
      return { ok: true, output, writes, steps: 1 };
    }
    const produced = rules.outgoing ? rules.outgoing(inputs) : {};
    if (isError(produced)) return { ok: false, error: produced.error, steps: 1 };
    return { ok: true, output: { ...(inputs.replica ?? {}), ...produced }, writes: [], steps: 1 };
  };
}

function isError(value: unknown): value is { error: RuleError } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'error' in value;
}
