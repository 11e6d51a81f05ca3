import { valueAtPath } from './value-at-path';

describe('valueAtPath', () => {
  const view = { Subject: 'Printer', Account: { Name: 'Acme' }, customFields: { 'Sales Region': 'EMEA' } };

  it('reads a top-level member', () => {
    expect(valueAtPath(view, ['Subject'])).toBe('Printer');
  });

  it('reads a nested member, spaces in names included', () => {
    expect(valueAtPath(view, ['Account', 'Name'])).toBe('Acme');
    expect(valueAtPath(view, ['customFields', 'Sales Region'])).toBe('EMEA');
  });

  it('gives null for a missing member or a step through a non-object', () => {
    expect(valueAtPath(view, ['Status'])).toBeNull();
    expect(valueAtPath(view, ['Subject', 'length'])).toBeNull();
    expect(valueAtPath(view, ['Owner', 'Email'])).toBeNull();
  });

  it('gives the root for an empty path', () => {
    expect(valueAtPath(view, [])).toBe(view);
  });
});
