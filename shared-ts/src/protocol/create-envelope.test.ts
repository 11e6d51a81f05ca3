import { createEnvelope } from './create-envelope';
import { CONNECTION_ID, MESSAGE_ID, T0, UNLINK_BODY } from './testing/fixtures';

describe('createEnvelope', () => {
  it('stamps a v1 envelope with its connection, id, kind and wire time', () => {
    expect(
      createEnvelope('unlink', UNLINK_BODY, {
        connectionId: CONNECTION_ID,
        messageId: MESSAGE_ID,
        sentAt: T0,
      }),
    ).toEqual({
      v: 1,
      connectionId: CONNECTION_ID,
      messageId: MESSAGE_ID,
      kind: 'unlink',
      sentAt: '2026-11-20T10:00:00.000Z',
      body: UNLINK_BODY,
    });
  });
});
