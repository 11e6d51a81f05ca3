import { peekMessageKind } from './peek-message-kind';

describe('peekMessageKind', () => {
  it('reads the kind an envelope claims, without verifying it', () => {
    expect(peekMessageKind({ headers: {}, body: '{"kind":"hello","v":1}' })).toBe('hello');
  });

  it('gives null for a body that is not JSON or claims no known kind', () => {
    expect(peekMessageKind({ headers: {}, body: 'hello' })).toBeNull();
    expect(peekMessageKind({ headers: {}, body: '{"kind":"merge"}' })).toBeNull();
  });
});
