import { signingInput } from './signing-input';

describe('signingInput', () => {
  it('puts the scheme, connection id, message id and timestamp on a line each, then the body verbatim', () => {
    expect(
      signingInput({
        connectionId: 'c1',
        messageId: '01JD7XKQ2M3N4P5Q6R7S8T9V0W',
        timestamp: '2026-11-20T10:00:00.000Z',
        body: '{"a":1}\n',
      }),
    ).toBe('TANDEM-HMAC-SHA256-V1\nc1\n01JD7XKQ2M3N4P5Q6R7S8T9V0W\n2026-11-20T10:00:00.000Z\n{"a":1}\n');
  });
});
