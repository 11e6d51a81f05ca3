/**
 * The JSON Schema (draft 2020-12) of Replica v2 (and v1, which it also admits), the contract every node (Jira, Salesforce, a
 * future Zendesk one) validates against. docs/replica.md explains each field; `validateReplica`
 * applies this schema and adds the checks a schema cannot express (JSON-only values, nesting and
 * size limits, unique ids, days that exist, URLs that parse).
 *
 * Every object is closed (`additionalProperties: false`) except `custom`: a field this version
 * does not define is refused, so a typo never passes as data. Adding a field means a new version.
 */

import { MAX_REPLICA_ID, MAX_REPLICA_PLATFORM, MAX_REPLICA_URL } from './replica-limits';

const DATE = '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])';
const TIME = 'T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?Z';
const TIMESTAMP_PATTERN = `^${DATE}${TIME}$`;
const HTTP_URL = {
  type: 'string',
  maxLength: MAX_REPLICA_URL,
  pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$',
  description: 'an http or https URL such as https://acme.atlassian.net/browse/SUP-42',
} as const;

/** The schema as a plain JSON value: `JSON.stringify` it to publish it. */
export const replicaJsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Tandem Replica v2',
  description: 'The whole state of one entity, as one side of a Tandem connection sends it to the other.',
  type: 'object',
  additionalProperties: false,
  required: [
    'schema',
    'entity',
    'seq',
    'hash',
    'summary',
    'description',
    'status',
    'priority',
    'labels',
    'assignee',
    'reporter',
    'created',
    'updated',
    'due',
    'resolution',
    'type',
    'project',
    'parent',
    'custom',
    'comments',
    'attachments',
  ],
  properties: {
    schema: { enum: [1, 2], description: 'the format version: 2, or 1 from an older sender' },
    entity: {
      type: 'object',
      additionalProperties: false,
      required: ['platform', 'type', 'id'],
      properties: {
        platform: {
          type: 'string',
          pattern: '^[a-z][a-z0-9_-]*$',
          maxLength: MAX_REPLICA_PLATFORM,
          description: 'a lowercase platform name such as "jira" or "salesforce"',
        },
        type: { $ref: '#/$defs/id' },
        id: { $ref: '#/$defs/id' },
        key: { $ref: '#/$defs/id' },
        url: HTTP_URL,
      },
    },
    seq: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    hash: {
      type: 'string',
      pattern: '^[0-9a-f]{64}$',
      description: 'a lowercase hex SHA-256 (64 characters) of the content',
    },
    summary: { type: ['string', 'null'] },
    description: { $ref: '#/$defs/richText' },
    status: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['name'],
      properties: { name: { $ref: '#/$defs/nonEmptyString' }, category: { type: ['string', 'null'] } },
    },
    priority: { $ref: '#/$defs/named' },
    labels: { type: 'array', items: { $ref: '#/$defs/nonEmptyString' }, uniqueItems: true },
    assignee: { $ref: '#/$defs/user' },
    reporter: { $ref: '#/$defs/user' },
    created: { $ref: '#/$defs/timestampOrNull' },
    updated: { $ref: '#/$defs/timestampOrNull' },
    due: {
      type: ['string', 'null'],
      pattern: `^${DATE}(${TIME})?$`,
      description: 'a calendar date such as 2026-12-01, or a UTC timestamp such as 2026-12-01T17:00:00Z',
    },
    resolution: { $ref: '#/$defs/named' },
    type: { $ref: '#/$defs/named' },
    project: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['key'],
      properties: { key: { $ref: '#/$defs/nonEmptyString' }, name: { type: ['string', 'null'] } },
    },
    parent: {
      type: ['object', 'null'],
      additionalProperties: false,
      properties: {
        id: { type: ['string', 'null'] },
        key: { type: ['string', 'null'] },
        url: { ...HTTP_URL, type: ['string', 'null'] },
      },
    },
    custom: { type: 'object', description: 'custom fields by display name; any JSON value' },
    comments: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'author', 'body', 'created', 'updated', 'internal'],
        properties: {
          id: { $ref: '#/$defs/id' },
          author: { $ref: '#/$defs/user' },
          body: { type: 'string' },
          created: { $ref: '#/$defs/timestamp' },
          updated: { $ref: '#/$defs/timestampOrNull' },
          internal: { type: 'boolean' },
        },
      },
    },
    fieldTimes: {
      type: 'object',
      description:
        'v2 only (required there, refused in v1): when each field last changed, by JSON pointer such as /summary or /custom/Tier',
      additionalProperties: { $ref: '#/$defs/timestamp' },
    },
    attachments: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'filename', 'mimeType', 'size', 'created', 'author', 'ref'],
        properties: {
          id: { $ref: '#/$defs/id' },
          filename: { $ref: '#/$defs/nonEmptyString' },
          mimeType: {
            type: 'string',
            pattern: '^[^/\\s]+/[^/\\s]+',
            description: 'a MIME type such as image/png',
          },
          size: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
          sha256: {
            type: ['string', 'null'],
            pattern: '^[0-9a-f]{64}$',
            description: 'a lowercase hex SHA-256 (64 characters) of the file',
          },
          created: { $ref: '#/$defs/timestamp' },
          author: { $ref: '#/$defs/user' },
          ref: { type: 'string', minLength: 1, maxLength: MAX_REPLICA_URL },
        },
      },
    },
  },
  $defs: {
    nonEmptyString: { type: 'string', minLength: 1 },
    id: { type: 'string', minLength: 1, maxLength: MAX_REPLICA_ID },
    richText: {
      type: ['string', 'null'],
      description: 'HTML of the replica subset (docs/replica.md); receivers sanitise it again',
    },
    timestamp: {
      type: 'string',
      pattern: TIMESTAMP_PATTERN,
      description: 'a UTC timestamp in ISO-8601 form ending in Z, such as 2026-11-27T09:30:00.000Z',
    },
    timestampOrNull: {
      type: ['string', 'null'],
      pattern: TIMESTAMP_PATTERN,
      description: 'a UTC timestamp in ISO-8601 form ending in Z, such as 2026-11-27T09:30:00.000Z',
    },
    named: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['name'],
      properties: { name: { $ref: '#/$defs/nonEmptyString' } },
    },
    user: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['displayName', 'platformId'],
      properties: {
        email: { type: ['string', 'null'] },
        displayName: { type: 'string' },
        platformId: { $ref: '#/$defs/nonEmptyString' },
      },
    },
  },
} as const;
