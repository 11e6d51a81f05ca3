import { writtenValueMatches } from './written-value-matches';

describe('writtenValueMatches', () => {
  it('matches equal JSON values', () => {
    expect(writtenValueMatches({ a: [1] }, { a: [1] })).toBe(true);
    expect(writtenValueMatches('x', 'y')).toBe(false);
  });

  it('matches a written name against a named object read back', () => {
    expect(writtenValueMatches('Done', { name: 'Done', category: 'done' })).toBe(true);
    expect(writtenValueMatches('Done', { name: 'To Do', category: 'new' })).toBe(false);
  });

  it('does not match a name against a list or a nameless object', () => {
    expect(writtenValueMatches('Done', ['Done'])).toBe(false);
    expect(writtenValueMatches('Done', { value: 'Done' })).toBe(false);
  });
});
