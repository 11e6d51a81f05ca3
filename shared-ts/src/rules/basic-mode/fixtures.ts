/**
 * Realistic entity views for Basic mode's tests, vectors and benchmark: a Jira issue and a
 * Salesforce Case as the engine hands them to rules. Comments and attachments have the
 * replica's shape (docs/rules.md, "Variables"), with bodies in the platform's own format.
 */
import type { ReplicaAttachment, ReplicaComment, ReplicaUser } from '../../replica';

/** A JSON object, as rules inputs are. */
export type Json = Record<string, unknown>;

const ANN: ReplicaUser = {
  email: 'ann.lee@example.com',
  displayName: 'Ann Lee',
  platformId: '5b10ac8d82e05b22cc7d4ef5',
};
const RAVI: ReplicaUser = {
  email: 'ravi@example.com',
  displayName: 'Ravi Patel',
  platformId: '712020:0e0b2ac4-aaa',
};
const MARIA: ReplicaUser = {
  email: 'maria@example.org',
  displayName: 'María José "MJ" Núñez',
  platformId: '0055e000004AbCdAAK',
};

function minutesAfter(start: string, minutes: number): string {
  return new Date(Date.parse(start) + minutes * 60_000).toISOString();
}

/** `count` Jira comments (HTML bodies), every fifth one internal. */
export function jiraComments(count: number): ReplicaComment[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(10100 + i),
    author: i % 2 === 0 ? ANN : RAVI,
    body: `<p>Step ${i + 1}: checked the <strong>export</strong> job &amp; its logs.</p><ul><li>node A: ok</li><li>node B: retry #${i}</li></ul>`,
    created: minutesAfter('2026-11-02T09:00:00.000Z', i * 17),
    updated: i % 7 === 0 ? minutesAfter('2026-11-02T09:05:00.000Z', i * 17) : null,
    internal: i % 5 === 4,
  }));
}

/** `count` Salesforce case comments (plain-text bodies), every fourth one internal (not published). */
export function salesforceComments(count: number): ReplicaComment[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `00a5e00000Xyz${String(i).padStart(3, '0')}`,
    author: i % 3 === 0 ? MARIA : ANN,
    body: `Customer update ${i + 1}: export still fails for "Q3 <draft>" reports.\nTried again at ${9 + (i % 8)}:00.`,
    created: minutesAfter('2026-11-01T14:00:00.000Z', i * 23),
    updated: null,
    internal: i % 4 === 3,
  }));
}

/** Attachments in replica shape. */
export function attachments(prefix: string, count: number): ReplicaAttachment[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i + 1}`,
    filename: i === 0 ? 'export log (1).txt' : `screenshot-${i}.png`,
    mimeType: i === 0 ? 'text/plain' : 'image/png',
    size: 2048 * (i + 1),
    sha256: null,
    created: minutesAfter('2026-11-02T09:30:00.000Z', i),
    author: ANN,
    ref: `${prefix}-ref-${i + 1}`,
  }));
}

/** A Jira issue view with 20 top-level fields (custom fields included) and `commentCount` comments. */
export function realisticIssue(commentCount = 30): Json {
  return {
    key: 'SUP-42',
    id: '10042',
    summary: 'Monthly export fails for "Q3 <draft>" reports',
    description:
      '<p>The monthly export stops at <strong>73%</strong> for reports in draft.</p>' +
      '<ol><li>Open a draft report</li><li>Export as CSV</li></ol><p>Seen since 2026-10-30 &amp; still happening.</p>',
    status: { name: 'In Progress', category: 'indeterminate' },
    priority: { name: 'Highest' },
    labels: ['export', 'customer-reported', 'q3'],
    assignee: { email: RAVI.email, displayName: RAVI.displayName, accountId: RAVI.platformId },
    reporter: { email: ANN.email, displayName: ANN.displayName, accountId: ANN.platformId },
    issueType: { name: 'Bug' },
    project: { key: 'SUP', name: 'Support' },
    created: '2026-11-02T08:55:00.000Z',
    updated: '2026-11-03T16:20:00.000Z',
    resolution: null,
    parent: { key: 'SUP-7' },
    dueDate: '2026-11-20',
    components: [{ name: 'Reporting' }, { name: 'Export' }],
    fixVersions: [{ name: '2026.12' }],
    customFields: { 'Sales Region': 'EMEA', 'Story Points': 5, 'Customer Tier': 'Gold' },
    comments: jiraComments(commentCount),
    attachments: attachments('att-j', 2),
  };
}

/** A Salesforce Case view with 20 top-level fields and `commentCount` case comments. */
export function realisticCase(commentCount = 30): Json {
  return {
    entityType: 'Case',
    Id: '5005e00000AbCdEAAV',
    CaseNumber: '00001026',
    Subject: 'Monthly export fails for "Q3 <draft>" reports',
    Description:
      'The monthly export stops at 73% for reports in draft.\n\n1. Open a draft report\n2. Export as CSV',
    Status: 'Escalated',
    Priority: 'High',
    Origin: 'Email',
    Type: 'Problem',
    Reason: 'Performance',
    IsClosed: false,
    IsEscalated: true,
    CreatedDate: '2026-11-01T13:58:00.000Z',
    LastModifiedDate: '2026-11-03T10:00:00.000Z',
    OwnerId: '0055e000004AbCdAAK',
    Owner: { Id: '0055e000004AbCdAAK', Name: MARIA.displayName, Email: MARIA.email },
    Account: { Id: '0015e00000Q1w2eAAB', Name: 'Globex Corporation' },
    Sales_Region__c: 'EMEA',
    comments: salesforceComments(commentCount),
    attachments: attachments('069', 1),
  };
}
