import { negotiateSpeaks, THIS_NODE_SPEAKS, V1_PEER_SPEAKS } from './speaks';

describe('negotiateSpeaks', () => {
  it('agrees on what both list, and sends the highest versions both speak', () => {
    expect(
      negotiateSpeaks(
        { protocol: [1], replica: [1, 2], capabilities: ['batch-push', 'field-times'] },
        { protocol: [1, 2], replica: [2, 1, 3], capabilities: ['attachments-v1', 'batch-push'] },
      ),
    ).toEqual({
      ok: true,
      agreed: { protocol: [1], replica: [1, 2], capabilities: ['batch-push'] },
      protocol: 1,
      replica: 2,
    });
  });

  it('takes a peer that says nothing as a v1 node: replica format 1, no capabilities', () => {
    expect(negotiateSpeaks(THIS_NODE_SPEAKS, undefined)).toEqual({
      ok: true,
      agreed: V1_PEER_SPEAKS,
      protocol: 1,
      replica: 1,
    });
  });

  it('refuses with version-unsupported only when no replica format is common, naming both lists', () => {
    expect(
      negotiateSpeaks(
        { protocol: [1], replica: [2], capabilities: [] },
        { protocol: [1], replica: [1], capabilities: [] },
      ),
    ).toEqual({
      ok: false,
      error: {
        code: 'version-unsupported',
        message: 'No common replica format: this node reads 2, the other 1. Update the older node.',
      },
    });
  });

  it('refuses with version-unsupported when no protocol version is common', () => {
    expect(
      negotiateSpeaks(THIS_NODE_SPEAKS, { protocol: [2, 3], replica: [1, 2], capabilities: [] }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'version-unsupported',
        message: 'No common protocol version: this node speaks 1, the other 2, 3. Update the older node.',
      },
    });
  });
});
