import { effectiveConflictPolicy, resolveConflict, type ConflictFacts } from './resolve-conflict';

const jira = { platform: 'jira', type: 'issue', id: '10001' };
const salesforce = { platform: 'salesforce', type: 'Case', id: '500A' };

function facts(overrides: Partial<ConflictFacts>): ConflictFacts {
  return {
    policy: 'newest-wins',
    remoteUpdated: '2026-11-20T10:00:00.000Z',
    localModifiedAt: '2026-11-20T09:00:00.000Z',
    remote: jira,
    local: salesforce,
    ...overrides,
  };
}

describe('resolveConflict', () => {
  it('keeps the remote value under remote-wins, whatever the times', () => {
    expect(resolveConflict(facts({ policy: 'remote-wins', remoteUpdated: '2020-01-01T00:00:00Z' }))).toBe(
      'remote',
    );
  });

  it('keeps the local value under local-wins, whatever the times', () => {
    expect(resolveConflict(facts({ policy: 'local-wins' }))).toBe('local');
  });

  it('keeps the remote value under newest-wins when the remote changed last', () => {
    expect(resolveConflict(facts({}))).toBe('remote');
  });

  it('keeps the local value under newest-wins when the local entity changed last', () => {
    expect(resolveConflict(facts({ localModifiedAt: '2026-11-20T11:00:00.000Z' }))).toBe('local');
  });

  it('compares instants, not strings, so precision does not matter', () => {
    expect(
      resolveConflict(
        facts({ remoteUpdated: '2026-11-20T10:30:00Z', localModifiedAt: '2026-11-20T10:30:00.500Z' }),
      ),
    ).toBe('local');
  });

  it.each([
    ['an offset', '2026-11-20T12:00:00+02:00'],
    ['no zone', '2026-11-20T12:00:00'],
    ['a lowercase z', '2026-11-20T12:00:00z'],
    ['a day that does not exist', '2026-02-30T12:00:00Z'],
    ['hour 24', '2026-11-20T24:00:00Z'],
    ['a bare date', '2026-11-21'],
    ['an RFC 2822 date', 'Fri, 20 Nov 2026 12:00:00 GMT'],
  ])('reads a time with %s as unknown, settled by the tie rule', (_what, time) => {
    // Seen from Jira, whose entity sorts first: unknown, the local value stays; read by Date.parse,
    // the remote would be the later one and win.
    const seenFromJira = { remote: salesforce, local: jira, localModifiedAt: '2026-01-01T00:00:00.000Z' };
    expect(resolveConflict(facts({ ...seenFromJira, remoteUpdated: time }))).toBe('local');
  });

  it('settles a tie the same way on both sides: the entity that sorts first wins', () => {
    const tie = '2026-11-20T10:00:00.000Z';
    const onSalesforce = resolveConflict(facts({ remoteUpdated: tie, localModifiedAt: tie }));
    const onJira = resolveConflict(
      facts({ remoteUpdated: tie, localModifiedAt: tie, remote: salesforce, local: jira }),
    );
    expect(onSalesforce).toBe('remote');
    expect(onJira).toBe('local');
  });

  it('falls back to the tie rule when a time is unknown or unreadable', () => {
    expect(resolveConflict(facts({ remoteUpdated: null }))).toBe('remote');
    expect(resolveConflict(facts({ localModifiedAt: 'yesterday', remote: salesforce, local: jira }))).toBe(
      'local',
    );
  });
});

describe('effectiveConflictPolicy', () => {
  it.each(['remote-wins', 'local-wins'] as const)(
    'falls back to newest-wins when both sides are %s, saying why',
    (policy) => {
      expect(effectiveConflictPolicy(policy, policy)).toEqual({
        policy: 'newest-wins',
        reason: `both sides are ${policy}`,
      });
    },
  );

  it.each([
    ['remote-wins', 'local-wins'],
    ['local-wins', 'remote-wins'],
    ['newest-wins', 'newest-wins'],
    ['remote-wins', 'newest-wins'],
    ['newest-wins', 'remote-wins'],
    ['remote-wins', undefined],
    ['local-wins', undefined],
  ] as const)('keeps this side %s when the sender is %s', (own, sender) => {
    expect(effectiveConflictPolicy(own, sender)).toEqual({ policy: own });
  });
});
