import { parse, type Node } from 'acorn';
import fc from 'fast-check';
import { check, runRules } from '..';
import type { Direction, RuleInputs, Side } from '../runtime/types';
import { FORBIDDEN_KEYS } from '../runtime/values';
import { generateRules, type GeneratedRules } from './generate-rules';
import type { MappingRow, MappingTable } from './mapping-table';

function rules(
  rows: MappingRow[],
  side: 'jira' | 'salesforce' = 'salesforce',
  create?: MappingTable['create'],
): GeneratedRules {
  const result = generateRules(create === undefined ? { rows } : { rows, create }, side);
  if (!result.ok) throw new Error(result.error.message);
  return result.rules;
}

/** The lines of a script's last section, after its header, table constants and first-sync block. */
function statements(script: string): string[] {
  const sections = script.trimEnd().split('\n\n');
  return (sections[sections.length - 1] ?? '').split('\n').filter((line) => !line.startsWith('//'));
}

/** Every string literal and object key in a script, as the JavaScript parser reads them back. */
function stringsIn(script: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    const candidate = node as Node & { value?: unknown };
    if (candidate.type === 'Literal' && typeof candidate.value === 'string') found.push(candidate.value);
    Object.values(node).forEach(visit);
  };
  visit(parse(script, { ecmaVersion: 2022, sourceType: 'script' }));
  return found;
}

/** Runs a generated script with both interpreters, expects them to agree, and returns the output. */
function runBoth(
  script: string,
  side: Side,
  direction: Direction,
  inputs: RuleInputs,
): Record<string, unknown> {
  const [ast, ir] = (['ast', 'ir'] as const).map((engine) =>
    runRules(script, side, direction, inputs, { engine }),
  );
  expect(ir).toEqual(ast);
  if (!ast?.ok) throw new Error(`the generated script failed: ${JSON.stringify(ast?.error)}`);
  return ast.output;
}

function errors(script: string, side: Side, direction: Direction) {
  return check(script, side, direction).filter((diagnostic) => diagnostic.severity === 'error');
}

/** A table that uses every feature of the generator on one side. */
const EVERY_FEATURE: Record<Side, MappingRow[]> = {
  salesforce: [
    { local: 'Subject', remote: 'summary', direction: 'both' },
    { local: 'Description', remote: 'description', direction: 'both', transform: 'text<->html' },
    {
      local: 'Status',
      remote: 'status',
      direction: 'both',
      values: { New: 'To Do', Working: ['In Progress', 'In Review'] },
      categories: { New: 'new', Working: 'indeterminate' },
      fallback: 'New',
    },
    { local: 'Priority', remote: 'priority', direction: 'from-remote' },
    { local: 'Type', remote: 'Kind', direction: 'to-remote', values: { Problem: 'Bug' }, fallback: 'Task' },
    {
      local: 'Reason',
      remote: 'custom.Reason "quoted"',
      direction: 'from-remote',
      values: { 'Other\\': 'x' },
    },
    { local: 'Account.Name', remote: 'Account', direction: 'to-remote' },
    { local: 'Owner', remote: 'assignee', direction: 'to-remote' },
    { local: 'Notes__c', remote: 'Notes', direction: 'both', transform: 'text<->html' },
    { local: 'comments', remote: 'comments', direction: 'both', includeInternal: false, attribution: false },
    { local: 'attachments', remote: 'attachments', direction: 'from-remote' },
  ],
  jira: [
    { local: 'summary', remote: 'summary', direction: 'both' },
    { local: 'description', remote: 'Plain description', direction: 'both', transform: 'html<->text' },
    { local: 'status', remote: 'status', direction: 'both', categories: { Done: 'done', 'To Do': 'new' } },
    { local: 'priority', remote: 'priority', direction: 'to-remote', values: { Highest: 'High' } },
    {
      local: 'resolution',
      remote: 'resolution',
      direction: 'from-remote',
      values: { Fixed: 'Done' },
      fallback: 'Fixed',
    },
    { local: 'labels', remote: 'labels', direction: 'both' },
    { local: 'dueDate', remote: 'due', direction: 'both' },
    { local: 'Sales Region', remote: 'Sales Region', direction: 'both', values: { EMEA: ['Europe', 'EU'] } },
    { local: 'customFields.Story Points', remote: 'Points', direction: 'to-remote' },
    { local: 'key', remote: 'Jira key', direction: 'to-remote' },
    { local: 'reporter', remote: 'reporter', direction: 'to-remote' },
    { local: 'comments', remote: 'comments', direction: 'both' },
    { local: 'attachments', remote: 'attachments', direction: 'to-remote' },
  ],
};

function topLevelStatementCount(script: string): number {
  return parse(script, { ecmaVersion: 2022, sourceType: 'script' }).body.length;
}

describe('generateRules', () => {
  it('sends rows that go both ways or to the remote, and takes in rows that go both ways or come from it', () => {
    const generated = rules([
      { local: 'Subject', remote: 'summary', direction: 'both' },
      { local: 'Origin', remote: 'Origin', direction: 'to-remote' },
      { local: 'Reason', remote: 'Reason', direction: 'from-remote' },
    ]);
    expect(statements(generated.outgoing)).toEqual([
      'replica.summary = entity.Subject;',
      'replica.custom.Origin = entity.Origin;',
    ]);
    expect(statements(generated.incoming)).toEqual([
      'entity.Subject = replica.summary;',
      'entity.Reason = replica.custom.Reason;',
    ]);
  });

  it('starts each script with a comment that says it came from the table and how to eject', () => {
    const { outgoing, incoming } = rules([{ local: 'Subject', remote: 'summary', direction: 'both' }]);
    expect(outgoing.split('\n')[0]).toBe(
      '// Tandem Basic mode: outgoing rules for Salesforce (record -> replica).',
    );
    expect(incoming).toContain('eject: edit this script');
  });

  it('leaves a script with nothing to do as a comment that says why', () => {
    const { outgoing } = rules([{ local: 'Reason', remote: 'Reason', direction: 'from-remote' }]);
    expect(outgoing).toContain('// Nothing is sent: no row of the mapping table goes to the remote side.');
    expect(topLevelStatementCount(outgoing)).toBe(0);
  });

  it('sends local values as they are on a two-way row and maps received values through the reversed table', () => {
    const { outgoing, incoming } = rules([
      {
        local: 'Priority',
        remote: 'priority',
        direction: 'both',
        values: { High: ['High', 'Highest'], Low: 'Low' },
      },
    ]);
    expect(statements(outgoing)).toEqual([
      'replica.priority = entity.Priority ? { name: entity.Priority } : null;',
    ]);
    expect(incoming).toContain(
      'const priorityValues = {\n  "High": "High",\n  "Highest": "High",\n  "Low": "Low",\n};',
    );
    expect(incoming).toContain(
      'entity.Priority = lookup(replica.priority?.name, priorityValues, entity.Priority);',
    );
  });

  it('takes in a remote value that several local values map to as the first of them', () => {
    const { incoming } = rules([
      {
        local: 'Status',
        remote: 'status',
        direction: 'both',
        values: { Working: 'In Progress', Escalated: 'In Progress' },
      },
    ]);
    expect(incoming).toContain('const statusValues = {\n  "In Progress": "Working",\n};');
  });

  it('translates what it sends on a one-way row, sending unmapped values unchanged', () => {
    const { outgoing } = rules([
      {
        local: 'Type',
        remote: 'Kind',
        direction: 'to-remote',
        values: { Problem: 'Bug', Question: ['Support', 'Help'] },
      },
    ]);
    expect(outgoing).toContain('const typeValues = {\n  "Problem": "Bug",\n  "Question": "Support",\n};');
    expect(statements(outgoing)).toContain(
      'replica.custom.Kind = lookup(entity.Type, typeValues, entity.Type);',
    );
  });

  it('uses the fallback for unmapped values in either direction', () => {
    const sent = rules([
      { local: 'Type', remote: 'Kind', direction: 'to-remote', values: { A: 'B' }, fallback: 'Other' },
    ]);
    expect(sent.outgoing).toContain('lookup(entity.Type, typeValues, "Other")');
    const received = rules([
      { local: 'Type', remote: 'Kind', direction: 'from-remote', values: { A: 'B' }, fallback: 'A' },
    ]);
    expect(received.incoming).toContain('entity.Type = lookup(replica.custom.Kind, typeValues, "A");');
  });

  it('keeps the local value when a named remote field is missing', () => {
    const { incoming } = rules([{ local: 'Priority', remote: 'priority', direction: 'from-remote' }]);
    expect(statements(incoming)).toEqual(['entity.Priority = replica.priority?.name ?? entity.Priority;']);
  });

  it('sends a status category looked up from the local status, and falls back on the remote category', () => {
    const { outgoing, incoming } = rules([
      {
        local: 'Status',
        remote: 'status',
        direction: 'both',
        values: { New: 'To Do' },
        categories: { New: 'new', Closed: 'done' },
      },
    ]);
    expect(outgoing).toContain('category: lookup(entity.Status, statusCategories, null)');
    expect(incoming).toContain('const statusCategories = {\n  "new": "New",\n  "done": "Closed",\n};');
    expect(incoming).toContain('lookup(replica.status?.category, statusCategories, entity.Status)');
  });

  it('copies a Jira status whole, so its workflow category travels with it', () => {
    const { outgoing, incoming } = rules([{ local: 'status', remote: 'status', direction: 'both' }], 'jira');
    expect(statements(outgoing)).toEqual(['replica.status = issue.status;']);
    expect(statements(incoming)).toEqual(['issue.status = replica.status?.name ?? issue.status?.name;']);
  });

  it('converts rich text with the transform, each way', () => {
    const { outgoing, incoming } = rules([
      { local: 'Description', remote: 'description', direction: 'both', transform: 'text<->html' },
    ]);
    expect(statements(outgoing)).toEqual(['replica.description = text.toHtml(entity.Description);']);
    expect(statements(incoming)).toEqual(['entity.Description = html.toText(replica.description);']);
    const reversed = rules(
      [{ local: 'description', remote: 'Plain', direction: 'both', transform: 'html<->text' }],
      'jira',
    );
    expect(statements(reversed.outgoing)).toEqual(['replica.custom.Plain = html.toText(issue.description);']);
    expect(statements(reversed.incoming)).toEqual(['issue.description = text.toHtml(replica.custom.Plain);']);
  });

  it('reads Salesforce lookup paths with optional chaining, since the lookup may be empty', () => {
    const { outgoing } = rules([{ local: 'Account.Name', remote: 'Account', direction: 'to-remote' }]);
    expect(statements(outgoing)).toEqual(['replica.custom.Account = entity.Account?.Name;']);
  });

  it('sends a user as the replica user shape', () => {
    const salesforce = rules([{ local: 'Owner', remote: 'assignee', direction: 'to-remote' }]);
    expect(salesforce.outgoing).toContain(
      '{ email: entity.Owner.Email, displayName: entity.Owner.Name, platformId: entity.Owner.Id }',
    );
    const jira = rules([{ local: 'reporter', remote: 'reporter', direction: 'to-remote' }], 'jira');
    expect(jira.outgoing).toContain('platformId: issue.reporter.accountId');
  });

  describe('field names and values from the table', () => {
    it('writes a custom field with a space in brackets', () => {
      const { outgoing, incoming } = rules(
        [{ local: 'Sales Region', remote: 'Sales Region', direction: 'both' }],
        'jira',
      );
      expect(statements(outgoing)).toEqual([
        'replica.custom["Sales Region"] = issue.customFields["Sales Region"];',
      ]);
      expect(statements(incoming)).toEqual([
        'issue.customFields["Sales Region"] = replica.custom["Sales Region"];',
      ]);
    });

    it('accepts the explicit custom prefixes', () => {
      const { outgoing } = rules(
        [{ local: 'customFields.summary', remote: 'custom.status', direction: 'to-remote' }],
        'jira',
      );
      expect(statements(outgoing)).toEqual(['replica.custom.status = issue.customFields.summary;']);
    });

    it('escapes quotes, backslashes and line breaks so the parser reads back exactly the table', () => {
      const field = 'Region "EU"\\West\nline';
      const localValue = 'it\'s "quoted"';
      const remoteValue = 'back\\slash\u2028sep';
      const { incoming } = rules(
        [{ local: field, remote: field, direction: 'both', values: { [localValue]: remoteValue } }],
        'jira',
      );
      const strings = stringsIn(incoming);
      expect(strings).toEqual(expect.arrayContaining([field, localValue, remoteValue]));
    });

    it('cannot be turned into extra statements by a hostile field name', () => {
      const hostile = 'x"] = 1; replica.summary = "pwned"; //';
      const { outgoing } = rules([{ local: hostile, remote: hostile, direction: 'to-remote' }], 'jira');
      expect(topLevelStatementCount(outgoing)).toBe(1);
      expect(stringsIn(outgoing)).toEqual([hostile, hostile]);
    });

    it('names table constants after their field and keeps the names apart', () => {
      const { incoming } = rules(
        [
          { local: 'Sales Region', remote: 'Region', direction: 'from-remote', values: { EMEA: 'Europe' } },
          { local: 'Sales-Region', remote: 'Region 2', direction: 'from-remote', values: { EMEA: 'Europe' } },
          { local: '2024 Budget', remote: 'Budget', direction: 'from-remote', values: { High: 'Big' } },
        ],
        'jira',
      );
      expect(incoming).toContain('const salesRegionValues = {');
      expect(incoming).toContain('const salesRegionValues2 = {');
      expect(incoming).toContain('const field2024BudgetValues = {');
    });

    it('drops the __c suffix from Salesforce table names', () => {
      const { incoming } = rules([
        { local: 'Sales_Region__c', remote: 'Sales Region', direction: 'both', values: { EMEA: 'Europe' } },
      ]);
      expect(incoming).toContain('const salesRegionValues = {');
    });
  });

  describe('comments and attachments', () => {
    it('converts Salesforce comment bodies to HTML when sending', () => {
      const { outgoing } = rules([{ local: 'comments', remote: 'comments', direction: 'both' }]);
      expect(statements(outgoing)).toEqual([
        'replica.comments = entity.comments.map((c) => ({ ...c, body: text.toHtml(c.body) }));',
      ]);
    });

    it('leaves internal comments out when told to', () => {
      const { outgoing } = rules(
        [{ local: 'comments', remote: 'comments', direction: 'both', includeInternal: false }],
        'jira',
      );
      expect(statements(outgoing)).toEqual(['replica.comments = issue.comments.filter((c) => !c.internal);']);
    });

    it('prefixes received comments with their author and the other side', () => {
      const salesforce = rules([{ local: 'comments', remote: 'comments', direction: 'both' }]);
      expect(salesforce.incoming).toContain(
        'body: `${c.author?.displayName ?? "Someone"} (via Jira):\\n${html.toText(c.body)}`,',
      );
      const jira = rules([{ local: 'comments', remote: 'comments', direction: 'both' }], 'jira');
      expect(jira.incoming).toContain(
        'body: text.toHtml(`${c.author?.displayName ?? "Someone"} (via Salesforce):`) + c.body,',
      );
    });

    it('takes comments in without attribution when told to', () => {
      const jira = rules(
        [{ local: 'comments', remote: 'comments', direction: 'both', attribution: false }],
        'jira',
      );
      expect(statements(jira.incoming)).toEqual(['issue.comments = replica.comments;']);
      const salesforce = rules([
        { local: 'comments', remote: 'comments', direction: 'both', attribution: false },
      ]);
      expect(salesforce.incoming).toContain('body: html.toText(c.body),');
    });

    it('copies attachments both ways', () => {
      const { outgoing, incoming } = rules(
        [{ local: 'attachments', remote: 'attachments', direction: 'both' }],
        'jira',
      );
      expect(statements(outgoing)).toEqual(['replica.attachments = issue.attachments;']);
      expect(statements(incoming)).toEqual(['issue.attachments = replica.attachments;']);
    });
  });

  describe('first sync', () => {
    it('chooses the Jira project and issue type from the connection, with the table as default', () => {
      const { incoming } = rules([], 'jira', { projectKey: 'HELP', typeName: 'Bug' });
      expect(incoming).toContain(
        [
          'if (firstSync) {',
          '  issue.projectKey = connection.settings?.projectKey ?? "HELP";',
          '  issue.typeName = connection.settings?.issueType ?? "Bug";',
          '}',
        ].join('\n'),
      );
    });

    it('leaves the Jira project to the connection when the table has no default', () => {
      const { incoming } = rules([], 'jira');
      expect(incoming).toContain('  issue.projectKey = connection.settings?.projectKey;');
    });

    it('sets the Salesforce object type only when the table names one', () => {
      expect(rules([], 'salesforce', { entityType: 'Case' }).incoming).toContain(
        'entity.entityType = "Case";',
      );
      expect(rules([], 'salesforce').incoming).not.toContain('firstSync');
    });
  });

  describe('what it generates', () => {
    it.each(['jira', 'salesforce'] as const)(
      'passes check without errors for a %s table using every feature',
      (side) => {
        const generated = rules(
          EVERY_FEATURE[side],
          side,
          side === 'jira' ? { projectKey: 'A' } : { entityType: 'Case' },
        );
        expect(errors(generated.outgoing, side, 'outgoing')).toEqual([]);
        expect(errors(generated.incoming, side, 'incoming')).toEqual([]);
      },
    );

    it('passes check without errors for a table with no rows', () => {
      const generated = rules([], 'jira');
      expect(errors(generated.outgoing, 'jira', 'outgoing')).toEqual([]);
      expect(errors(generated.incoming, 'jira', 'incoming')).toEqual([]);
    });

    it('runs: a two-way value map sends the local value and takes the remote one back through the reversed map', () => {
      const { outgoing, incoming } = rules(EVERY_FEATURE.salesforce);
      const replica = runBoth(outgoing, 'salesforce', 'outgoing', {
        entity: {
          Subject: 'S',
          Description: 'a < b',
          Status: 'Working',
          Type: 'Question',
          Owner: null,
          comments: [],
        },
      });
      expect(replica).toMatchObject({
        summary: 'S',
        description: '<p>a &lt; b</p>',
        status: { name: 'Working', category: 'indeterminate' },
        custom: { Kind: 'Task', Account: null },
        assignee: null,
      });
      const entity = runBoth(incoming, 'salesforce', 'incoming', {
        entity: { Status: 'Working', Priority: 'Low' },
        replica: {
          summary: 'S2',
          description: '<p>x</p>',
          status: { name: 'In Review', category: 'indeterminate' },
          priority: null,
          custom: { 'Reason "quoted"': 'x', Notes: '<p>n</p>' },
          comments: [],
          attachments: [],
        },
      });
      expect(entity).toMatchObject({
        Subject: 'S2',
        Description: 'x',
        Status: 'Working',
        Priority: 'Low',
        Reason: 'Other\\',
      });
    });

    it('runs: a status the map does not name is taken by its category, then the fallback', () => {
      const { incoming } = rules(EVERY_FEATURE.jira, 'jira');
      const take = (status: unknown) =>
        runBoth(incoming, 'jira', 'incoming', {
          entity: { status: { name: 'In Progress', category: 'indeterminate' }, customFields: {} },
          replica: { status, resolution: { name: 'Done' }, labels: [], custom: {}, comments: [] },
        });
      expect(take({ name: 'Closed', category: 'done' })).toMatchObject({
        status: 'Done',
        resolution: 'Fixed',
      });
      expect(take({ name: 'Waiting' })).toMatchObject({ status: 'In Progress' });
    });

    it('runs: internal comments stay home when told to', () => {
      const { outgoing } = rules(EVERY_FEATURE.salesforce);
      const replica = runBoth(outgoing, 'salesforce', 'outgoing', {
        entity: {
          comments: [
            { id: '1', body: 'public', internal: false },
            { id: '2', body: 'private', internal: true },
          ],
        },
      });
      expect(replica.comments).toEqual([{ id: '1', body: '<p>public</p>', internal: false }]);
    });

    it('keeps any field name and value intact through a run (property)', () => {
      const name = fc
        .string({ minLength: 1, maxLength: 12 })
        .filter((text) => text.trim() !== '' && !FORBIDDEN_KEYS.has(text));
      fc.assert(
        fc.property(name, name, name, (field, localValue, remoteValue) => {
          const { outgoing, incoming } = rules(
            [
              {
                local: `customFields.${field}`,
                remote: `custom.${field}`,
                direction: 'both',
                values: { [localValue]: remoteValue },
              },
            ],
            'jira',
          );
          expect(errors(outgoing, 'jira', 'outgoing')).toEqual([]);
          expect(errors(incoming, 'jira', 'incoming')).toEqual([]);
          const sent = runBoth(outgoing, 'jira', 'outgoing', {
            entity: { customFields: { [field]: localValue } },
          });
          expect((sent.custom as Record<string, unknown>)[field]).toBe(localValue);
          const taken = runBoth(incoming, 'jira', 'incoming', {
            entity: { customFields: {} },
            replica: { custom: { [field]: remoteValue } },
          });
          expect((taken.customFields as Record<string, unknown>)[field]).toBe(localValue);
        }),
        { numRuns: 200 },
      );
    });

    it('keeps a hostile field name as data when the script runs', () => {
      const hostile = 'x"] = 1; replica.summary = "pwned"; //';
      const { outgoing } = rules([{ local: hostile, remote: hostile, direction: 'to-remote' }], 'jira');
      const replica = runBoth(outgoing, 'jira', 'outgoing', {
        entity: { customFields: { [hostile]: 'v' }, summary: 'real' },
      });
      expect(replica.summary).toBeUndefined();
      expect(replica.custom).toEqual({ [hostile]: 'v' });
    });
  });

  it('fails with every error of an invalid table at once, and throws nothing', () => {
    const result = generateRules(
      {
        rows: [
          { local: '', remote: 'summary', direction: 'both' },
          { local: 'Status', remote: 'status', direction: 'upwards' as MappingRow['direction'] },
        ],
      },
      'salesforce',
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'mapping-invalid',
        message:
          'The mapping table has errors:\n  Row 1: the local field is empty.\n' +
          '  Row 2: direction "upwards" is not one of both, to-remote, from-remote.',
        problems: expect.arrayContaining([expect.objectContaining({ severity: 'error', row: 0 })]),
      },
    });
  });

  it('generates despite warnings', () => {
    expect(() => rules([{ local: 'Description', remote: 'description', direction: 'both' }])).not.toThrow();
  });
});
