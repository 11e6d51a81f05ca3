import { DEFAULT_MAPPINGS } from './defaults';
import type { MappingRow, MappingTable } from './mapping-table';
import { validateMapping, type MappingProblem } from './validate-mapping';

function problemsOf(rows: unknown[], side: 'jira' | 'salesforce' = 'salesforce'): MappingProblem[] {
  return validateMapping({ rows } as MappingTable, side);
}

function errorsOf(rows: unknown[], side: 'jira' | 'salesforce' = 'salesforce'): MappingProblem[] {
  return problemsOf(rows, side).filter((problem) => problem.severity === 'error');
}

const subject: MappingRow = { local: 'Subject', remote: 'summary', direction: 'both' };

describe('validateMapping', () => {
  it('finds nothing wrong with the default tables of either side', () => {
    expect(validateMapping(DEFAULT_MAPPINGS.jira, 'jira')).toEqual([]);
    expect(validateMapping(DEFAULT_MAPPINGS.salesforce, 'salesforce')).toEqual([]);
  });

  it('refuses something that is not a table', () => {
    expect(validateMapping({} as MappingTable, 'jira')).toEqual([
      expect.objectContaining({ code: 'not-a-table', row: null }),
    ]);
  });

  it('names the row and column of an empty local field', () => {
    expect(errorsOf([subject, { local: '  ', remote: 'status', direction: 'both' }])).toEqual([
      {
        severity: 'error',
        code: 'empty-field',
        row: 1,
        column: 'local',
        message: 'Row 2: the local field is empty.',
      },
    ]);
  });

  it('names a missing remote field', () => {
    expect(errorsOf([{ local: 'Subject', direction: 'both' }])).toEqual([
      expect.objectContaining({
        code: 'empty-field',
        column: 'remote',
        message: 'Row 1: the remote (replica) field is empty.',
      }),
    ]);
  });

  it('quotes an unknown direction and lists the valid ones', () => {
    expect(errorsOf([{ local: 'Subject', remote: 'summary', direction: 'two-way' }])).toEqual([
      {
        severity: 'error',
        code: 'unknown-direction',
        row: 0,
        column: 'direction',
        message: 'Row 1: direction "two-way" is not one of both, to-remote, from-remote.',
      },
    ]);
  });

  it('says a missing direction is missing', () => {
    expect(errorsOf([{ local: 'Subject', remote: 'summary' }])[0]?.message).toBe(
      'Row 1: direction missing is not one of both, to-remote, from-remote.',
    );
  });

  it('reports every broken row, not only the first', () => {
    const errors = errorsOf([
      { local: '', remote: 'summary', direction: 'both' },
      subject,
      { local: 'Status', remote: 'status', direction: 'sideways' },
    ]);
    expect(errors.map((error) => [error.row, error.code])).toEqual([
      [0, 'empty-field'],
      [2, 'unknown-direction'],
    ]);
  });

  it('refuses a Salesforce field that is not an API name and suggests one', () => {
    expect(errorsOf([{ local: 'Sales Region', remote: 'Sales Region', direction: 'both' }])).toEqual([
      expect.objectContaining({
        code: 'invalid-field-name',
        column: 'local',
        message:
          'Row 1: "Sales Region" is not a Salesforce field API name: use letters, digits and underscores, like Sales_Region__c.',
      }),
    ]);
  });

  it('refuses field names the rules checker would refuse', () => {
    expect(errorsOf([{ local: 'constructor', remote: 'summary', direction: 'both' }], 'jira')).toEqual([
      expect.objectContaining({ code: 'invalid-field-name', column: 'local' }),
    ]);
    expect(errorsOf([{ local: 'Subject', remote: 'custom.__proto__', direction: 'both' }])).toEqual([
      expect.objectContaining({ code: 'invalid-field-name', column: 'remote' }),
    ]);
  });

  it('refuses replica members that Tandem fills in itself', () => {
    expect(errorsOf([{ local: 'Id', remote: 'seq', direction: 'to-remote' }])).toEqual([
      expect.objectContaining({ code: 'reserved-field', column: 'remote' }),
    ]);
  });

  it('refuses to write a read-only local field and says what to do instead', () => {
    expect(errorsOf([{ local: 'CaseNumber', remote: 'Case Number', direction: 'both' }])).toEqual([
      expect.objectContaining({
        code: 'read-only-field',
        message: 'Row 1: "CaseNumber" cannot be written on Salesforce; set direction to-remote.',
      }),
    ]);
    expect(errorsOf([{ local: 'Account.Name', remote: 'Account', direction: 'from-remote' }])).toEqual([
      expect.objectContaining({ code: 'read-only-field' }),
    ]);
  });

  it('accepts a read-only local field sent one way', () => {
    expect(problemsOf([{ local: 'Account.Name', remote: 'Account', direction: 'to-remote' }])).toEqual([]);
  });

  it('points an issue type row at the first-sync setting', () => {
    expect(errorsOf([{ local: 'issueType', remote: 'type', direction: 'both' }], 'jira')[0]?.message).toBe(
      'Row 1: "issueType" cannot be written on Jira; a first sync chooses the type through create.typeName.',
    );
  });

  it('refuses a value map and a transform on the same row', () => {
    expect(
      errorsOf([
        {
          local: 'Description',
          remote: 'description',
          direction: 'both',
          transform: 'text<->html',
          values: { a: 'b' },
        },
      ]),
    ).toEqual([expect.objectContaining({ code: 'values-with-transform', column: 'values' })]);
  });

  it('refuses an unknown transform', () => {
    expect(
      errorsOf([{ local: 'Description', remote: 'description', direction: 'both', transform: 'markdown' }]),
    ).toEqual([
      expect.objectContaining({
        code: 'unknown-transform',
        message: 'Row 1: transform "markdown" is not one of text<->html, html<->text.',
      }),
    ]);
  });

  it('refuses a value that maps to nothing', () => {
    expect(errorsOf([{ local: 'Status', remote: 'status', direction: 'both', values: { New: [] } }])).toEqual(
      [
        expect.objectContaining({
          code: 'invalid-values',
          message:
            'Row 1: the local value "New" must map to a remote value or a non-empty list of them, not a list.',
        }),
      ],
    );
  });

  it('refuses a value map key that rules cannot hold', () => {
    expect(
      errorsOf([{ local: 'Status', remote: 'status', direction: 'both', values: { New: 'constructor' } }]),
    ).toEqual([expect.objectContaining({ code: 'forbidden-value' })]);
  });

  it('accepts values with quotes, backslashes and line breaks', () => {
    expect(
      problemsOf([
        {
          local: 'Type',
          remote: 'Kind',
          direction: 'both',
          values: { 'Customer "VIP"': 'it\'s \\ "big"\nreally' },
        },
      ]),
    ).toEqual([]);
  });

  it('refuses a fallback without a value map', () => {
    expect(errorsOf([{ local: 'Status', remote: 'status', direction: 'both', fallback: 'New' }])).toEqual([
      expect.objectContaining({ code: 'fallback-without-values', column: 'fallback' }),
    ]);
  });

  it('refuses status categories on a row that is not about status', () => {
    expect(
      errorsOf([{ local: 'Priority', remote: 'priority', direction: 'both', categories: { High: 'done' } }]),
    ).toEqual([expect.objectContaining({ code: 'categories-not-status' })]);
  });

  it('refuses an unknown status category', () => {
    expect(
      errorsOf([{ local: 'Status', remote: 'status', direction: 'both', categories: { New: 'open' } }])[0]
        ?.message,
    ).toBe('Row 1: the status "New" has category "open"; use new, indeterminate or done.');
  });

  it('refuses mapping comments to a field', () => {
    expect(errorsOf([{ local: 'comments', remote: 'description', direction: 'both' }])).toEqual([
      expect.objectContaining({
        code: 'incompatible-fields',
        message: 'Row 1: comments can only be mapped to comments.',
      }),
    ]);
  });

  it('refuses a transform on comments, whose bodies are converted automatically', () => {
    expect(
      errorsOf([{ local: 'comments', remote: 'comments', direction: 'both', transform: 'text<->html' }]),
    ).toEqual([expect.objectContaining({ code: 'transform-not-allowed' })]);
  });

  it('refuses comment options on other rows', () => {
    expect(errorsOf([{ ...subject, attribution: false }])).toEqual([
      expect.objectContaining({ code: 'option-not-allowed', column: 'attribution' }),
    ]);
  });

  it('sends users one way only and points at the user-mapping recipe', () => {
    expect(errorsOf([{ local: 'assignee', remote: 'assignee', direction: 'both' }], 'jira')).toEqual([
      expect.objectContaining({ code: 'users-not-received', column: 'direction' }),
    ]);
    expect(problemsOf([{ local: 'Owner', remote: 'assignee', direction: 'to-remote' }])).toEqual([]);
  });

  it('refuses a user mapped to a text field', () => {
    expect(errorsOf([{ local: 'Owner', remote: 'summary', direction: 'to-remote' }])).toEqual([
      expect.objectContaining({ code: 'incompatible-fields' }),
    ]);
  });

  it('refuses a list mapped to a single name', () => {
    expect(errorsOf([{ local: 'labels', remote: 'status', direction: 'both' }], 'jira')).toEqual([
      expect.objectContaining({ code: 'incompatible-fields' }),
    ]);
  });

  it('refuses two rows that write the same local field', () => {
    expect(
      errorsOf([
        { local: 'Subject', remote: 'summary', direction: 'both' },
        { local: 'Subject', remote: 'Title', direction: 'from-remote' },
      ]),
    ).toEqual([
      expect.objectContaining({
        code: 'duplicate-target',
        row: 1,
        message:
          'Row 2: the local field "Subject" is already written by row 1; a field takes its value from one row.',
      }),
    ]);
  });

  it('refuses two rows that write the same replica field, however it is spelled', () => {
    expect(
      errorsOf(
        [
          { local: 'Sales Region', remote: 'Region', direction: 'to-remote' },
          { local: 'Territory', remote: 'custom.Region', direction: 'both' },
        ],
        'jira',
      ),
    ).toEqual([expect.objectContaining({ code: 'duplicate-target', row: 1, column: 'remote' })]);
  });

  it('allows one local field to be sent to two replica fields', () => {
    expect(
      problemsOf([
        { local: 'Subject', remote: 'summary', direction: 'to-remote' },
        { local: 'Subject', remote: 'Title', direction: 'to-remote' },
      ]),
    ).toEqual([]);
  });

  it('warns when plain text meets HTML without a transform', () => {
    expect(problemsOf([{ local: 'Description', remote: 'description', direction: 'both' }])).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'missing-transform', column: 'transform' }),
    ]);
  });

  it('warns when a Jira field name looks like a mis-cased standard field', () => {
    expect(problemsOf([{ local: 'Summary', remote: 'summary', direction: 'both' }], 'jira')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'custom-field-guess',
        message: 'Row 1: "Summary" is taken as a custom field; the standard field is spelled "summary".',
      }),
    ]);
  });

  it('refuses first-sync settings of the other side', () => {
    expect(validateMapping({ rows: [], create: { projectKey: 'SUP' } }, 'salesforce')).toEqual([
      expect.objectContaining({
        code: 'invalid-create',
        column: 'projectKey',
        message: 'create.projectKey does not apply on Salesforce; use entityType.',
      }),
    ]);
    expect(validateMapping({ rows: [], create: { typeName: '' } }, 'jira')).toEqual([
      expect.objectContaining({ code: 'invalid-create', column: 'typeName' }),
    ]);
  });
});
