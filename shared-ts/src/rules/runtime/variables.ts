/** The variables a script receives, per side and direction, and which one it may write. */
import type { InputName } from './ir';
import { entityShape, REPLICA_SHAPE, OPEN, type Shape } from './schema';
import type { Direction, Side } from './types';

/** A variable the host gives the script. */
export interface ScriptVariable {
  name: InputName;
  writable: boolean;
  shape: Shape;
}

/** The local entity's variable: `issue` on Jira, `entity` on Salesforce. */
export function entityVariable(side: Side): 'issue' | 'entity' {
  return side === 'jira' ? 'issue' : 'entity';
}

/** The one variable a script writes: `replica` outgoing, the local entity incoming. */
export function writableVariable(side: Side, direction: Direction): InputName {
  return direction === 'outgoing' ? 'replica' : entityVariable(side);
}

/** The variables of a script, by name. */
export function scriptVariables(side: Side, direction: Direction): ReadonlyMap<string, ScriptVariable> {
  const entity = entityVariable(side);
  const list: ScriptVariable[] =
    direction === 'outgoing'
      ? [
          { name: entity, writable: false, shape: entityShape(side, direction) },
          { name: 'replica', writable: true, shape: REPLICA_SHAPE },
          { name: 'connection', writable: false, shape: OPEN },
          { name: 'firstSync', writable: false, shape: OPEN },
        ]
      : [
          { name: 'replica', writable: false, shape: REPLICA_SHAPE },
          { name: 'previous', writable: false, shape: REPLICA_SHAPE },
          { name: entity, writable: true, shape: entityShape(side, direction) },
          { name: 'firstSync', writable: false, shape: OPEN },
          { name: 'connection', writable: false, shape: OPEN },
        ];
  return new Map(list.map((variable) => [variable.name, variable]));
}
