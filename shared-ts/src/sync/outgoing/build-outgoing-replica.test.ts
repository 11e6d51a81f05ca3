import type { RuleInputs } from '../../rules/runtime/types';
import { buildOutgoingReplica, type OutgoingBuildInput } from './build-outgoing-replica';
import { createLink } from '../links/create-link';
import { fakeRulesEngine } from '../testing/fake-rules-engine';
import { TIMED_FIELDS } from '../../replica';
import { stampsOf } from './stamp-fields';
import { caseOf, replicaOf, SALESFORCE_CASE } from '../testing/fixtures';

const NOW = '2026-11-20T10:00:00.000Z';

const mapping = fakeRulesEngine({
  outgoing: ({ entity }: RuleInputs) => ({ summary: entity?.Subject, comments: entity?.comments ?? [] }),
});

function build(overrides: Partial<OutgoingBuildInput> = {}) {
  return buildOutgoingReplica({
    link: createLink('conn-1', SALESFORCE_CASE),
    local: caseOf({ Subject: 'Printer on fire', comments: [] }),
    rules: { side: 'salesforce', script: 'fake' },
    runRules: mapping,
    now: NOW,
    ...overrides,
  });
}

describe('buildOutgoingReplica', () => {
  it('builds the replica the outgoing rules write, starting from an empty one', () => {
    const result = build();
    expect(result).toEqual({
      ok: true,
      content: {
        schema: 2,
        entity: SALESFORCE_CASE,
        summary: 'Printer on fire',
        description: null,
        status: null,
        priority: null,
        labels: [],
        assignee: null,
        reporter: null,
        created: null,
        updated: null,
        due: null,
        resolution: null,
        type: null,
        project: null,
        parent: null,
        custom: {},
        comments: [],
        attachments: [],
        // The first build: every field changed, at the entity's modifiedAt.
        fieldTimes: Object.fromEntries(TIMED_FIELDS.map((name) => [`/${name}`, '2026-11-20T08:00:00.000Z'])),
      },
    });
  });

  it('keeps the time of a field whose value is unchanged since the last build, and stamps a changed one', () => {
    const first = build();
    if (!first.ok) throw new Error('no build');
    const link = {
      ...createLink('conn-1', SALESFORCE_CASE),
      outgoing: { ...createLink('conn-1', SALESFORCE_CASE).outgoing, fields: stampsOf(first.content) },
    };
    const second = build({
      link,
      local: caseOf(
        { Subject: 'Printer fixed', Status: 'x', comments: [] },
        { modifiedAt: '2026-11-20T08:30:00Z' },
      ),
    });
    expect(second.ok && second.content.fieldTimes).toMatchObject({
      '/summary': '2026-11-20T08:30:00.000Z',
      '/status': '2026-11-20T08:00:00.000Z',
    });
  });

  it('gives a changed field no time when modifiedAt is not in the replica format (an offset)', () => {
    const first = build();
    if (!first.ok) throw new Error('no build');
    const link = {
      ...createLink('conn-1', SALESFORCE_CASE),
      outgoing: { ...createLink('conn-1', SALESFORCE_CASE).outgoing, fields: stampsOf(first.content) },
    };
    const second = build({
      link,
      local: caseOf(
        { Subject: 'Printer fixed', Status: 'x', comments: [] },
        { modifiedAt: '2026-11-20T09:30:00+01:00' },
      ),
    });
    if (!second.ok) throw new Error('no build');
    expect(second.content.fieldTimes).not.toHaveProperty('/summary');
    expect(second.content.fieldTimes).toHaveProperty('/status', '2026-11-20T08:00:00.000Z');
  });

  it("gives a field that changed to the value of the replica just applied that replica's time for it", () => {
    const adopted = {
      ...replicaOf({ summary: 'Printer on fire' }),
      schema: 2 as const,
      fieldTimes: { '/summary': '2026-11-19T07:00:00.000Z' },
    };
    const result = build({ adopted });
    expect(result.ok && result.content.fieldTimes?.['/summary']).toBe('2026-11-19T07:00:00.000Z');
    expect(result.ok && result.content.fieldTimes?.['/status']).toBe('2026-11-20T08:00:00.000Z');
  });

  it('never sends back the comment copies the apply created', () => {
    const link = { ...createLink('conn-1', SALESFORCE_CASE), comments: [{ remote: 'j-1', local: 'L1' }] };
    const local = caseOf({
      Subject: 'x',
      comments: [
        { id: 'L1', body: 'copy' },
        { id: 'L2', body: 'native' },
      ],
    });
    const result = build({ link, local });
    expect(result.ok && result.content.comments).toEqual([{ id: 'L2', body: 'native' }]);
  });

  it('keeps schema and entity the engine own, whatever the rules wrote', () => {
    const spoofing = fakeRulesEngine({
      outgoing: () => ({ schema: 9, entity: { id: 'other' }, seq: 99, hash: 'x' }),
    });
    const result = build({ runRules: spoofing });
    expect(result.ok && result.content.schema).toBe(2);
    expect(result.ok && result.content.entity).toEqual(SALESFORCE_CASE);
    expect(result.ok && 'seq' in result.content).toBe(false);
    expect(result.ok && 'hash' in result.content).toBe(false);
  });

  it('tells the rules whether this is the first replica of the entity', () => {
    const seen: RuleInputs[] = [];
    const spy = fakeRulesEngine({ outgoing: (inputs) => (seen.push(inputs), {}) });
    build({ runRules: spy });
    const sent = createLink('conn-1', SALESFORCE_CASE);
    sent.outgoing.seq = 3;
    build({ runRules: spy, link: sent, connection: { name: 'Support' } });
    expect(seen.map((inputs) => inputs.firstSync)).toEqual([true, false]);
    expect(seen[1]?.connection).toEqual({ name: 'Support' });
    expect(seen[0]?.now).toBe(NOW);
  });

  it('fails with the location when the outgoing rules fail', () => {
    const failing = fakeRulesEngine({
      outgoing: () => ({ error: { code: 'unknown-variable', message: 'isue', line: 2, column: 1 } }),
    });
    expect(build({ runRules: failing })).toEqual({
      ok: false,
      error: {
        code: 'rule-error',
        message: 'The outgoing rules failed at line 2, column 1: isue (unknown-variable).',
      },
    });
  });
});
