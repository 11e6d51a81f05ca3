import { adfSchemaErrors } from './adf-schema';

const doc = (...content: unknown[]): unknown => ({ version: 1, type: 'doc', content });

describe('adfSchemaErrors (the check the converter tests rely on)', () => {
  it('accepts a valid document', () => {
    expect(adfSchemaErrors(doc({ type: 'paragraph', content: [{ type: 'text', text: 'x' }] }))).toEqual([]);
  });

  it.each([
    [
      'a heading inside a quote',
      doc({ type: 'blockquote', content: [{ type: 'heading', attrs: { level: 1 } }] }),
    ],
    [
      'code with another mark',
      doc({
        type: 'paragraph',
        content: [{ type: 'text', text: 'x', marks: [{ type: 'code' }, { type: 'strong' }] }],
      }),
    ],
    ['empty text', doc({ type: 'paragraph', content: [{ type: 'text', text: '' }] })],
    ['a list without items', doc({ type: 'bulletList', content: [] })],
    [
      'a table inside a table cell',
      doc({
        type: 'table',
        content: [
          { type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'table', content: [] }] }] },
        ],
      }),
    ],
  ])('refuses %s, as Jira does', (_name, adf) => {
    expect(adfSchemaErrors(adf)).not.toEqual([]);
  });
});
