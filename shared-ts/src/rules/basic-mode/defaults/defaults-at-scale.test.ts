/**
 * Basic mode's default scripts fit the default budgets on a large real record: 10,000 comments
 * and a 1 MiB description (before the budgets were weighted they stopped at about 3,000
 * comments and refused a 1 MiB description). Every run is given `now`.
 */
import { runRules, type RuleResult } from '../..';
import type { Direction, RuleInputs, Side } from '../../runtime/types';
import { realisticCase, realisticIssue, type Json } from '../fixtures';
import { DEFAULT_RULES } from '.';

const NOW = '2026-11-03T12:00:00.000Z';
const MIB = 1 << 20;
const COMMENTS = 10_000;
const connection = { name: 'Support <-> SUP', settings: { projectKey: 'HELP', issueType: 'Bug' } };

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

const issue: Json = {
  ...realisticIssue(COMMENTS),
  description: repeatTo('<p>The export stops at <strong>73%</strong> &amp; the draft stays.</p>', MIB),
};
const sfCase: Json = {
  ...realisticCase(COMMENTS),
  Description: repeatTo('The export stops at 73% for reports in "draft" <b>.\n', MIB),
};

function run(side: Side, direction: Direction, inputs: RuleInputs, engine: 'ast' | 'ir'): RuleResult {
  return runRules(
    DEFAULT_RULES[side][direction],
    side,
    direction,
    { connection, now: NOW, ...inputs },
    { engine },
  );
}

function output(result: RuleResult): Json {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.output;
}

describe.each(['ast', 'ir'] as const)(
  'the default scripts on 10,000 comments and a 1 MiB description (%s engine)',
  (engine) => {
    const fromJira = output(run('jira', 'outgoing', { entity: issue }, engine));
    const fromSalesforce = output(run('salesforce', 'outgoing', { entity: sfCase }, engine));

    it('Jira outgoing sends every comment and the whole description', () => {
      expect((fromJira.comments as unknown[]).length).toBe(COMMENTS);
      expect(fromJira.description).toBe(issue.description);
    });

    it('Salesforce outgoing sends every comment and the description as HTML', () => {
      expect((fromSalesforce.comments as unknown[]).length).toBe(COMMENTS);
      expect((fromSalesforce.description as string).length).toBeGreaterThan(MIB);
    });

    it('Jira incoming applies every comment and the description', () => {
      const result = run('jira', 'incoming', { entity: issue, replica: fromSalesforce }, engine);
      expect((output(result).comments as unknown[]).length).toBe(COMMENTS);
      expect(output(result).description).toBe(fromSalesforce.description);
    });

    it('Salesforce incoming applies every comment and the description as text', () => {
      const result = run('salesforce', 'incoming', { entity: sfCase, replica: fromJira }, engine);
      expect((output(result).comments as unknown[]).length).toBe(COMMENTS);
      expect((output(result).Description as string).length).toBeGreaterThan(MIB / 2);
    });
  },
);
