/**
 * Hand-edited or stored IR is validated before it runs: every count and depth is bounded, so
 * no IR aborts the process or overflows the stack (`slots: 2**31` once did), and names from
 * JavaScript's prototype are not library functions.
 */
import { compile, runIr, type IrProgram, type RuleResult } from '../index';
import { MAX_NESTING, MAX_NODES } from './limits';

const NOW = '2024-01-01T00:00:00Z';

function compiled(script: string): IrProgram {
  const result = compile(script, 'jira', 'outgoing');
  if (!result.ok) throw new Error(JSON.stringify(result.error.diagnostics));
  return JSON.parse(JSON.stringify(result.ir)) as IrProgram;
}

function run(ir: unknown): RuleResult {
  return runIr(ir as IrProgram, 'jira', 'outgoing', { now: NOW });
}

function code(result: RuleResult): string | null {
  return result.ok ? null : result.error.code;
}

const lit = (value: unknown) => ({ op: 'lit', at: [1, 1], value });
const expr = (value: unknown) => ({ op: 'expr', at: [1, 1], value });
const program = (body: unknown[], slots = 0) => ({
  irVersion: 1,
  side: 'jira',
  direction: 'outgoing',
  slots,
  body,
});

describe('validateIr bounds', () => {
  it('refuses slots: 2**31 with too-large instead of allocating them', () => {
    const ir = { ...compiled('const a = 1;'), slots: 2 ** 31 };
    expect(run(ir)).toMatchObject({ ok: false, error: { code: 'too-large', line: 1, column: 1 }, steps: 0 });
  });

  it(`accepts ${MAX_NODES} slots`, () => {
    expect(code(run({ ...compiled('const a = 1;'), slots: MAX_NODES }))).toBeNull();
  });

  it('refuses IR nested 5,000 levels deep with too-deep, without recursing that far', () => {
    let value: unknown = lit(1);
    for (let i = 0; i < 5000; i++) value = { op: 'unary', at: [1, 1], operator: '!', arg: value };
    expect(code(run(program([expr(value)])))).toBe('too-deep');
  });

  it(`accepts IR nested exactly ${MAX_NESTING} levels (the statement being the first)`, () => {
    let value: unknown = lit(1);
    for (let i = 0; i < MAX_NESTING - 2; i++) value = { op: 'unary', at: [1, 1], operator: '!', arg: value };
    expect(code(run(program([expr(value)])))).toBeNull();
    expect(code(run(program([expr({ op: 'unary', at: [1, 1], operator: '!', arg: value })])))).toBe(
      'too-deep',
    );
  });

  it(`refuses more than ${MAX_NODES} nodes with too-large`, () => {
    const body = Array.from({ length: MAX_NODES / 2 + 1 }, () => expr(lit(1)));
    expect(code(run(program(body)))).toBe('too-large');
  });

  it(`counts path segments, properties and list items too: an object of ${MAX_NODES} properties is too-large`, () => {
    const props = Array.from({ length: MAX_NODES }, (_, i) => ({ key: `k${i}`, value: lit(1) }));
    expect(code(run(program([expr({ op: 'object', at: [1, 1], props })])))).toBe('too-large');
    const path = Array.from({ length: MAX_NODES }, () => ({ at: [1, 1], name: 'a' }));
    expect(code(run(program([{ op: 'assign', at: [1, 1], operator: '=', path, value: lit(1) }])))).toBe(
      'too-large',
    );
  });

  it('refuses a number literal that is not finite (1e999 in the JSON)', () => {
    const ir = JSON.parse(
      '{"irVersion":1,"side":"jira","direction":"outgoing","slots":0,"body":[{"op":"expr","at":[1,1],"value":{"op":"lit","at":[1,1],"value":1e999}}]}',
    );
    expect(code(run(ir))).toBe('bad-ir');
  });
});

describe('validateIr and names from the prototype', () => {
  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])(
    '%s is neither a library function, a method, an input nor a field name',
    (name) => {
      const call = { op: 'call', at: [1, 1], fn: name, args: [] };
      const method = { op: 'method', at: [1, 1], name, object: lit('a'), args: [] };
      const input = { op: 'input', at: [1, 1], name };
      for (const value of [call, method, input]) expect(code(run(program([expr(value)])))).toBe('bad-ir');
      const fromJson = JSON.parse(`{"op":"object","at":[1,1],"props":[{"${name}":1}]}`);
      expect(code(run(program([expr(fromJson)])))).toBe('bad-ir');
    },
  );

  it('refuses reserved field names in get, path and object keys', () => {
    for (const name of ['__proto__', 'constructor', 'prototype']) {
      const get = { op: 'get', at: [1, 1], name, object: { op: 'input', at: [1, 1], name: 'issue' } };
      expect(code(run(program([expr(get)])))).toBe('bad-ir');
    }
  });
});
