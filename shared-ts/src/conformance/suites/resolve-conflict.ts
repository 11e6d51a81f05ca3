/**
 * Vectors of conflict resolution with times, as the incoming apply settles one conflicting field:
 * the effective policy (`effectiveConflictPolicy`), the two times compared (`fieldTimesAt` for a
 * Replica v2, the entity times for a v1) and the winner (`resolveConflict`).
 */
import type { EntityRef, FieldTimes } from '../../replica';
import { fieldTimesAt } from '../../sync/outgoing/field-times-at';
import { effectiveConflictPolicy, resolveConflict } from '../../sync/incoming/resolve-conflict';
import type { ConflictPolicy } from '../../sync/model/sync-policy';
import type { VectorSuite } from '../vector-suite';
import { CASE, ISSUE } from './sync-fixtures';

/**
 * The input of one vector. `remoteTimes` is the replica's `fieldTimes` (null for a Replica v1,
 * which compares `remoteUpdated` with `localModifiedAt`); `reads` the replica paths the incoming
 * write of the field reads (`[[]]` the whole replica, null when unknown).
 */
export interface ConflictInput {
  policy: ConflictPolicy;
  senderPolicy: ConflictPolicy | null;
  reads: string[][] | null;
  remoteTimes: FieldTimes | null;
  localTimes: FieldTimes;
  remoteUpdated: string | null;
  localModifiedAt: string | null;
  remote: EntityRef;
  local: EntityRef;
}

function v1(
  remoteUpdated: string | null,
  localModifiedAt: string | null,
  policy: ConflictPolicy = 'newest-wins',
): ConflictInput {
  return {
    policy,
    senderPolicy: null,
    reads: null,
    remoteTimes: null,
    localTimes: {},
    remoteUpdated,
    localModifiedAt,
    remote: ISSUE,
    local: CASE,
  };
}

function v2(
  reads: string[][] | null,
  remoteTimes: FieldTimes,
  localTimes: FieldTimes,
  overrides: Partial<ConflictInput> = {},
): ConflictInput {
  return {
    ...v1('2026-11-20T09:00:00.000Z', '2026-11-20T09:00:00.000Z'),
    reads,
    remoteTimes,
    localTimes,
    ...overrides,
  };
}

const EARLY = '2026-11-20T08:00:00.000Z';
const LATE = '2026-11-20T11:00:00.000Z';

/** The resolve-conflict vector set: `expected` is `{ policy, reason, times, winner }`. */
export const resolveConflictSuite: VectorSuite<ConflictInput> = {
  folder: 'resolve-conflict',
  run: (i) => {
    const settle = effectiveConflictPolicy(i.policy, i.senderPolicy ?? undefined);
    const times = i.remoteTimes
      ? fieldTimesAt(i.reads, i.remoteTimes, i.localTimes)
      : { remote: i.remoteUpdated, local: i.localModifiedAt };
    const winner = resolveConflict({
      policy: settle.policy,
      remoteUpdated: times.remote,
      localModifiedAt: times.local,
      remote: i.remote,
      local: i.local,
    });
    return {
      policy: settle.policy,
      reason: settle.reason ?? null,
      times: i.remoteTimes ? times : null,
      winner,
    };
  },
  cases: [
    {
      name: 'remote-wins',
      description: 'remote-wins keeps the remote value whatever the times.',
      input: v1(EARLY, LATE, 'remote-wins'),
    },
    {
      name: 'local-wins',
      description: 'local-wins keeps the local value whatever the times.',
      input: v1(LATE, EARLY, 'local-wins'),
    },
    {
      name: 'both-remote-wins-fall-back-to-newest-wins',
      description: 'Both sides remote-wins: settled by newest-wins, with the reason.',
      input: { ...v1(EARLY, LATE, 'remote-wins'), senderPolicy: 'remote-wins' },
    },
    {
      name: 'both-local-wins-fall-back-to-newest-wins',
      description: 'Both sides local-wins: settled by newest-wins, with the reason.',
      input: { ...v1(LATE, EARLY, 'local-wins'), senderPolicy: 'local-wins' },
    },
    {
      name: 'remote-wins-with-a-local-wins-sender-keeps-its-policy',
      description: 'Different policies on the two sides: this side keeps its own.',
      input: { ...v1(EARLY, LATE, 'remote-wins'), senderPolicy: 'local-wins' },
    },
    {
      name: 'both-newest-wins-records-no-fallback',
      description: 'Both newest-wins is no fallback: no reason.',
      input: { ...v1(LATE, EARLY), senderPolicy: 'newest-wins' },
    },
    {
      name: 'v1-remote-changed-last',
      description: 'Replica v1: the later remote updated wins.',
      input: v1(LATE, EARLY),
    },
    {
      name: 'v1-local-changed-last',
      description: 'Replica v1: the later local modifiedAt wins.',
      input: v1(EARLY, LATE),
    },
    {
      name: 'v1-tie-goes-to-the-entity-that-sorts-first',
      description:
        'Equal instants: "jira:issue:10001" sorts before "salesforce:Case:500A", so the remote wins.',
      input: v1(LATE, LATE),
    },
    {
      name: 'v1-tie-on-the-jira-side-keeps-jira',
      description: 'Seen from Jira the local entity sorts first: the local value stays.',
      input: { ...v1(LATE, LATE), remote: CASE, local: ISSUE },
    },
    {
      name: 'v1-equal-instants-written-differently-tie',
      description: '11:00:00Z and 11:00:00.000Z are the same instant: a tie.',
      input: { ...v1('2026-11-20T11:00:00Z', LATE), remote: CASE, local: ISSUE },
    },
    {
      name: 'v1-compares-instants-not-text',
      description: '11:30:00Z sorts after 11:30:00.500Z as text, but is earlier: the local value stays.',
      input: v1('2026-11-20T11:30:00Z', '2026-11-20T11:30:00.500Z'),
    },
    {
      name: 'v1-nanosecond-digits-read-to-the-millisecond',
      description: 'Fractions are read to the millisecond: .1239 and .123 are equal, a tie.',
      input: { ...v1('2026-11-20T11:30:00.1239Z', '2026-11-20T11:30:00.123Z'), remote: CASE, local: ISSUE },
    },
    {
      name: 'v1-unknown-remote-time-uses-the-tie-rule',
      description: 'An unknown remote time is a tie.',
      input: v1(null, EARLY),
    },
    {
      name: 'v1-unknown-local-time-uses-the-tie-rule',
      description: 'An unknown local time is a tie (seen from Jira: the local value stays).',
      input: { ...v1(LATE, null), remote: CASE, local: ISSUE },
    },
    {
      name: 'v1-offset-time-is-unknown',
      description:
        'A time with an offset is not the replica format: unknown, so a tie (not 09:00Z, which is earlier).',
      input: { ...v1('2026-11-20T11:00:00+02:00', LATE), remote: CASE, local: ISSUE },
    },
    {
      name: 'v1-time-without-zone-is-unknown',
      description: 'A time without Z is unknown: a tie.',
      input: { ...v1('2026-11-20T12:00:00', EARLY), remote: CASE, local: ISSUE },
    },
    {
      name: 'v1-date-only-is-unknown',
      description: 'A bare date is not a time: a tie.',
      input: { ...v1('2026-11-21', EARLY), remote: CASE, local: ISSUE },
    },
    {
      name: 'v1-impossible-day-is-unknown',
      description: 'February 30th does not exist: a tie (Date.parse would roll it into March).',
      input: { ...v1('2026-02-30T10:00:00.000Z', EARLY), remote: CASE, local: ISSUE },
    },
    {
      name: 'v1-hour-24-is-unknown',
      description: '24:00:00 is not a replica time: a tie.',
      input: { ...v1('2026-11-20T24:00:00.000Z', EARLY), remote: CASE, local: ISSUE },
    },
    {
      name: 'v1-lowercase-z-is-unknown',
      description: 'A lowercase z is not the replica format: a tie.',
      input: { ...v1('2026-11-20T11:00:00.000z', EARLY), remote: CASE, local: ISSUE },
    },
    {
      name: 'v2-compares-the-field-not-the-entity',
      description:
        'Replica v2: the remote summary changed at 11:00, the local at 08:00; the entity times are ignored.',
      input: v2([['summary']], { '/summary': LATE }, { '/summary': EARLY }, { localModifiedAt: LATE }),
    },
    {
      name: 'v2-newest-of-the-fields-read',
      description: 'A field computed from summary and status compares the newest time of both on each side.',
      input: v2(
        [['summary'], ['status']],
        { '/summary': EARLY, '/status': '2026-11-20T10:00:00.000Z' },
        { '/summary': '2026-11-20T10:30:00.000Z', '/priority': LATE },
      ),
    },
    {
      name: 'v2-custom-field-read',
      description: 'A read of one custom field compares that field only.',
      input: v2(
        [['custom', 'Region']],
        { '/custom/Region': LATE, '/summary': EARLY },
        { '/custom/Region': EARLY },
      ),
    },
    {
      name: 'v2-all-custom-fields',
      description: 'A read of the whole custom object compares the newest custom field time.',
      input: v2(
        [['custom']],
        { '/custom/A': EARLY, '/custom/B': LATE },
        { '/custom/A': '2026-11-20T10:00:00.000Z' },
      ),
    },
    {
      name: 'v2-whole-replica-read',
      description: 'A read of the whole replica compares the newest of all fields.',
      input: v2([[]], { '/summary': EARLY, '/custom/A': LATE }, { '/status': '2026-11-20T10:00:00.000Z' }),
    },
    {
      name: 'v2-unknown-reads-compare-every-field',
      description: 'When the script does not check, every field is compared.',
      input: v2(null, { '/due': '2026-11-20T10:00:00.000Z' }, { '/labels': LATE }),
    },
    {
      name: 'v2-reads-nothing-timed-is-a-tie',
      description: 'A field computed from untimed paths has no time on either side: a tie.',
      input: v2([['comments']], { '/summary': LATE }, { '/summary': EARLY }),
    },
    {
      name: 'v2-field-without-a-remote-time-is-a-tie',
      description: 'The remote has no time for the field read: a tie.',
      input: v2([['summary']], {}, { '/summary': EARLY }),
    },
    {
      name: 'v2-invalid-remote-time-is-skipped',
      description: 'A remote time not in the replica format is skipped; the valid one is compared.',
      input: v2(
        [['summary'], ['status']],
        { '/summary': '2026-11-20T23:00:00+01:00', '/status': EARLY },
        { '/summary': '2026-11-20T10:00:00.000Z' },
      ),
    },
  ],
};
