import { createLink } from '../links/create-link';
import type { Link } from '../model/link';
import { planOutgoingAfterApply, type OutgoingAfterApplyInput } from './plan-outgoing-after-apply';
import { stampsOf } from './stamp-fields';
import { JIRA_ISSUE, replicaOf, SALESFORCE_CASE } from '../testing/fixtures';

const { seq: _seq, hash: _hash, ...content } = replicaOf({ entity: SALESFORCE_CASE });

function applyLink(): Link {
  const link = createLink('conn-1', SALESFORCE_CASE, JIRA_ISSUE);
  return {
    ...link,
    incoming: { ...link.incoming, seq: 4 },
    outgoing: { ...link.outgoing, seq: 2, lastSentHash: 'h-before', unacked: [] },
  };
}

function after(overrides: Partial<OutgoingAfterApplyInput>) {
  return planOutgoingAfterApply({
    link: applyLink(),
    unsentBefore: false,
    senderKnewUs: true,
    content,
    hash: 'h-after',
    localView: { Subject: 'x' },
    policy: 'remote-wins',
    ...overrides,
  });
}

describe('planOutgoingAfterApply', () => {
  it('stores the echo of an apply as last sent, without sending it', () => {
    const decision = after({});
    expect(decision).toEqual({
      kind: 'suppress',
      link: {
        ...applyLink(),
        outgoing: { ...applyLink().outgoing, lastSentHash: 'h-after', fields: stampsOf(content) },
      },
    });
  });

  it('does nothing when the apply left the outgoing replica as it was', () => {
    expect(after({ hash: 'h-before' })).toEqual({ kind: 'unchanged' });
  });

  it('sends when the entity had unsent local changes, so they are not swallowed', () => {
    const decision = after({ unsentBefore: true });
    expect(decision.kind).toBe('send');
    expect(decision.kind === 'send' && decision.message).toMatchObject({
      applied: 4,
      replica: { seq: 3, hash: 'h-after' },
    });
  });

  it('sends when the sender did not know our entity yet, so it learns the pair', () => {
    const decision = after({ senderKnewUs: false });
    expect(decision.kind === 'send' && decision.link.outgoing.seq).toBe(3);
  });
});
