import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runRules } from '../..';
import type { Direction, RuleInputs, Side } from '../../runtime/types';
import { jiraComments, realisticCase, realisticIssue, salesforceComments, type Json } from '../fixtures';
import {
  compiledIr,
  formatVectorFile,
  withIr,
  type RulesVector,
  type RulesVectorFile,
} from '../../vector-files';
import { DEFAULT_RULES } from '.';

/**
 * shared-ts/conformance/rules/basic-defaults.json holds Basic mode's defaults as conformance
 * vectors (format: docs/ir.md), so the Apex runtime is held to them too. The file is made from
 * the cases below; this test fails when it is out of date. After a deliberate change of the
 * defaults, rewrite it with `UPDATE_BASIC_VECTORS=1 npx jest shared-ts/src/rules/basic` and
 * review the diff: the expected results come from the TypeScript runtime, and the behaviour
 * behind them is specified by defaults.test.ts.
 */
const FILE = path.join(__dirname, '..', '..', '..', '..', 'conformance', 'rules', 'basic-defaults.json');

interface Case {
  name: string;
  side: Side;
  direction: Direction;
  inputs: RuleInputs;
}

const connection = { name: 'Support <-> SUP', settings: { projectKey: 'HELP', issueType: 'Bug' } };
const issue = realisticIssue(2);
const sfCase = realisticCase(2);

function sent(side: Side, entity: Json): Json {
  const result = runRules(DEFAULT_RULES[side].outgoing, side, 'outgoing', { entity, connection });
  if (!result.ok) throw new Error(result.error.message);
  return result.output;
}

// One realistic vector per script; the value-map vectors use the fewest fields that show the mapping.
const fromSalesforce = sent('salesforce', sfCase);
const fromJira = sent('jira', issue);
const smallReplica = {
  summary: 'Export fails',
  description: null,
  labels: [],
  comments: [],
  attachments: [],
};
const smallIssue = {
  summary: 'Export fails',
  status: { name: 'In Progress', category: 'indeterminate' },
  priority: { name: 'Highest' },
};
const smallCase = { Subject: 'Export fails', Status: 'Escalated', Priority: 'High' };

function jiraIncoming(name: string, replica: Json, entity: Json = smallIssue): Case {
  return {
    name: `jira incoming: ${name}`,
    side: 'jira',
    direction: 'incoming',
    inputs: { entity, replica, connection },
  };
}

function salesforceIncoming(name: string, replica: Json, entity: Json = smallCase): Case {
  return {
    name: `salesforce incoming: ${name}`,
    side: 'salesforce',
    direction: 'incoming',
    inputs: { entity, replica, connection },
  };
}

const CASES: Case[] = [
  {
    name: 'jira outgoing: sends an issue as it is',
    side: 'jira',
    direction: 'outgoing',
    inputs: { entity: issue, connection },
  },
  {
    name: 'jira outgoing: sends missing priority, description and status as null',
    side: 'jira',
    direction: 'outgoing',
    inputs: {
      entity: { ...smallIssue, priority: null, description: null, status: null, comments: [] },
      connection,
    },
  },
  jiraIncoming('takes a Case in Jira terms with attributed comments', fromSalesforce, realisticIssue(0)),
  {
    name: 'jira incoming: first sync creates the issue in the connection project and type',
    side: 'jira',
    direction: 'incoming',
    inputs: { entity: {}, replica: smallReplica, previous: null, firstSync: true, connection },
  },
  {
    name: 'jira incoming: first sync falls back to project SUP and type Task',
    side: 'jira',
    direction: 'incoming',
    inputs: {
      entity: {},
      replica: smallReplica,
      previous: null,
      firstSync: true,
      connection: { name: 'bare' },
    },
  },
  ...(
    [
      ['New', 'new'],
      ['Escalated', 'indeterminate'],
      ['Closed', 'done'],
    ] as const
  ).map(([status, category]) =>
    jiraIncoming(`maps the Case status ${status}`, { ...smallReplica, status: { name: status, category } }),
  ),
  jiraIncoming('takes an unmapped status by its category', {
    ...smallReplica,
    status: { name: 'On Hold', category: 'done' },
  }),
  jiraIncoming('keeps status and priority it cannot map', {
    ...smallReplica,
    status: { name: 'On Hold' },
    priority: { name: 'P1' },
  }),
  jiraIncoming('attributes a comment without author to Someone', {
    ...smallReplica,
    comments: [{ ...salesforceComments(1)[0], author: null }],
  }),
  {
    name: 'salesforce outgoing: sends a Case',
    side: 'salesforce',
    direction: 'outgoing',
    inputs: { entity: sfCase, connection },
  },
  {
    name: 'salesforce outgoing: sends missing status and description as null',
    side: 'salesforce',
    direction: 'outgoing',
    inputs: {
      entity: { ...smallCase, Status: null, Description: null, Priority: '', comments: [] },
      connection,
    },
  },
  {
    name: 'salesforce outgoing: sends a status without category',
    side: 'salesforce',
    direction: 'outgoing',
    inputs: { entity: { ...smallCase, Status: 'On Hold', comments: [] }, connection },
  },
  salesforceIncoming('takes an issue in Case terms with attributed comments', fromJira, realisticCase(0)),
  {
    name: 'salesforce incoming: first sync creates a Case',
    side: 'salesforce',
    direction: 'incoming',
    inputs: { entity: {}, replica: smallReplica, previous: null, firstSync: true, connection },
  },
  ...(['Highest', 'Low', 'Lowest'] as const).map((priority) =>
    salesforceIncoming(`maps the Jira priority ${priority}`, {
      ...smallReplica,
      priority: { name: priority },
    }),
  ),
  ...(
    [
      [{ name: 'To Do', category: 'new' }, 'To Do'],
      [{ name: 'Done', category: 'done' }, 'Done'],
      [{ name: 'In Review', category: 'indeterminate' }, 'an unmapped status by category'],
      [{ name: 'Blocked' }, 'an unmapped status without category'],
    ] as const
  ).map(([status, label]) => salesforceIncoming(`takes ${label}`, { ...smallReplica, status })),
  salesforceIncoming('keeps internal comments internal, as plain text', {
    ...smallReplica,
    description: '<p>Tab&nbsp;&amp; <em>emphasis</em></p>',
    comments: jiraComments(5).slice(3),
  }),
];

function vectorFile(): RulesVectorFile {
  return {
    description:
      "Generated: Basic mode's default scripts on realistic inputs, made by shared-ts/src/rules/basic-mode/defaults/default-vectors.test.ts (UPDATE_BASIC_VECTORS=1); do not edit by hand.",
    vectors: CASES.map(({ name, side, direction, inputs }) => {
      const script = DEFAULT_RULES[side][direction];
      const result = runRules(script, side, direction, inputs, { engine: 'ast' });
      if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
      const expected: RulesVector['expected'] = { output: result.output };
      if (direction === 'incoming') expected.writes = result.writes;
      const vector: RulesVector = { name, side, direction, script: script.split('\n'), inputs, expected };
      return withIr(vector, compiledIr(vector, { vectors: [] }));
    }),
  };
}

describe('conformance/rules/basic-defaults.json', () => {
  const wanted = formatVectorFile(vectorFile());

  if (process.env.UPDATE_BASIC_VECTORS === '1') writeFileSync(FILE, wanted);

  it('is up to date with the default scripts (UPDATE_BASIC_VECTORS=1 rewrites it)', () => {
    expect(readFileSync(FILE, 'utf8')).toBe(wanted);
  });

  it('covers every default script', () => {
    const covered = new Set(CASES.map((c) => `${c.side} ${c.direction}`));
    expect([...covered].sort()).toEqual([
      'jira incoming',
      'jira outgoing',
      'salesforce incoming',
      'salesforce outgoing',
    ]);
  });
});
