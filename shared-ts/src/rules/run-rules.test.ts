import { compile, DEFAULT_LIMITS, IR_VERSION, runIr, runRules, type IrProgram } from './index';

/** Every run is given its instant, so no test reads the clock through `date.now()`. */
const NOW = '2024-01-01T00:00:00Z';

function compiled(script: string): IrProgram {
  const result = compile(script, 'jira', 'outgoing');
  if (!result.ok) throw new Error(JSON.stringify(result.error.diagnostics));
  return result.ir;
}

describe('runRules', () => {
  it('refuses a script with check errors before running it, with the first error and its hint', () => {
    expect(runRules('replica.summary = isue;\nwhile (true) {}', 'jira', 'outgoing', {})).toEqual({
      ok: false,
      error: {
        code: 'unknown-variable',
        message: 'Unknown variable `isue`. (did you mean `issue`?)',
        line: 1,
        column: 19,
      },
      steps: 0,
    });
  });

  it('runs a script that has only warnings', () => {
    expect(runRules("replica.summry = 'x';", 'jira', 'outgoing', { replica: {} })).toMatchObject({
      ok: true,
      output: { summry: 'x' },
    });
  });

  it('never modifies its inputs, and its output shares no object with them', () => {
    const inputs = {
      entity: { summary: 'S', status: { name: 'Open' }, labels: ['a'] },
      replica: { status: { name: 'Old' }, custom: { a: 1 } },
    };
    const before = structuredClone(inputs);
    const result = runRules(
      "replica.status.name = issue.status.name;\nreplica.custom.b = 2;\nreplica.owner = issue.status;\nreplica.owner.name = 'x';",
      'jira',
      'outgoing',
      inputs,
    );
    expect(inputs).toEqual(before);
    expect(result).toMatchObject({
      ok: true,
      output: { status: { name: 'Open' }, custom: { a: 1, b: 2 }, owner: { name: 'x' } },
    });
    if (!result.ok) return;
    expect(result.output).not.toBe(inputs.replica);
    expect(result.output.status).not.toBe(inputs.replica.status);
  });

  it('gives the same result with either engine', () => {
    const script = "replica.summary = [issue.key, ...issue.labels].join(' ');";
    const inputs = { entity: { key: 'P-1', labels: ['a', 'b'] } };
    expect(runRules(script, 'jira', 'outgoing', inputs, { engine: 'ir' })).toEqual(
      runRules(script, 'jira', 'outgoing', inputs, { engine: 'ast' }),
    );
  });

  it('runs a script from its cache against the inputs of each run, with the same steps, on either engine', () => {
    // The script is checked and compiled once, then run from the cache: the compiled form
    // must hold nothing of a run (its inputs, its variables, its step count).
    const script =
      "let seen = 0;\nfor (const label of issue.labels) { seen += 1; }\nreplica.custom.seen = seen;\nreplica.labels = issue.labels.map((x) => x + '!');";
    for (const engine of ['ast', 'ir'] as const) {
      const results = [['a'], ['b', 'c'], ['a']].map((labels) =>
        runRules(script, 'jira', 'outgoing', { entity: { labels }, now: NOW }, { engine }),
      );
      expect(results.map((r) => (r.ok ? r.output : r.error))).toEqual([
        { labels: ['a!'], custom: { seen: 1 }, comments: [], attachments: [] },
        { labels: ['b!', 'c!'], custom: { seen: 2 }, comments: [], attachments: [] },
        { labels: ['a!'], custom: { seen: 1 }, comments: [], attachments: [] },
      ]);
      expect(results[2]?.steps).toBe(results[0]?.steps);
    }
  });

  it('reads the clock for date.now() when the host gives no instant', () => {
    const result = runRules('replica.summary = date.now();', 'jira', 'outgoing', {});
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(result.output.summary).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('uses the default limits when the options give none or nonsense', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxSteps: 1_000_000,
      maxOutputSize: 8_000_000,
      maxListLength: 10_000,
      maxMemory: 8_000_000,
      maxMillis: 5_000,
    });
    const script =
      "const l = 'x'.padStart(1000, 'x').split('');\nfor (const a of l) for (const b of l) replica.n = 1;";
    for (const options of [{}, { maxSteps: -1 }, { maxSteps: Number.NaN }]) {
      const result = runRules(script, 'jira', 'outgoing', { now: NOW }, options);
      expect(result).toMatchObject({ ok: false, error: { code: 'step-limit' }, steps: 1_000_001 });
    }
  });

  it('refuses input nested too deeply to copy with too-deep instead of throwing', () => {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) deep = { next: deep };
    const result = runRules("issue.summary = 'x';", 'jira', 'incoming', { entity: deep, now: NOW });
    expect(result).toMatchObject({ ok: false, error: { code: 'too-deep', line: 1, column: 1 } });
  });

  it('reports a step-limit error a person can act on', () => {
    const result = runRules('for (const x of [1, 2, 3]) {}', 'jira', 'outgoing', {}, { maxSteps: 5 });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'step-limit',
        message:
          'The rules took more than 5 steps; loop over fewer elements, work on shorter text or simplify the script.',
      },
    });
  });
});

describe('runIr', () => {
  it('runs IR that went through JSON', () => {
    const ir = JSON.parse(
      JSON.stringify(compiled('replica.summary = issue.summary.toUpperCase();')),
    ) as IrProgram;
    expect(runIr(ir, 'jira', 'outgoing', { entity: { summary: 'a' }, replica: {} })).toEqual({
      ok: true,
      output: { summary: 'A' },
      writes: [],
      steps: 4,
    });
  });

  it('refuses IR of another version', () => {
    const ir = { ...compiled("replica.summary = 'x';"), irVersion: 2 } as unknown as IrProgram;
    expect(runIr(ir, 'jira', 'outgoing', {})).toMatchObject({
      ok: false,
      error: {
        code: 'bad-ir',
        message: `IR version 2 is not supported; this runtime runs version ${IR_VERSION}.`,
      },
    });
  });

  it('refuses IR compiled for another side or direction', () => {
    const ir = compiled("replica.summary = 'x';");
    expect(runIr(ir, 'salesforce', 'outgoing', {})).toMatchObject({
      ok: false,
      error: {
        code: 'bad-ir',
        message: 'This IR was compiled for jira outgoing rules, not salesforce outgoing.',
      },
    });
  });

  it.each([
    [
      'an unknown op',
      { op: 'eval', at: [1, 1], value: { op: 'lit', at: [1, 1], value: 1 } },
      'Unknown statement op `eval`.',
    ],
    ['a slot out of range', { op: 'let', at: [1, 1], slot: 3, value: null }, 'Slot 3 is outside 0..-1.'],
    ['a node without a location', { op: 'break' }, 'Every node needs `at`: [line, column].'],
    [
      'a reserved field name',
      {
        op: 'expr',
        at: [1, 1],
        value: {
          op: 'get',
          at: [1, 1],
          name: '__proto__',
          object: { op: 'input', at: [1, 1], name: 'issue' },
        },
      },
      'The field name `__proto__` is reserved.',
    ],
    [
      'a library call with the wrong number of arguments',
      {
        op: 'expr',
        at: [1, 1],
        value: { op: 'call', at: [1, 1], fn: 'date.now', args: [{ op: 'lit', at: [1, 1], value: 1 }] },
      },
      '`date.now` takes 0..0 arguments, not 1.',
    ],
  ])('refuses IR with %s', (_what, statement, message) => {
    const ir = {
      irVersion: 1,
      side: 'jira',
      direction: 'outgoing',
      slots: 0,
      body: [statement],
    } as unknown as IrProgram;
    expect(runIr(ir, 'jira', 'outgoing', {})).toEqual({
      ok: false,
      error: { code: 'bad-ir', message, line: 1, column: 1 },
      steps: 0,
    });
  });
});
