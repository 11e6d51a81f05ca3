import { check, runRules } from '../..';
import type { Direction, RuleInputs, Side } from '../../runtime/types';
import { jiraComments, realisticCase, realisticIssue, salesforceComments, type Json } from '../fixtures';
import { generateRules } from '../generate-rules';
import { validateMapping } from '../validate-mapping';
import { DEFAULT_MAPPINGS, DEFAULT_RULES } from '.';

const ENGINES = ['ast', 'ir'] as const;
const SCRIPTS: Array<[Side, Direction]> = [
  ['jira', 'outgoing'],
  ['jira', 'incoming'],
  ['salesforce', 'outgoing'],
  ['salesforce', 'incoming'],
];
const connection = { name: 'Support <-> SUP', settings: { projectKey: 'HELP', issueType: 'Bug' } };

/** Runs a default script and returns its output and writes; fails the test with the rule error otherwise. */
function run(side: Side, direction: Direction, inputs: RuleInputs, engine: 'ast' | 'ir') {
  const result = runRules(
    DEFAULT_RULES[side][direction],
    side,
    direction,
    { connection, ...inputs },
    { engine },
  );
  if (!result.ok) throw new Error(`${side} ${direction} (${engine}) failed: ${JSON.stringify(result.error)}`);
  return result;
}

/** What the other side's default outgoing script sends for its realistic fixture. */
function replicaFrom(side: Side, entity: Json = side === 'jira' ? realisticIssue() : realisticCase()): Json {
  return run(side, 'outgoing', { entity }, 'ast').output;
}

describe('Basic mode defaults', () => {
  it.each(['jira', 'salesforce'] as const)(
    'are exactly what the generator makes of the %s default table',
    (side) => {
      expect(validateMapping(DEFAULT_MAPPINGS[side], side)).toEqual([]);
      expect(generateRules(DEFAULT_MAPPINGS[side], side)).toEqual({ ok: true, rules: DEFAULT_RULES[side] });
    },
  );

  it.each(SCRIPTS)('the %s %s script passes check without a single diagnostic', (side, direction) => {
    expect(check(DEFAULT_RULES[side][direction], side, direction)).toEqual([]);
  });

  describe.each(ENGINES)('run by the %s interpreter', (engine) => {
    describe('Jira outgoing', () => {
      it('sends the issue as it is: summary, HTML description, status with its category, priority, labels', () => {
        const replica = run('jira', 'outgoing', { entity: realisticIssue() }, engine).output;
        expect(replica).toMatchObject({
          summary: 'Monthly export fails for "Q3 <draft>" reports',
          description: expect.stringContaining('<strong>73%</strong>'),
          status: { name: 'In Progress', category: 'indeterminate' },
          priority: { name: 'Highest' },
          labels: ['export', 'customer-reported', 'q3'],
        });
      });

      it('sends every comment, internal ones flagged internal, and every attachment', () => {
        const issue = realisticIssue();
        const replica = run('jira', 'outgoing', { entity: issue }, engine).output;
        expect(replica.comments).toEqual(issue.comments);
        expect((replica.comments as Json[]).filter((c) => c.internal)).toHaveLength(6);
        expect(replica.attachments).toEqual(issue.attachments);
      });

      it('sends an issue without priority or description with those fields null', () => {
        const replica = run(
          'jira',
          'outgoing',
          { entity: { ...realisticIssue(), priority: null, description: null } },
          engine,
        ).output;
        expect(replica.priority).toBeNull();
        expect(replica.description).toBeNull();
      });
    });

    describe('Jira incoming (a Case sent by the Salesforce defaults)', () => {
      const issue = realisticIssue(0);

      it('maps the Case status and priority to Jira names and keeps the text', () => {
        const result = run('jira', 'incoming', { entity: issue, replica: replicaFrom('salesforce') }, engine);
        expect(result.output).toMatchObject({
          summary: 'Monthly export fails for "Q3 <draft>" reports',
          description:
            '<p>The monthly export stops at 73% for reports in draft.</p><p>1. Open a draft report<br>2. Export as CSV</p>',
          status: 'In Progress',
          priority: 'High',
          labels: [],
        });
      });

      it('writes the mapped fields in script order, and nothing on first sync only', () => {
        const result = run('jira', 'incoming', { entity: issue, replica: replicaFrom('salesforce') }, engine);
        expect(result.writes.map((write) => write.path.join('.'))).toEqual([
          'summary',
          'description',
          'status',
          'priority',
          'labels',
          'comments',
          'attachments',
        ]);
      });

      it.each([
        ['New', 'To Do'],
        ['Working', 'In Progress'],
        ['Escalated', 'In Progress'],
        ['Closed', 'Done'],
      ])('takes the Case status %s as %s', (caseStatus, jiraStatus) => {
        const replica = replicaFrom('salesforce', { ...realisticCase(0), Status: caseStatus });
        expect(run('jira', 'incoming', { entity: issue, replica }, engine).output.status).toBe(jiraStatus);
      });

      it('takes an unknown status by its category, and keeps the issue status when there is none', () => {
        const byCategory = { ...replicaFrom('salesforce'), status: { name: 'On Hold', category: 'done' } };
        expect(run('jira', 'incoming', { entity: issue, replica: byCategory }, engine).output.status).toBe(
          'Done',
        );
        const unknown = { ...replicaFrom('salesforce'), status: { name: 'On Hold' } };
        expect(run('jira', 'incoming', { entity: issue, replica: unknown }, engine).output.status).toBe(
          'In Progress',
        );
      });

      it('keeps the issue priority when the Case has none or an unknown one', () => {
        const none = { ...replicaFrom('salesforce'), priority: null };
        expect(run('jira', 'incoming', { entity: issue, replica: none }, engine).output.priority).toBe(
          'Highest',
        );
        const odd = { ...replicaFrom('salesforce'), priority: { name: 'P1' } };
        expect(run('jira', 'incoming', { entity: issue, replica: odd }, engine).output.priority).toBe(
          'Highest',
        );
      });

      it('prefixes each comment with its author, HTML-escaped, and keeps internal comments internal', () => {
        const replica = replicaFrom('salesforce', { ...realisticCase(0), comments: salesforceComments(4) });
        const comments = run('jira', 'incoming', { entity: issue, replica }, engine).output
          .comments as Json[];
        expect(comments).toHaveLength(4);
        expect(comments[0]).toEqual({
          id: '00a5e00000Xyz000',
          author: expect.objectContaining({ displayName: 'María José "MJ" Núñez' }),
          body:
            '<p>María José &quot;MJ&quot; Núñez (via Salesforce):</p>' +
            '<p>Customer update 1: export still fails for &quot;Q3 &lt;draft&gt;&quot; reports.<br>Tried again at 9:00.</p>',
          created: '2026-11-01T14:00:00.000Z',
          updated: null,
          internal: false,
        });
        expect(comments.map((c) => c.internal)).toEqual([false, false, false, true]);
      });

      it('attributes a comment without an author to "Someone"', () => {
        const replica = { ...replicaFrom('salesforce'), comments: [{ ...jiraComments(1)[0], author: null }] };
        const [comment] = run('jira', 'incoming', { entity: issue, replica }, engine).output
          .comments as Json[];
        expect(comment?.body).toMatch(/^<p>Someone \(via Salesforce\):<\/p>/);
      });

      it('creates the issue in the connection’s project and type on first sync', () => {
        const result = run(
          'jira',
          'incoming',
          { entity: {}, replica: replicaFrom('salesforce'), firstSync: true },
          engine,
        );
        expect(result.output).toMatchObject({ projectKey: 'HELP', typeName: 'Bug' });
        expect(result.writes.slice(0, 2).map((write) => write.path)).toEqual([['projectKey'], ['typeName']]);
      });

      it('falls back to project SUP and type Task when the connection sets none', () => {
        const result = runRules(
          DEFAULT_RULES.jira.incoming,
          'jira',
          'incoming',
          { entity: {}, replica: replicaFrom('salesforce'), firstSync: true, connection: { name: 'bare' } },
          { engine },
        );
        expect(result.ok && result.output).toMatchObject({ projectKey: 'SUP', typeName: 'Task' });
      });
    });

    describe('Salesforce outgoing', () => {
      it('sends the Case with its description as HTML and the status category', () => {
        const replica = run('salesforce', 'outgoing', { entity: realisticCase() }, engine).output;
        expect(replica).toMatchObject({
          summary: 'Monthly export fails for "Q3 <draft>" reports',
          description:
            '<p>The monthly export stops at 73% for reports in draft.</p><p>1. Open a draft report<br>2. Export as CSV</p>',
          status: { name: 'Escalated', category: 'indeterminate' },
          priority: { name: 'High' },
          labels: [],
          custom: {},
        });
      });

      it('sends comment bodies as HTML, keeping ids, authors and the internal flag', () => {
        const replica = run('salesforce', 'outgoing', { entity: realisticCase(4) }, engine).output;
        const comments = replica.comments as Json[];
        expect(comments[3]).toEqual({
          ...salesforceComments(4)[3],
          body: '<p>Customer update 4: export still fails for &quot;Q3 &lt;draft&gt;&quot; reports.<br>Tried again at 12:00.</p>',
        });
        expect(comments.map((c) => c.internal)).toEqual([false, false, false, true]);
      });

      it('sends a Case without status or description with those fields null', () => {
        const replica = run(
          'salesforce',
          'outgoing',
          { entity: { ...realisticCase(0), Status: null, Description: null } },
          engine,
        ).output;
        expect(replica.status).toBeNull();
        expect(replica.description).toBeNull();
      });

      it('sends a status it has no category for with a null category', () => {
        const replica = run(
          'salesforce',
          'outgoing',
          { entity: { ...realisticCase(0), Status: 'On Hold' } },
          engine,
        ).output;
        expect(replica.status).toEqual({ name: 'On Hold', category: null });
      });
    });

    describe('Salesforce incoming (an issue sent by the Jira defaults)', () => {
      const sfCase = realisticCase(0);

      it('maps the Jira status and priority to Case values and the description to plain text', () => {
        const result = run(
          'salesforce',
          'incoming',
          { entity: sfCase, replica: replicaFrom('jira') },
          engine,
        );
        expect(result.output).toMatchObject({
          Subject: 'Monthly export fails for "Q3 <draft>" reports',
          Description:
            'The monthly export stops at 73% for reports in draft.\n\n1. Open a draft report\n2. Export as CSV\n\nSeen since 2026-10-30 & still happening.',
          Status: 'Working',
          Priority: 'High',
          CaseNumber: '00001026',
        });
        expect(result.writes.map((write) => write.path.join('.'))).toEqual([
          'Subject',
          'Description',
          'Status',
          'Priority',
          'comments',
          'attachments',
        ]);
      });

      it('keeps a Jira code block (a stack trace) multi-line and the address of a link in the Case description', () => {
        const description =
          '<p>Fails with <a href="https://status.example/x">this error</a>:</p>' +
          '<pre>java.lang.IllegalStateException: closed\n    at a.Export.run(Export.java:73)\n    at a.Main.main(Main.java:9)</pre>';
        const replica = replicaFrom('jira', { ...realisticIssue(0), description });
        expect(run('salesforce', 'incoming', { entity: sfCase, replica }, engine).output.Description).toBe(
          'Fails with this error (https://status.example/x):\n\n' +
            'java.lang.IllegalStateException: closed\n    at a.Export.run(Export.java:73)\n    at a.Main.main(Main.java:9)',
        );
      });

      it.each([
        ['Highest', 'High'],
        ['High', 'High'],
        ['Medium', 'Medium'],
        ['Low', 'Low'],
        ['Lowest', 'Low'],
      ])('takes the Jira priority %s as %s', (jiraPriority, casePriority) => {
        const replica = replicaFrom('jira', { ...realisticIssue(0), priority: { name: jiraPriority } });
        expect(run('salesforce', 'incoming', { entity: sfCase, replica }, engine).output.Priority).toBe(
          casePriority,
        );
      });

      it.each([
        [{ name: 'To Do', category: 'new' }, 'New'],
        [{ name: 'Done', category: 'done' }, 'Closed'],
        [{ name: 'In Review', category: 'indeterminate' }, 'Working'],
        [{ name: 'Blocked' }, 'Escalated'],
      ])('takes the Jira status %j as %s', (status, caseStatus) => {
        const replica = replicaFrom('jira', { ...realisticIssue(0), status });
        expect(run('salesforce', 'incoming', { entity: sfCase, replica }, engine).output.Status).toBe(
          caseStatus,
        );
      });

      it('prefixes each comment with its author as plain text, and keeps internal comments internal', () => {
        const replica = replicaFrom('jira', { ...realisticIssue(0), comments: jiraComments(5) });
        const comments = run('salesforce', 'incoming', { entity: sfCase, replica }, engine).output
          .comments as Json[];
        expect(comments[0]?.body).toBe(
          'Ann Lee (via Jira):\nStep 1: checked the export job & its logs.\n\n- node A: ok\n- node B: retry #0',
        );
        expect(comments.map((c) => c.internal)).toEqual([false, false, false, false, true]);
        expect(comments.map((c) => c.id)).toEqual(['10100', '10101', '10102', '10103', '10104']);
      });

      it('clears the description when the issue has none', () => {
        const replica = replicaFrom('jira', { ...realisticIssue(0), description: null });
        expect(
          run('salesforce', 'incoming', { entity: sfCase, replica }, engine).output.Description,
        ).toBeNull();
      });

      it('creates a Case on first sync', () => {
        const result = run(
          'salesforce',
          'incoming',
          { entity: {}, replica: replicaFrom('jira'), firstSync: true },
          engine,
        );
        expect(result.output.entityType).toBe('Case');
        expect(result.writes[0]).toEqual({ path: ['entityType'], value: 'Case' });
      });
    });

    it.each(SCRIPTS)('runs %s %s on 30 comments well inside the step budget', (side, direction) => {
      const entity = side === 'jira' ? realisticIssue(30) : realisticCase(30);
      const replica = replicaFrom(side === 'jira' ? 'salesforce' : 'jira');
      const result = run(side, direction, { entity, replica }, engine);
      expect(result.steps).toBeLessThan(5_000);
    });
  });

  it.each(SCRIPTS)('gives the same result with both interpreters for %s %s', (side, direction) => {
    const entity = side === 'jira' ? realisticIssue(30) : realisticCase(30);
    const replica = replicaFrom(side === 'jira' ? 'salesforce' : 'jira');
    const [ast, ir] = ENGINES.map((engine) =>
      run(side, direction, { entity, replica, firstSync: true }, engine),
    );
    expect(ir).toEqual(ast);
  });
});
