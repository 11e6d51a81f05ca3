import { createLink } from './create-link';

describe('createLink', () => {
  const local = { platform: 'salesforce', type: 'Case', id: '500A' };

  it('starts active with nothing sent, nothing applied, empty id maps and never stored (version 0)', () => {
    expect(createLink('conn-1', local)).toEqual({
      format: 2,
      connectionId: 'conn-1',
      local,
      remote: null,
      state: 'active',
      incoming: { seq: 0, acked: 0, baseline: [] },
      outgoing: { seq: 0, lastSentHash: null, unacked: [], delivered: 0, fields: {} },
      comments: [],
      attachments: [],
      lastSyncAt: null,
      version: 0,
    });
  });

  it('records the remote entity when it is already known', () => {
    const remote = { platform: 'jira', type: 'issue', id: '10001', key: 'SUP-1' };
    expect(createLink('conn-1', local, remote).remote).toBe(remote);
  });
});
