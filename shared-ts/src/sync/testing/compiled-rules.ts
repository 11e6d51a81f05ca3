/**
 * A connection's rules as an adapter configures them: the two scripts, and the dependencies the
 * compiler found in the incoming one (what the engine reads instead of parsing it). For tests,
 * the harness and the bench; an adapter does the same with `compile` of the rules entry.
 */
import { compile } from '../../rules/checker/compile';
import type { Side } from '../../rules/runtime/types';
import type { SyncRules } from '../engine/sync-context';

const cache = new Map<string, SyncRules>();

/** The scripts with the incoming one's compiled `dependencies` (none when it does not compile); compiled once per scripts. */
export function compiledRules(side: Side, scripts: { incoming: string; outgoing: string }): SyncRules {
  const key = JSON.stringify([side, scripts.incoming, scripts.outgoing]);
  const hit = cache.get(key);
  if (hit) return hit;
  const rules = compileRules(side, scripts);
  if (cache.size >= 32) cache.clear();
  cache.set(key, rules);
  return rules;
}

function compileRules(side: Side, scripts: { incoming: string; outgoing: string }): SyncRules {
  const compiled = compile(scripts.incoming, side, 'incoming');
  const dependencies = compiled.ok ? compiled.ir.dependencies : undefined;
  return {
    incoming: scripts.incoming,
    outgoing: scripts.outgoing,
    ...(dependencies ? { incomingDependencies: dependencies } : {}),
  };
}
