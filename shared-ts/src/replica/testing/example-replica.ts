/**
 * Test support: one complete, valid Replica v1 (a Jira issue), the same one docs/replica.md
 * shows. Its `hash` is the real content hash, so it doubles as a test vector for other nodes.
 */
import type { Replica } from '../types';

export const exampleReplica: Replica = {
  schema: 1,
  entity: {
    platform: 'jira',
    type: 'issue',
    id: '10042',
    key: 'SUP-42',
    url: 'https://acme.atlassian.net/browse/SUP-42',
  },
  seq: 17,
  hash: 'c8a04ad5404c460db24417fb855c01c92720c90c530c692182ae207ca9a6976d',
  summary: 'Checkout fails for EU customers',
  description:
    '<p>Since the <strong>November release</strong>, checkout fails with <code>HTTP 502</code>.</p>' +
    '<ul><li>Region: EU</li><li>Browsers: all</li></ul>' +
    '<p>See <a href="https://status.acme.example">the status page</a>.</p>',
  status: { name: 'In Progress', category: 'indeterminate' },
  priority: { name: 'High' },
  labels: ['checkout', 'eu'],
  assignee: { email: 'dev.lee@acme.example', displayName: 'Dev Lee', platformId: '5b10ac8d82e05b22cc7d4ef5' },
  reporter: {
    email: null,
    displayName: 'Sam Support',
    platformId: '712020:0e0c5f7a-1c1d-4d1c-9a55-2f1c2b3a4d5e',
  },
  created: '2026-11-20T09:15:00.000Z',
  updated: '2026-11-27T10:02:31.000Z',
  due: '2026-12-01',
  resolution: null,
  type: { name: 'Bug' },
  project: { key: 'SUP', name: 'Support' },
  parent: { id: '10007', key: 'SUP-7', url: 'https://acme.atlassian.net/browse/SUP-7' },
  custom: {
    'Customer Tier': 'Gold',
    'Affected Orders': 132,
    'Root Cause Known': false,
    Components: ['payments', 'web'],
    'Escalation Manager': null,
  },
  comments: [
    {
      id: '10100',
      author: {
        email: 'dev.lee@acme.example',
        displayName: 'Dev Lee',
        platformId: '5b10ac8d82e05b22cc7d4ef5',
      },
      body: '<p>Reproduced on staging. Logs attached.</p>',
      created: '2026-11-21T14:00:00.000Z',
      updated: null,
      internal: false,
    },
    {
      id: '10101',
      author: null,
      body: '<p>Customer is <em>very</em> unhappy; keep this internal.</p>',
      created: '2026-11-22T08:30:00.000Z',
      updated: '2026-11-22T08:35:12.000Z',
      internal: true,
    },
  ],
  attachments: [
    {
      id: '10200',
      filename: 'checkout.har',
      mimeType: 'application/json',
      size: 48213,
      sha256: null,
      created: '2026-11-21T14:01:00.000Z',
      author: {
        email: 'dev.lee@acme.example',
        displayName: 'Dev Lee',
        platformId: '5b10ac8d82e05b22cc7d4ef5',
      },
      ref: 'attachment:10200',
    },
  ],
};
