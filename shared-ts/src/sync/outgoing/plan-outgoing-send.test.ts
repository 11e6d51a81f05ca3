import { createLink } from '../links/create-link';
import { planOutgoingSend } from './plan-outgoing-send';
import { stampsOf } from './stamp-fields';
import { JIRA_ISSUE, replicaOf, SALESFORCE_CASE } from '../testing/fixtures';
import type { Link } from '../model/link';

const { seq: _seq, hash: _hash, ...content } = replicaOf({ entity: SALESFORCE_CASE });

function sentLink(): Link {
  const link = createLink('conn-1', SALESFORCE_CASE, JIRA_ISSUE);
  return {
    ...link,
    incoming: { ...link.incoming, seq: 5 },
    outgoing: { ...link.outgoing, seq: 2, lastSentHash: 'h2', unacked: [] },
  };
}

describe('planOutgoingSend', () => {
  it('sends nothing when the replica hash equals the last one sent', () => {
    expect(planOutgoingSend(sentLink(), content, 'h2', {}, 'remote-wins')).toEqual({ kind: 'unchanged' });
  });

  it('gives a changed replica the next seq and its hash', () => {
    const decision = planOutgoingSend(sentLink(), content, 'h3', {}, 'remote-wins');
    expect(decision.kind === 'send' && decision.message.replica).toEqual({ ...content, seq: 3, hash: 'h3' });
  });

  it('tells the receiver its own entity and the newest of its seqs we applied', () => {
    const decision = planOutgoingSend(sentLink(), content, 'h3', {}, 'remote-wins');
    expect(decision.kind === 'send' && decision.message).toMatchObject({
      kind: 'replica',
      target: JIRA_ISSUE,
      applied: 5,
    });
  });

  it("stamps this side's conflict policy on the message", () => {
    const decision = planOutgoingSend(sentLink(), content, 'h3', {}, 'local-wins');
    expect(decision.kind === 'send' && decision.message.policy).toBe('local-wins');
  });

  it('sends the first replica of an entity with seq 1 and no target', () => {
    const decision = planOutgoingSend(
      createLink('conn-1', SALESFORCE_CASE),
      content,
      'h1',
      {},
      'remote-wins',
    );
    expect(decision.kind === 'send' && decision.message).toMatchObject({
      target: null,
      applied: 0,
      replica: { seq: 1 },
    });
  });

  it('remembers the hash as sent and snapshots the local fields, collections left out', () => {
    const decision = planOutgoingSend(
      sentLink(),
      content,
      'h3',
      {
        Subject: 'x',
        comments: [],
        attachments: [],
      },
      'remote-wins',
    );
    expect(decision.kind === 'send' && decision.link.outgoing).toEqual({
      seq: 3,
      lastSentHash: 'h3',
      unacked: [{ seq: 3, applied: 5, view: { Subject: 'x' } }],
      delivered: 0,
      fields: stampsOf(content),
    });
  });

  it('keeps only the newest snapshots', () => {
    let link = sentLink();
    for (let i = 0; i < 12; i++) {
      const decision = planOutgoingSend(link, content, `h${i + 10}`, { n: i }, 'remote-wins');
      if (decision.kind === 'send') link = decision.link;
    }
    expect(link.outgoing.unacked.map((s) => s.seq)).toEqual([7, 8, 9, 10, 11, 12, 13, 14]);
  });
});
