// The rendezvous with a 30-comment record: one push (a Salesforce Case replica through
// handleRendezvousRequest into Jira's inbox: verify, validate, hash, persist, signed ack), one
// pull-batch (a pull answered with a signed batch carrying a Jira issue replica), and one apply
// of that replica on the Salesforce side (three-way plan + commit with the real rules runtime),
// in microseconds each, plus the bytes of each message on the wire.
// Target: the apply under 1 ms. Exits 1 when missed.
import { signForTest } from '../shared-ts/src/protocol/testing/signed';
import { performance } from 'node:perf_hooks';
import {
  createEnvelope,
  createMessageIdGenerator,
  type EnvelopeOf,
  type MessageKind,
} from '../shared-ts/src/protocol';
import { TEST_SECRET } from '../shared-ts/src/protocol/testing/fixtures';
import {
  replicaContentHash,
  type EntityRef,
  type Replica,
  type ReplicaComment,
} from '../shared-ts/src/replica';
import { runRules } from '../shared-ts/src/rules';
import {
  commitIncomingApply,
  createLink,
  planIncomingApply,
  queueKey,
  type IncomingApplyInput,
} from '../shared-ts/src/sync';
import type { RendezvousRequest } from '../shared-ts/src/sync/rendezvous';
import { rendezvousPair } from '../shared-ts/src/sync/rendezvous/testing/rendezvous-pair';

const TARGET_APPLY_US = 1_000;
const COMMENTS = 30;

const INCOMING = `entity.Subject = replica.summary;
entity.Description = html.toText(replica.description);
entity.Status = lookup(replica.status?.name, { "To Do": "New", "In Progress": "Working", "Done": "Closed" }, "New");
entity.Priority = replica.priority?.name ?? "Medium";
entity.Jira_Labels__c = join(replica.labels, ";");
entity.Jira_Assignee__c = replica.assignee?.displayName ?? null;
entity.Jira_Due__c = replica.due;
entity.Jira_Key__c = replica.entity.key;
entity.comments = replica.comments.filter((c) => !c.internal);
`;
const OUTGOING = `replica.summary = entity.Subject;
replica.status = { name: entity.Status };
replica.comments = entity.comments.map((c) => ({ id: c.id, author: null, body: c.body, created: c.created, updated: null, internal: false }));
`;

const ISSUE: EntityRef = { platform: 'jira', type: 'issue', id: '10001', key: 'SUP-1' };
const CASE: EntityRef = { platform: 'salesforce', type: 'Case', id: '5003000000D8cuI', key: '00001026' };
const ada = {
  email: 'ada@acme.example',
  displayName: 'Ada Lovelace',
  platformId: '5b10a2844c20165700ede21g',
};

function comment(n: number): ReplicaComment {
  return {
    id: String(10100 + n),
    author: ada,
    body: `<p>Comment ${n}: the printer still smokes, see <strong>log</strong> line ${n * 7}.</p>`,
    created: `2026-11-${String(1 + (n % 28)).padStart(2, '0')}T08:00:00.000Z`,
    updated: null,
    internal: n % 10 === 0,
  };
}

async function replica(entity: EntityRef, seq: number, summary: string): Promise<Replica> {
  const content: Replica = {
    schema: 1,
    entity,
    seq,
    hash: '',
    summary,
    description: '<p>Smoke everywhere. <em>Customer</em> is <strong>unhappy</strong>.</p>',
    status: { name: 'In Progress', category: 'indeterminate' },
    priority: { name: 'High' },
    labels: ['hardware', 'printer'],
    assignee: ada,
    reporter: null,
    created: '2026-11-01T08:00:00.000Z',
    updated: '2026-11-20T11:00:00.000Z',
    due: '2026-11-30',
    resolution: null,
    type: { name: 'Incident' },
    project: { key: 'SUP', name: 'Support' },
    parent: null,
    custom: { Severity: 'Sev 1' },
    comments: Array.from({ length: COMMENTS }, (_, n) => comment(n)),
    attachments: [],
  };
  return { ...content, hash: await replicaContentHash(content) };
}

function time(iterations: number, run: (i: number) => Promise<unknown>): Promise<number> {
  return (async () => {
    for (let i = 0; i < Math.min(50, iterations); i++) await run(i);
    const start = performance.now();
    for (let i = 0; i < iterations; i++) await run(i + 50);
    return ((performance.now() - start) * 1000) / iterations;
  })();
}

async function main(): Promise<void> {
  const pair = rendezvousPair({
    salesforce: { rules: { incoming: INCOMING, outgoing: OUTGOING }, runRules },
  });
  const ids = createMessageIdGenerator({ clock: pair.clock });
  const bytes = (text: string) => new TextEncoder().encode(text).length;
  const asRequest = async <K extends MessageKind>(
    kind: K,
    body: EnvelopeOf<K>['body'],
  ): Promise<RendezvousRequest> => {
    const signed = await signForTest(
      createEnvelope(kind, body, { connectionId: 'conn-1', messageId: ids(), sentAt: pair.clock.now() }),
      TEST_SECRET,
    );
    return {
      method: 'POST',
      path: '/',
      headers: Object.fromEntries(Object.entries(signed.headers).map(([name, value]) => [name, [value]])),
      body: signed.body,
    };
  };

  // One push: a Case replica carried in a push, taken into Jira's inbox.
  const caseReplica = await replica(CASE, 1, 'Printer on fire');
  const pushes: RendezvousRequest[] = [];
  for (let i = 0; i < 550; i++) {
    const carried = createEnvelope(
      'replica',
      { replica: { ...caseReplica, seq: i + 1 }, target: null, applied: 0 },
      { connectionId: 'conn-1', messageId: ids(), sentAt: pair.clock.now() },
    );
    pushes.push(await asRequest('push', { messages: [carried] }));
  }
  let pushAnswer = '';
  const pushUs = await time(500, async (i) => {
    const response = await pair.serve(pushes[i] as RendezvousRequest);
    if (response.statusCode !== 200) throw new Error(`push refused: ${response.body}`);
    pushAnswer = response.body;
  });

  // One pull-batch: a Jira issue replica waits in the outbox; each pull offers it again.
  const issueReplica = await replica(ISSUE, 2, 'Printer on fire - toner replaced');
  await pair.jira.outbox.put({
    format: 2,
    id: 'q-1',
    key: queueKey('conn-1', ISSUE),
    connectionId: 'conn-1',
    entity: ISSUE,
    message: { kind: 'replica', replica: issueReplica, target: CASE, applied: 0 },
    messageId: ids(),
    offers: 0,
    lastOfferedAt: null,
    version: 0,
    queuedAt: new Date(pair.clock.now()).toISOString(),
    attempts: 0,
    nextAttemptAt: new Date(pair.clock.now()).toISOString(),
    state: 'pending',
    lastError: null,
  });
  const pulls: RendezvousRequest[] = [];
  for (let i = 0; i < 550; i++) pulls.push(await asRequest('pull', { limit: 20, acks: [] }));
  let batchBody = '';
  const pullUs = await time(500, async (i) => {
    const response = await pair.serve(pulls[i] as RendezvousRequest);
    if (response.statusCode !== 200) throw new Error(`pull refused: ${response.body}`);
    batchBody = response.body;
  });

  // One apply of that replica on the Salesforce side: the Case as the last apply left it.
  const previous = await replica(ISSUE, 1, 'Printer on fire');
  const first = runRules(INCOMING, 'salesforce', 'incoming', {
    entity: {},
    replica: previous as never,
    previous: null,
    firstSync: true,
  });
  if (!first.ok) throw new Error(first.error.message);
  const view: Record<string, unknown> = {};
  for (const write of first.writes)
    if (write.path[0] !== 'comments') view[write.path[0] as string] = write.value;
  view.comments = previous.comments
    .filter((c) => !c.internal)
    .map((c, n) => ({ ...c, id: `00a30000Cm${n}` }));
  const local = { ref: CASE, view: view as never, modifiedAt: '2026-11-20T10:00:00.000Z' };
  const link = {
    ...createLink('conn-1', CASE, ISSUE),
    incoming: { seq: 1, acked: 0, baseline: [] },
    comments: previous.comments
      .filter((c) => !c.internal)
      .map((c, n) => ({ remote: c.id, local: `00a30000Cm${n}` })),
  };
  const input: IncomingApplyInput = {
    connectionId: 'conn-1',
    link,
    previous,
    local,
    message: { kind: 'replica', replica: issueReplica, target: CASE, applied: 0 },
    rules: { side: 'salesforce', script: INCOMING },
    runRules,
    policy: pair.salesforce.engine.context.config.policy,
    now: '2026-11-20T12:00:00.000Z',
  };
  const applyUs = await time(2_000, async () => {
    const decision = planIncomingApply(input);
    if (decision.kind !== 'apply') throw new Error(`expected an apply, got ${decision.kind}`);
    return commitIncomingApply(
      decision.next,
      decision.plan,
      { entity: local, created: { comments: [], attachments: [] } },
      0,
    );
  });

  const replicaBytes = bytes(JSON.stringify(issueReplica));
  console.log(`workload: one record with ${COMMENTS} comments; its replica is ${replicaBytes} bytes of JSON`);
  console.log(
    `one push through the handler (verify, validate, hash, inbox, signed ack): ${pushUs.toFixed(1)} µs; request ${bytes(pushes[0]?.body ?? '')} bytes, ack ${bytes(pushAnswer)} bytes`,
  );
  console.log(
    `one pull-batch through the handler (verify, due, offer, signed batch): ${pullUs.toFixed(1)} µs; pull ${bytes(pulls[0]?.body ?? '')} bytes, batch ${bytes(batchBody)} bytes`,
  );
  console.log(
    `one apply of the batched replica (plan + commit, real rules): ${applyUs.toFixed(1)} µs (target < ${TARGET_APPLY_US} µs)`,
  );
  if (applyUs >= TARGET_APPLY_US) {
    console.error(`MISSED: the apply took ${applyUs.toFixed(1)} µs`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
