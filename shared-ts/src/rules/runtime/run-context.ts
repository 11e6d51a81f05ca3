/**
 * The state of one run shared by both interpreters: inputs, the writable variable, the
 * step counter, limits, the clock, and the record of assignments. Also the assignment
 * semantics and how a finished run becomes a `RuleResult`.
 */
import { stepsFor, UNITS_PER_STEP, type Budget } from './costs';
import { isoInstant, parseInstant } from './dates';
import { locate, RuleFailure } from './errors';
import type { LibraryContext } from './library';
import type { AssignOperator, At, InputName } from './ir';
import { binary } from './operators';
import type { Direction, EntityWrite, RuleInputs, RuleLimits, RuleResult, Side } from './types';
import { entityVariable, writableVariable } from './variables';
import {
  copyForStore,
  describe,
  isObject,
  orNull,
  outputSize,
  ownField,
  type Value,
  type ValueObject,
} from './values';

/** The outgoing replica when the host gives none: the collections a script adds to. */
export function emptyReplica(): ValueObject {
  return { labels: [], custom: {}, comments: [], attachments: [] };
}

/** Steps between two readings of the clock for the deadline. */
export const CLOCK_INTERVAL = 1024;

/** One run's state. */
export class RunContext implements LibraryContext, Budget {
  steps = 0;
  /** Units built so far (docs/ir.md, "Memory"). */
  memory = 0;
  /**
   * The step count past which `checkpoint` must run: the step limit, or the next reading of
   * the clock. Interpreters compare against it alone, so counting a step stays one comparison.
   */
  checkAt = 0;
  readonly maxSteps: number;
  readonly maxOutputSize: number;
  readonly maxListLength: number;
  readonly maxMemory: number;
  readonly maxMillis: number;
  private readonly started: number;
  /** Every host variable by name (`issue`/`entity`, `replica`, `previous`, `connection`, `firstSync`). */
  readonly inputs: Record<InputName, Value>;
  /** The writable variable's object: the output of the run. */
  readonly root: ValueObject;
  readonly rootName: InputName;
  /** Incoming runs: paths assigned below the entity, keyed by their joined form, in first-assignment order. */
  private readonly writes: Map<string, string[]> | null;
  private nowText: string | undefined;
  private readonly requestedNow: string | undefined;

  constructor(side: Side, direction: Direction, inputs: RuleInputs, limits: Required<RuleLimits>) {
    this.maxSteps = limits.maxSteps;
    this.maxOutputSize = limits.maxOutputSize;
    this.maxListLength = limits.maxListLength;
    this.maxMemory = limits.maxMemory;
    this.maxMillis = limits.maxMillis;
    this.started = Date.now();
    this.requestedNow = inputs.now;
    const unlimited = { remaining: Infinity };
    const entity = objectOr(inputs.entity, {});
    const replica = objectOr(inputs.replica, null) ?? emptyReplica();
    const entityName = entityVariable(side);
    this.rootName = writableVariable(side, direction);
    const inputValues: Record<string, Value> = {
      replica,
      previous: objectOr(inputs.previous, null),
      connection: objectOr(inputs.connection, {}),
      firstSync: inputs.firstSync === true,
    };
    inputValues[entityName] = entity;
    this.root = copyForStore(inputValues[this.rootName] as ValueObject, unlimited) as ValueObject;
    inputValues[this.rootName] = this.root;
    this.inputs = inputValues as Record<InputName, Value>;
    this.writes = direction === 'incoming' ? new Map() : null;
  }

  /** `date.now()`: the host's `now` or the clock, read once per run, as canonical ISO text. */
  now(): string {
    if (this.nowText === undefined) {
      this.nowText = isoInstant(
        this.requestedNow === undefined ? Date.now() : parseInstant(this.requestedNow),
      );
    }
    return this.nowText;
  }

  /**
   * Runs when `steps` passed `checkAt`: past the step limit, `step-limit` (and `steps` is
   * `maxSteps + 1`); otherwise reads the clock (`deadline` once `maxMillis` have passed) and
   * sets the next checkpoint. `at` locates the error; without it the caller's node does.
   */
  checkpoint(at?: At): void {
    if (this.steps > this.maxSteps) {
      this.steps = this.maxSteps + 1;
      throw new RuleFailure(
        'step-limit',
        `The rules took more than ${this.maxSteps} steps; loop over fewer elements, work on shorter text or simplify the script.`,
        at,
      );
    }
    if (Date.now() - this.started >= this.maxMillis) {
      throw new RuleFailure(
        'deadline',
        `The rules ran for more than ${this.maxMillis} ms; loop over fewer elements or work on shorter text.`,
        at,
      );
    }
    this.checkAt = Math.min(this.maxSteps, this.steps + CLOCK_INTERVAL);
  }

  /** Charges the steps for reading `units` (costs.ts). */
  read(units: number): void {
    if (units < UNITS_PER_STEP) return;
    this.steps += stepsFor(units);
    if (this.steps > this.checkAt) this.checkpoint();
  }

  /** Charges the steps and memory for building `units` (costs.ts): steps first, then memory. */
  built(units: number): void {
    this.read(units);
    this.memory += units;
    if (this.memory > this.maxMemory) {
      throw new RuleFailure(
        'memory-limit',
        `The rules built more than ${this.maxMemory} units of text, lists and objects; work on smaller values or make fewer copies.`,
      );
    }
  }

  /**
   * `root.k1.k2... op= value` with keys already evaluated to text. Walks objects only
   * (null or a non-object on the way is an error at that segment), stores a copy of
   * objects, and records the path for incoming runs.
   */
  assign(keys: string[], operator: AssignOperator, value: Value, where: (segment: number) => At): void {
    let container: Value = this.root;
    const last = keys.length - 1;
    for (let i = 0; i <= last; i++) {
      const key = keys[i] as string;
      if (!isObject(container)) {
        const path = `${this.rootName}.${keys.slice(0, i).join('.')}`;
        throw new RuleFailure(
          container === null ? 'null-access' : 'type-error',
          container === null
            ? `Can't set \`${key}\`: \`${path}\` is null; assign an object first, e.g. \`${path} = { ${key}: ... }\`.`
            : `Can't set \`${key}\` inside ${describe(container)} (\`${path}\`); assign the whole value instead.`,
          where(i),
        );
      }
      if (i < last) {
        container = ownField(container, key);
        continue;
      }
      let stored = value;
      if (operator === '+=') {
        try {
          stored = binary('+', ownField(container, key), value, this);
        } catch (error) {
          throw locate(error, where(i));
        }
      }
      try {
        const budget = { remaining: this.maxOutputSize };
        container[key] = copyForStore(stored, budget);
        this.built(this.maxOutputSize - budget.remaining);
      } catch (error) {
        throw locate(error, where(i));
      }
    }
    if (this.writes) {
      const id = keys.length === 1 ? (keys[0] as string) : keys.join('\u0000');
      if (!this.writes.has(id)) this.writes.set(id, keys.slice());
    }
  }

  /** The result of a run that completed: output size checked, writes read back from the output. */
  finish(): RuleResult {
    const size = outputSize(this.root, this.maxOutputSize);
    if (size < 0) {
      return {
        ok: false,
        error: {
          code: 'output-limit',
          message: `The rules' output is larger than the limit of ${this.maxOutputSize} characters.`,
          line: 1,
          column: 1,
        },
        steps: this.steps,
      };
    }
    const writes: EntityWrite[] = [];
    if (this.writes) {
      for (const path of this.writes.values()) writes.push({ path, value: readPath(this.root, path) });
    }
    return { ok: true, output: this.root, writes, steps: this.steps };
  }
}

function readPath(root: ValueObject, path: string[]): Value {
  let value: Value = root;
  for (const key of path) {
    if (!isObject(value)) return null;
    value = ownField(value, key);
  }
  return orNull(value);
}

function objectOr<T extends ValueObject | null>(value: unknown, fallback: T): ValueObject | T {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as ValueObject)
    : fallback;
}
