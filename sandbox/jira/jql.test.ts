import { compileJql, parseJqlDate, type JqlIssue } from './jql';

const NOW = Date.UTC(2026, 11, 3, 12);
const issue = (over: Partial<JqlIssue> = {}): JqlIssue => ({
  id: '10001',
  key: 'SUP-1',
  project: 'SUP',
  issueType: 'Task',
  status: 'In Progress',
  statusCategory: 'In Progress',
  labels: ['vip'],
  updated: NOW - 3_600_000,
  created: NOW - 86_400_000,
  text: { summary: 'Printer on fire', description: 'smoke everywhere', comments: '' },
  properties: new Map([['tandem', { linked: true, case: '00001026' }]]),
  ...over,
});

function matches(jql: string, subject: JqlIssue = issue()): boolean {
  const compiled = compileJql(jql, () => NOW);
  if (!compiled.ok) throw new Error(compiled.errors.join('; '));
  return compiled.matches(subject);
}

describe('the stand-in JQL evaluator', () => {
  it('matches project, key, type, status and labels case-insensitively where Jira does', () => {
    expect(matches('project = sup AND issuetype = Task AND status = "in progress" AND labels = vip')).toBe(
      true,
    );
    expect(matches('key = SUP-2')).toBe(false);
    expect(matches('issue in (SUP-1, SUP-9)')).toBe(true);
  });

  it('combines clauses with AND, OR, NOT and parentheses', () => {
    expect(matches('project = OPS OR (labels = vip AND NOT status = Done)')).toBe(true);
    expect(matches('NOT labels = vip')).toBe(false);
    expect(matches('labels not in (vip)')).toBe(false);
  });

  it('compares updated against relative and absolute dates', () => {
    expect(matches('updated >= -2h')).toBe(true);
    expect(matches('updated >= -30m')).toBe(false);
    expect(matches('updated >= "2026-12-03 11:00"')).toBe(true);
    expect(matches('created < "2026-12-03"')).toBe(true);
  });

  it('finds words with ~ in summary, description and text', () => {
    expect(matches('summary ~ printer')).toBe(true);
    expect(matches('text ~ "smoke"')).toBe(true);
    expect(matches('description ~ printer')).toBe(false);
  });

  it('reads issue entity properties', () => {
    expect(matches('issue.property[tandem].linked = "true"')).toBe(true);
    expect(matches('issue.property[tandem].case = "00001026"')).toBe(true);
    expect(matches('issue.property[tandem].linked = "true"', issue({ properties: new Map() }))).toBe(false);
  });

  it('reports syntax errors with a position instead of throwing', () => {
    const compiled = compileJql('project = = SUP');
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.errors[0]).toMatch(/line 1, character \d+/);
  });

  it('refuses clauses it cannot evaluate rather than ignoring them', () => {
    const compiled = compileJql('status was Done');
    expect(compiled).toEqual({ ok: false, errors: [expect.stringMatching(/does not evaluate/)] });
    expect(compileJql('nosuchfield = 1')).toEqual({
      ok: false,
      errors: [expect.stringMatching(/does not exist/)],
    });
  });

  it('bounds the query length and nesting', () => {
    expect(compileJql('('.repeat(41) + 'project = SUP' + ')'.repeat(41)).ok).toBe(false);
    expect(compileJql('x'.repeat(10_001)).ok).toBe(false);
    expect(compileJql('('.repeat(40) + 'project = SUP' + ')'.repeat(40)).ok).toBe(true);
  });

  it('parses dates it knows and nothing else', () => {
    expect(parseJqlDate('-1d', () => NOW)).toBe(NOW - 86_400_000);
    expect(parseJqlDate('yesterday', () => NOW)).toBeNull();
  });
});
