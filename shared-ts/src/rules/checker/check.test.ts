import fc from 'fast-check';
import { check } from './check';
import type { Diagnostic, Direction, Side } from '../runtime/types';

function only(script: string, side: Side = 'jira', direction: Direction = 'outgoing'): Diagnostic {
  const diagnostics = check(script, side, direction);
  expect(diagnostics).toHaveLength(1);
  return diagnostics[0] as Diagnostic;
}

describe('check: unknown names', () => {
  it('suggests the closest variable for a misspelt one', () => {
    expect(only('replica.summary = isue.summary;')).toEqual({
      severity: 'error',
      code: 'unknown-variable',
      message: 'Unknown variable `isue`.',
      hint: 'did you mean `issue`?',
      line: 1,
      column: 19,
      endLine: 1,
      endColumn: 23,
    });
  });

  it('suggests local variables too', () => {
    expect(only('const region = 1;\nreplica.summary = regoin;').hint).toBe('did you mean `region`?');
  });

  it('counts a change of case as a small slip', () => {
    expect(only('replica.summary = Issue.summary;').hint).toBe('did you mean `issue`?');
  });

  it('gives no suggestion when nothing is close', () => {
    expect(only('replica.summary = zzzzzz;').hint).toBeUndefined();
  });

  it('says which variable the other side uses', () => {
    expect(only('replica.summary = issue.Subject;', 'salesforce').hint).toBe(
      'on Salesforce the local record is `entity`',
    );
    expect(only("entity.summary = 'x';", 'jira', 'incoming').hint).toBe(
      'on Jira the local record is `issue`',
    );
  });

  it('says that previous belongs to incoming rules', () => {
    expect(only('replica.summary = previous.summary;').hint).toBe('`previous` exists only in incoming rules');
  });

  it.each([
    ['replica.summary = undefined;', 'use `null`'],
    ['replica.summary = Date.now();', 'use `date.now()` and `date.format(value, pattern)`'],
    ['replica.summary = parseInt(issue.key);', 'use `Number(x)`'],
    ["console.log('x');", 'there is no console; run the script with `tandem rules run` to see its result'],
  ])('explains what to use instead of a JavaScript global: %s', (script, hint) => {
    expect(only(script).hint).toBe(hint);
  });

  it('says when a variable is used before its declaration, as JavaScript would refuse it', () => {
    expect(only('replica.summary = region;\nconst region = 1;')).toMatchObject({
      code: 'used-before-declaration',
      message: '`region` is used before its declaration on line 2.',
      hint: 'move the declaration above its first use',
    });
  });

  it('suggests a library function for a misspelt one', () => {
    expect(only("replica.summary = lokup('a', {});")).toMatchObject({
      code: 'unknown-function',
      message: '`lokup` is not a function of the rules library.',
      hint: 'did you mean `lookup`?',
    });
  });

  it('suggests a method for a misspelt one', () => {
    expect(only('replica.summary = issue.summary.toLowercase();')).toMatchObject({
      code: 'unknown-method',
      hint: 'did you mean `toLowerCase`?',
    });
  });

  it('explains what to use instead of a JavaScript method', () => {
    expect(only("replica.labels = issue.labels.push('x');")).toMatchObject({
      code: 'unknown-method',
      message: '`push` is not available.',
      hint: 'lists cannot be changed in place; build a new one: `[...list, item]`',
    });
  });

  it('reports an unknown global once, not again for its method', () => {
    expect(only('replica.summary = Math.round(1.5);')).toMatchObject({
      code: 'unknown-variable',
      hint: 'Math is not available; use arithmetic operators',
    });
  });
});

describe('check: unknown fields are warnings', () => {
  it('warns about a misspelt replica field and suggests the right one', () => {
    expect(only('replica.summry = issue.summary;')).toEqual({
      severity: 'warning',
      code: 'unknown-field',
      message: '`replica` has no field `summry`.',
      hint: 'did you mean `summary`?',
      line: 1,
      column: 9,
      endLine: 1,
      endColumn: 15,
    });
  });

  it('names the nested object that lacks the field', () => {
    expect(only('replica.summary = issue.status.nmae;').message).toBe('`issue.status` has no field `nmae`.');
  });

  it('reminds Salesforce admins how custom fields are named', () => {
    expect(only('replica.summary = entity.Region;', 'salesforce')).toMatchObject({
      message: '`entity` has no field `Region` (custom fields end in __c).',
    });
  });

  it('accepts any custom field and relationship on Salesforce objects', () => {
    expect(
      check('replica.summary = entity.Account.Tier__c + entity.Vendor__r.Name;', 'salesforce', 'outgoing'),
    ).toEqual([]);
  });

  it('knows the fields of list elements given to arrow functions', () => {
    expect(only('replica.labels = issue.fixVersions.map(v => v.nmae);').message).toBe(
      '`fixVersion` has no field `nmae`.',
    );
  });

  it('does not warn about previous where a condition has tested it', () => {
    const script = [
      'if (previous) issue.summary = previous.summary;',
      'issue.description = previous && previous.description;',
      'issue.labels = previous != null ? previous.labels : [];',
    ].join('\n');
    expect(check(script, 'jira', 'incoming')).toEqual([]);
  });

  it('warns that previous is null on the first sync', () => {
    expect(only('issue.summary = previous.summary;', 'jira', 'incoming')).toMatchObject({
      severity: 'warning',
      code: 'maybe-null',
      hint: 'write `previous?.summary`',
    });
  });
});

describe('check: assignments', () => {
  it('explains that the local entity is read-only in outgoing rules', () => {
    expect(only("issue.summary = 'x';")).toMatchObject({
      code: 'read-only',
      message: '`issue` is read-only in outgoing rules.',
      hint: 'write to `replica` instead: `replica.summary = ...`',
    });
  });

  it('explains that the replica is read-only in incoming rules', () => {
    expect(only("replica.summary = 'x';", 'salesforce', 'incoming')).toMatchObject({
      code: 'read-only',
      message: '`replica` is read-only in incoming rules.',
      hint: 'write to `entity` instead: `entity.Subject = ...`',
    });
  });

  it('suggests let for a constant that is reassigned', () => {
    expect(only('const a = 1;\na = 2;')).toMatchObject({
      code: 'read-only',
      message: '`a` is a constant.',
      hint: 'declare it with `let` to change it later',
      line: 2,
      column: 1,
    });
  });

  it('suggests building a new object instead of changing a local one', () => {
    expect(only('const o = {};\no.x = 1;')).toMatchObject({
      code: 'invalid-assignment',
      hint: 'build a new object instead: `const updated = { ...o, field: value }`',
    });
  });

  it('refuses replacing the writable variable as a whole', () => {
    expect(only('replica = {};')).toMatchObject({
      code: 'invalid-assignment',
      hint: 'assign its fields: `replica.summary = ...`',
    });
  });

  it('refuses names the rules reserve', () => {
    expect(only('const date = 1;')).toMatchObject({
      code: 'reserved-name',
      message: '`date` is a name of the rules library; choose another name.',
    });
  });
});

describe('check: refused constructs say what to use instead', () => {
  it.each([
    [
      'while (true) {}',
      '`while` loops are not available.',
      'loop over a list with `for (const item of list) { ... }`',
    ],
    [
      'switch (issue.key) {}',
      '`switch` is not available.',
      "use `if` / `else if`, or `lookup(value, { A: 'x', B: 'y' }, fallback)`",
    ],
    [
      'replica.summary = new Date();',
      '`new` is not available.',
      'use `date.now()` and `date.format(value, pattern)`',
    ],
    ['var x = 1;', '`var` is not available.', 'use `const` (or `let` for a variable you change later)'],
    ['let i = 0;\ni++;', '`++` is not available.', 'write `x = x + 1`'],
    [
      'replica.summary = /x/.source;',
      'Regular expressions are not available.',
      'use text methods: `includes`, `startsWith`, `endsWith`, `replace`',
    ],
    [
      'function f() {}',
      'Functions cannot be declared in rules.',
      'arrow functions are allowed only as the argument of filter, map, some, every or find; store repeated values in a `const`',
    ],
    [
      'try {} catch (e) {}',
      '`try` / `catch` is not available.',
      'use `?.` and `??` for values that may be missing',
    ],
    [
      'replica.summary = typeof issue;',
      '`typeof` is not available.',
      'compare with null (`x == null`) or use `isEmpty(x)`',
    ],
    ['delete replica.summary;', '`delete` is not available.', 'assign null instead: `replica.field = null`'],
    [
      'replica.labels = issue.labels.map(l => { return l; });',
      'The arrow function body must be an expression, not a block.',
      'write `item => item.internal`; combine conditions with && and ||',
    ],
  ])('%s', (script, message, hint) => {
    expect(only(script)).toMatchObject({ severity: 'error', code: 'forbidden-construct', message, hint });
  });

  it('explains an argument count with an example', () => {
    expect(only('replica.summary = date.format(issue.created);')).toMatchObject({
      code: 'wrong-arguments',
      message: '`date.format` takes 2 arguments, not 1.',
      hint: "date.format(issue.created, 'yyyy-MM-dd')",
    });
  });

  it('asks for an arrow function where a helper needs one', () => {
    expect(only('replica.labels = issue.labels.filter(isEmpty);')).toMatchObject({
      code: 'expected-arrow-function',
      hint: 'write `list.filter(item => ...)`',
    });
  });

  it('points at a namespace used as a value', () => {
    expect(only('const h = html;')).toMatchObject({
      code: 'not-a-value',
      hint: 'call one of them, e.g. `html.toText(...)`',
    });
  });
});

describe('check: syntax errors', () => {
  it('reports acorn’s error at its line and column', () => {
    expect(only('replica.summary = ;')).toMatchObject({
      code: 'syntax-error',
      message: 'Syntax error: Unexpected token.',
      line: 1,
      column: 19,
    });
  });

  it('explains that rules have no return', () => {
    expect(only('\n  return;')).toMatchObject({
      code: 'syntax-error',
      line: 2,
      column: 3,
      hint: 'rules have no `return`; use if/else to skip the rest',
    });
  });
});

describe('check: the whole report', () => {
  it('reports every problem, sorted by position', () => {
    const found = check('while (x) {}\nreplica.summry = isue;\nissue.key = 1;', 'jira', 'outgoing');
    expect(found.map((d) => [d.line, d.column, d.severity, d.code])).toEqual([
      [1, 1, 'error', 'forbidden-construct'],
      [2, 9, 'warning', 'unknown-field'],
      [2, 18, 'error', 'unknown-variable'],
      [3, 1, 'error', 'read-only'],
    ]);
  });

  it('accepts a realistic outgoing script without a word', () => {
    const script = [
      "const statusMap = { 'To Do': 'New', 'In Progress': 'Working', Done: 'Closed' };",
      'replica.summary = issue.summary;',
      'replica.description = issue.description;',
      "replica.status = { name: lookup(issue.status?.name, statusMap, 'New') };",
      "replica.custom['Sales Region'] = issue.customFields['Sales Region'] ?? null;",
      'replica.comments = issue.comments.filter(c => !c.internal);',
      'for (const label of issue.labels) {',
      "  if (label.startsWith('sf-')) continue;",
      '  replica.labels = [...replica.labels, label];',
      '}',
    ].join('\n');
    expect(check(script, 'jira', 'outgoing')).toEqual([]);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (script) => {
        for (const diagnostic of check(script, 'jira', 'incoming')) {
          expect(diagnostic.line).toBeGreaterThanOrEqual(1);
          expect(diagnostic.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
