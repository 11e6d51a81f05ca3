import { SalesforceOrg, salesforceTime } from './model';
import { compileWhereClause, MAX_WHERE_DEPTH, runQuery } from './soql';

const NOW = Date.UTC(2026, 11, 3, 12);
const DAY = 86_400_000;

function org(): SalesforceOrg {
  let at = NOW - 10 * DAY;
  const made = new SalesforceOrg({ now: () => at });
  const cases: [string, string, string | null][] = [
    ['Printer broken', 'High', 'Web'],
    ['printer jammed', 'Low', null],
    ['Mouse 50% off', 'Medium', 'Email'],
    ['Keyboard', 'Low', 'Phone'],
  ];
  for (const [Subject, Priority, Origin] of cases) {
    made.insert('Case', { Subject, Priority, Origin });
    at += 3 * DAY;
  }
  return made;
}

function subjects(soql: string, source = org()): string[] {
  const result = runQuery(source, soql, '67.0', NOW);
  if (!result.ok) throw new Error(`${result.error.errorCode}: ${result.error.message}`);
  return result.value.records.map((r) => String(r.Subject));
}

describe('SOQL on the stand-in', () => {
  it('compares text case-insensitively with = and LIKE, and honours \\% as a literal percent', () => {
    expect(subjects("SELECT Subject FROM Case WHERE Subject = 'PRINTER BROKEN'")).toEqual(['Printer broken']);
    expect(subjects("SELECT Subject FROM Case WHERE Subject LIKE 'printer%' ORDER BY Subject")).toEqual([
      'Printer broken',
      'printer jammed',
    ]);
    expect(subjects("SELECT Subject FROM Case WHERE Subject LIKE '%50\\% off'")).toEqual(['Mouse 50% off']);
    expect(subjects("SELECT Subject FROM Case WHERE Subject LIKE 'K_yboard'")).toEqual(['Keyboard']);
  });

  it('follows parentheses, AND before OR, and NOT', () => {
    const all =
      "SELECT Subject FROM Case WHERE Priority = 'Low' OR Priority = 'High' AND Origin = 'Phone' ORDER BY Subject";
    expect(subjects(all)).toEqual(['Keyboard', 'printer jammed']);
    const grouped =
      "SELECT Subject FROM Case WHERE (Priority = 'Low' OR Priority = 'High') AND Origin = 'Web' ORDER BY Subject";
    expect(subjects(grouped)).toEqual(['Printer broken']);
    expect(subjects("SELECT Subject FROM Case WHERE NOT (Priority = 'Low' OR Origin = 'Web')")).toEqual([
      'Mouse 50% off',
    ]);
  });

  it('treats null as SOQL does: = null, != null, and != a value keeps nulls', () => {
    expect(subjects('SELECT Subject FROM Case WHERE Origin = null')).toEqual(['printer jammed']);
    expect(subjects("SELECT Subject FROM Case WHERE Origin != 'Web' ORDER BY Subject")).toEqual([
      'Keyboard',
      'Mouse 50% off',
      'printer jammed',
    ]);
    expect(subjects("SELECT Subject FROM Case WHERE Origin IN ('Web', 'Email') ORDER BY Subject")).toEqual([
      'Mouse 50% off',
      'Printer broken',
    ]);
    expect(
      subjects("SELECT Subject FROM Case WHERE Origin NOT IN ('Web') ORDER BY Origin NULLS LAST"),
    ).toEqual(['Mouse 50% off', 'Keyboard', 'printer jammed']);
  });

  it('compares date-times with literals, dates and relative date literals', () => {
    const since = salesforceTime(NOW - 5 * DAY).replace('.000+0000', 'Z');
    expect(subjects(`SELECT Subject FROM Case WHERE CreatedDate > ${since} ORDER BY CreatedDate`)).toEqual([
      'Mouse 50% off',
      'Keyboard',
    ]);
    expect(subjects('SELECT Subject FROM Case WHERE CreatedDate = 2026-11-26')).toEqual(['printer jammed']);
    expect(subjects('SELECT Subject FROM Case WHERE CreatedDate = LAST_N_DAYS:2')).toEqual(['Keyboard']);
    expect(
      subjects('SELECT Subject FROM Case WHERE CreatedDate < YESTERDAY ORDER BY CreatedDate DESC LIMIT 1'),
    ).toEqual(['Mouse 50% off']);
  });

  it('orders, limits and offsets', () => {
    expect(subjects('SELECT Subject FROM Case ORDER BY CreatedDate DESC LIMIT 2 OFFSET 1')).toEqual([
      'Mouse 50% off',
      'printer jammed',
    ]);
  });

  it('selects parent fields as nested records, and matches on them', () => {
    const source = org();
    const parent = source.all('Case')[0]?.fields.Id as string;
    source.insert('CaseComment', { ParentId: parent, CommentBody: 'first' });
    const result = runQuery(
      source,
      "SELECT CommentBody, Parent.Subject FROM CaseComment WHERE Parent.Priority = 'High'",
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        totalSize: 1,
        records: [
          { CommentBody: 'first', Parent: { attributes: { type: 'Case' }, Subject: 'Printer broken' } },
        ],
      },
    });
  });

  it('refuses what it does not evaluate rather than guessing', () => {
    const code = (soql: string) => {
      const result = runQuery(org(), soql);
      return result.ok ? 'ok' : result.error.errorCode;
    };
    expect(code('SELECT Owner.Manager.Name FROM Case')).toBe('MALFORMED_QUERY');
    expect(code('SELECT Id FROM Case WHERE CALENDAR_YEAR(CreatedDate) = 2026')).toBe('MALFORMED_QUERY');
    expect(code('SELECT Id FROM Case WHERE Id IN (SELECT ParentId FROM CaseComment)')).toBe(
      'MALFORMED_QUERY',
    );
    expect(code('SELECT Id FROM Case WHERE CreatedDate = THIS_FISCAL_QUARTER')).toBe('MALFORMED_QUERY');
    expect(code('SELECT Id FROM Case WHERE IsClosed = 1')).toBe('INVALID_FIELD');
    expect(code("SELECT Id FROM Case WHERE Id = 'nope'")).toBe('INVALID_FIELD');
    expect(code('SELECT Id, Id FROM Case')).toBe('MALFORMED_QUERY');
    expect(code('SELECT Id FROM Case OFFSET 2001')).toBe('NUMBER_OUTSIDE_VALID_RANGE');
  });

  it('caps the nesting of a WHERE clause', () => {
    const nested = (depth: number) =>
      `${Array.from({ length: depth }, (_, i) => `(Subject = 'n${i}' OR `).join('')}Subject = 'Keyboard'${')'.repeat(depth)}`;
    const result = runQuery(org(), `SELECT Id FROM Case WHERE ${nested(MAX_WHERE_DEPTH + 1)}`);
    expect(result).toMatchObject({ ok: false, error: { errorCode: 'MALFORMED_QUERY' } });
    expect(subjects(`SELECT Subject FROM Case WHERE ${nested(10)}`)).toEqual(['Keyboard']);
  });

  it('stops a query whose LIKE matching would need more work than the budget, with QUERY_TOO_COMPLICATED', () => {
    const source = org();
    source.insert('Case', { Description: 'a'.repeat(32_000) });
    const pattern = `%${'a'.repeat(19_000)}b`;
    const result = runQuery(source, `SELECT Id FROM Case WHERE Description LIKE '${pattern}'`);
    expect(result).toMatchObject({ ok: false, error: { errorCode: 'QUERY_TOO_COMPLICATED' } });
  });

  it('gives a trigger clause as a predicate per record', () => {
    const source = org();
    const predicate = compileWhereClause('Case', "Priority = 'Low' AND Origin != null");
    if (!predicate.ok) throw new Error(predicate.error.message);
    expect(
      source
        .all('Case')
        .filter((r) => predicate.value(source, r))
        .map((r) => r.fields.Subject),
    ).toEqual(['Keyboard']);
    expect(compileWhereClause('Case', "Priority = 'Low' AND")).toMatchObject({
      ok: false,
      error: { errorCode: 'MALFORMED_QUERY' },
    });
  });
});
