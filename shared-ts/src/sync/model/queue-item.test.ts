import { queueKey } from './queue-item';

describe('queueKey', () => {
  it('keys an entity by connection, type and id, in characters Forge KVS keys allow', () => {
    expect(queueKey('conn-1', { platform: 'jira', type: 'issue', id: '10001' })).toBe('conn-1:issue:10001');
  });
});
