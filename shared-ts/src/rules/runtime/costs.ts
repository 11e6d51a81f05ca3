/**
 * What a run's work costs, shared by both interpreters (and specified in docs/ir.md, "Steps",
 * for the Apex runtime). Every node costs one step when it starts; an operation whose work
 * grows with the size of its values costs more: one step for every `UNITS_PER_STEP` units it
 * reads or builds, where a unit is a UTF-16 code unit of text, an element of a list, a key of
 * an object, or a list or object visited by `==`. Units built also count against the memory
 * budget. The table below is the whole model; library code charges through `Budget`.
 *
 * | Operation | Reads (charged before the work) | Builds (charged after) |
 * |---|---|---|
 * | `+` with text, template | — | the result's length |
 * | `==`, `!=` on lists/objects, list `includes` | lists and objects visited (after) | — |
 * | `trim`, `toLowerCase`, `toUpperCase` | the text's length | the result's length |
 * | `includes` (text), `replace`, `replaceAll` | the text's length | the result's length (`replace`, `replaceAll`) |
 * | `startsWith`, `endsWith` | the argument's length | — |
 * | `split` | the text's length | the number of pieces |
 * | `slice`, `padStart` | — | the result's length (code units or elements) |
 * | `join` (method and function) | the list's length | the result's length |
 * | `filter`, `map`, `some`, `every`, `find`, list `includes` | the list's length | the result's length (`filter`, `map`) |
 * | list literal | — | its length (after spreads) |
 * | object literal | — | the keys set (spread keys included) |
 * | assignment into the writable variable | — | the objects copied |
 * | `html.toText`, `text.toHtml` | the input's length | the result's length |
 * | `Number(text)` | the text's length | — |
 * | `String(x)` | — | the result's length |
 *
 * Each installment costs `floor(units / UNITS_PER_STEP)` steps, so small values cost nothing
 * beyond their node's step.
 */

/** Units read or built per extra step. */
export const UNITS_PER_STEP = 100;

/** The steps an installment of `units` costs. */
export function stepsFor(units: number): number {
  return units < UNITS_PER_STEP ? 0 : Math.floor(units / UNITS_PER_STEP);
}

/** How library code charges the run for its work (the run context implements it). */
export interface Budget {
  readonly maxOutputSize: number;
  readonly maxListLength: number;
  /** Charges the steps for reading `units`; throws `step-limit` or `deadline` past the budget. */
  read(units: number): void;
  /** Charges the steps and memory for building `units`; throws `step-limit`, `memory-limit` or `deadline`. */
  built(units: number): void;
}
