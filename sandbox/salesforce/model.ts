/**
 * The Salesforce stand-in's org: records of the objects in `schema.ts` with ids of 18 characters,
 * audit fields, required fields, restricted picklists and derived fields (CaseNumber, IsClosed,
 * a ContentDocument and its link for each new ContentVersion), and after-save notifications like
 * an Apex trigger's. Pure data and operations; `server.ts` puts the REST API in front of it and
 * `soql.ts` queries it. Every refusal is a value with Salesforce's error code.
 */
import { makeId, isWellFormedId, normalizeId } from './ids';
import { fieldNamed, objectNamed, objectOfPrefix, OBJECTS, type FieldDef, type ObjectDef } from './schema';

/** A field value as the REST API carries it. */
export type FieldValue = string | number | boolean | null;

/** One record: its object and field values by the fields' canonical names. */
export interface OrgRecord {
  type: string;
  fields: Record<string, FieldValue>;
}

/** A refusal, as Salesforce's REST API answers it (`[{ message, errorCode, fields }]`) with its HTTP status. */
export interface OrgError {
  status: number;
  errorCode: string;
  message: string;
  fields: string[];
}

export type OrgOutcome<T> = { ok: true; value: T } | { ok: false; error: OrgError };

/** A saved change, as an after trigger sees it. */
export interface OrgChange {
  type: string;
  operation: 'insert' | 'update' | 'delete';
  id: string;
  /** The user whose request made the change. */
  actorId: string;
  /** The record before (update, delete) and after (insert, update). */
  before: OrgRecord | null;
  after: OrgRecord | null;
}

/** Listens to saved changes; called synchronously after each one (like an after-save trigger). */
export type ChangeListener = (change: OrgChange) => void;

/** Largest file a ContentVersion may hold in the stand-in (the REST limit for base64 inserts is 50 MB). */
export const MAX_VERSION_BYTES = 10 * 1024 * 1024;

/** Salesforce's wire form of a time: `2026-12-03T12:00:00.000+0000`. */
export function salesforceTime(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('Z', '+0000');
}

const fail = (status: number, errorCode: string, message: string, fields: string[] = []) =>
  ({ ok: false, error: { status, errorCode, message, fields } }) as const;

/** A new record's system fields: its id, not deleted, created and last modified by `actorId` at `at`. */
function systemFields(id: string, actorId: string, at: FieldValue): Record<string, FieldValue> {
  return {
    Id: id,
    IsDeleted: false,
    CreatedById: actorId,
    CreatedDate: at,
    LastModifiedById: actorId,
    LastModifiedDate: at,
    SystemModstamp: at,
  };
}

/** The object `type` names, or the REST API's NOT_FOUND for a type the stand-in does not support. */
export function supportedObject(type: string): OrgOutcome<ObjectDef> {
  const object = objectNamed(type);
  if (!object)
    return fail(
      404,
      'NOT_FOUND',
      `The requested resource does not exist: sObject type '${type}' is not supported.`,
    );
  return { ok: true, value: object };
}

/** One org. */
export class SalesforceOrg {
  readonly records = new Map<string, OrgRecord>();
  /** ContentVersion bytes by version id. */
  readonly versionData = new Map<string, Uint8Array>();
  /** The integration user (the package's sync identity) and a person, seeded. */
  readonly integrationUserId: string;
  readonly personUserId: string;
  private readonly now: () => number;
  private readonly counters = new Map<string, number>();
  private caseNumber = 1000;
  private listeners: ChangeListener[] = [];

  constructor(options: { now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
    this.integrationUserId = this.seedUser('Tandem', 'Integration', 'tandem@example.invalid');
    this.personUserId = this.seedUser('Alice', 'Agent', 'alice@example.invalid');
  }

  /** Registers a listener of saved changes; returns the function that removes it. */
  onChange(listener: ChangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** The record with id `id` (15 or 18 characters), or undefined. */
  get(id: string): OrgRecord | undefined {
    return this.records.get(normalizeId(id));
  }

  /** Records of one object, in creation order. */
  all(type: string): OrgRecord[] {
    return [...this.records.values()].filter((r) => r.type === type);
  }

  /** Inserts a record of `type` as `actorId`; answers its new id. */
  insert(
    type: string,
    values: Record<string, unknown>,
    actorId = this.integrationUserId,
  ): OrgOutcome<string> {
    const supported = supportedObject(type);
    if (!supported.ok) return supported;
    const object = supported.value;
    const checked = this.checkValues(object, values, 'insert');
    if (!checked.ok) return checked;
    const fields: Record<string, FieldValue> = {};
    for (const field of object.fields) {
      if (field.defaultValue !== undefined) fields[field.name] = field.defaultValue;
      else if (field.nillable || field.type !== 'boolean') fields[field.name] = null;
      else fields[field.name] = false;
    }
    Object.assign(fields, checked.value);
    const missing = object.fields
      .filter((f) => f.createable && !f.nillable && !f.defaultedOnCreate && fields[f.name] === null)
      .map((f) => f.name);
    if (missing.length > 0)
      return fail(
        400,
        'REQUIRED_FIELD_MISSING',
        `Required fields are missing: [${missing.join(', ')}]`,
        missing,
      );
    const bytes = object.name === 'ContentVersion' ? decodeVersionData(fields.VersionData) : null;
    if (bytes && !bytes.ok) return bytes;
    const id = this.nextId(object);
    const at = salesforceTime(this.now());
    Object.assign(fields, systemFields(id, actorId, at));
    if (object.name === 'Case') {
      this.caseNumber += 1;
      fields.CaseNumber = String(this.caseNumber).padStart(8, '0');
      fields.OwnerId ??= actorId;
    }
    derive(object, fields, at);
    const record: OrgRecord = { type: object.name, fields };
    if (bytes?.ok) this.storeVersion(record, bytes.value, actorId);
    this.records.set(id, record);
    this.emit({ type: object.name, operation: 'insert', id, actorId, before: null, after: clone(record) });
    if (object.name === 'ContentVersion') this.publishVersion(record, actorId);
    return { ok: true, value: id };
  }

  /** Updates the fields given on record `id` of `type` as `actorId`. */
  update(
    type: string,
    id: string,
    values: Record<string, unknown>,
    actorId = this.integrationUserId,
  ): OrgOutcome<void> {
    const found = this.find(type, id);
    if (!found.ok) return found;
    const { object, record } = found.value;
    const checked = this.checkValues(object, values, 'update');
    if (!checked.ok) return checked;
    const cleared = object.fields.filter(
      (f) => !f.nillable && f.name in checked.value && checked.value[f.name] === null,
    );
    if (cleared.length > 0) {
      const names = cleared.map((f) => f.name);
      return fail(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${names.join(', ')}]`, names);
    }
    const before = clone(record);
    const at = salesforceTime(this.now());
    Object.assign(record.fields, checked.value, {
      LastModifiedById: actorId,
      LastModifiedDate: at,
      SystemModstamp: at,
    });
    derive(object, record.fields, at);
    if (object.name === 'ContentDocument') this.syncDocumentTitle(record);
    this.emit({
      type: object.name,
      operation: 'update',
      id: before.fields.Id as string,
      actorId,
      before,
      after: clone(record),
    });
    return { ok: true, value: undefined };
  }

  /** Deletes record `id` of `type` as `actorId`, with the records that cannot live without it. */
  delete(type: string, id: string, actorId = this.integrationUserId): OrgOutcome<void> {
    const found = this.find(type, id);
    if (!found.ok) return found;
    const { object, record } = found.value;
    if (object.name === 'ContentVersion')
      return fail(
        400,
        'INVALID_OPERATION',
        'A ContentVersion cannot be deleted: delete its ContentDocument.',
      );
    this.remove(record, actorId);
    return { ok: true, value: undefined };
  }

  private remove(record: OrgRecord, actorId: string): void {
    const id = record.fields.Id as string;
    if (!this.records.delete(id)) return;
    this.versionData.delete(id);
    this.emit({ type: record.type, operation: 'delete', id, actorId, before: clone(record), after: null });
    for (const child of [...this.records.values()]) {
      const f = child.fields;
      const dependent =
        f.ParentId === id ||
        f.LinkedEntityId === id ||
        (child.type !== 'ContentDocument' && f.ContentDocumentId === id);
      if (dependent) this.remove(child, actorId);
    }
  }

  private find(type: string, id: string): OrgOutcome<{ object: ObjectDef; record: OrgRecord }> {
    const supported = supportedObject(type);
    if (!supported.ok) return supported;
    const object = supported.value;
    if (!isWellFormedId(id)) return fail(400, 'MALFORMED_ID', `Malformed id: ${id}`);
    const record = this.records.get(normalizeId(id));
    if (!record || record.type !== object.name)
      return fail(404, 'NOT_FOUND', 'The requested resource does not exist');
    return { ok: true, value: { object, record } };
  }

  /** Checks each given value against its field for an insert or update; answers them by canonical name. */
  private checkValues(
    object: ObjectDef,
    values: Record<string, unknown>,
    operation: 'insert' | 'update',
  ): OrgOutcome<Record<string, FieldValue>> {
    const out: Record<string, FieldValue> = {};
    for (const [name, value] of Object.entries(values)) {
      if (name === 'attributes' || (operation === 'update' && name === 'Id')) continue;
      const field = fieldNamed(object, name);
      if (!field)
        return fail(400, 'INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`, [
          name,
        ]);
      const writable = operation === 'insert' ? field.createable : field.updateable;
      if (!writable)
        return fail(
          400,
          'INVALID_FIELD_FOR_INSERT_UPDATE',
          `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          [field.name],
        );
      const checked = this.checkValue(field, value);
      if (!checked.ok) return checked;
      out[field.name] = checked.value;
    }
    return { ok: true, value: out };
  }

  private checkValue(field: FieldDef, value: unknown): OrgOutcome<FieldValue> {
    if (value === null || value === undefined) return { ok: true, value: null };
    if (field.type === 'boolean') {
      if (typeof value === 'boolean') return { ok: true, value };
      return fail(
        400,
        'JSON_PARSER_ERROR',
        `Cannot deserialize instance of boolean from ${typeof value} value for field ${field.name}`,
        [field.name],
      );
    }
    if (typeof value !== 'string')
      return fail(
        400,
        'JSON_PARSER_ERROR',
        `Cannot deserialize instance of string from ${typeof value} value for field ${field.name}`,
        [field.name],
      );
    if (field.length !== undefined && field.type !== 'reference' && value.length > field.length)
      return fail(
        400,
        'STRING_TOO_LONG',
        `${field.label}: data value too large: (max length=${field.length})`,
        [field.name],
      );
    if (field.picklist?.restricted && !field.picklist.values.includes(value))
      return fail(
        400,
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        `${field.label}: bad value for restricted picklist field: ${value}`,
        [field.name],
      );
    if (field.type === 'reference') return this.checkReference(field, value);
    return { ok: true, value };
  }

  private checkReference(field: FieldDef, value: string): OrgOutcome<FieldValue> {
    if (!isWellFormedId(value))
      return fail(400, 'MALFORMED_ID', `${field.label}: id value of incorrect type: ${value}`, [field.name]);
    const target = this.records.get(normalizeId(value));
    if (!target || target.type !== field.referenceTo)
      return fail(400, 'INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id`, [field.name]);
    return { ok: true, value: normalizeId(value) };
  }

  private nextId(object: ObjectDef): string {
    const n = (this.counters.get(object.keyPrefix) ?? 0) + 1;
    this.counters.set(object.keyPrefix, n);
    return makeId(object.keyPrefix, n);
  }

  private storeVersion(record: OrgRecord, bytes: Uint8Array, actorId: string): void {
    const f = record.fields;
    const id = f.Id as string;
    this.versionData.set(id, bytes);
    f.VersionData = `/services/data/v67.0/sobjects/ContentVersion/${id}/VersionData`;
    f.ContentSize = bytes.length;
    const path = typeof f.PathOnClient === 'string' ? f.PathOnClient : '';
    const dot = path.lastIndexOf('.');
    f.FileExtension = dot >= 0 ? path.slice(dot + 1).toLowerCase() : null;
    const documentId = this.nextId(OBJECTS.get('ContentDocument') as ObjectDef);
    f.ContentDocumentId = documentId;
    const at = f.CreatedDate ?? null;
    this.records.set(documentId, {
      type: 'ContentDocument',
      fields: {
        ...systemFields(documentId, actorId, at),
        Title: f.Title ?? null,
        FileExtension: f.FileExtension ?? null,
        ContentSize: f.ContentSize ?? null,
        LatestPublishedVersionId: id,
      },
    });
  }

  /** After a version's insert: its document's insert, then the link to `FirstPublishLocationId`. */
  private publishVersion(version: OrgRecord, actorId: string): void {
    const documentId = version.fields.ContentDocumentId as string;
    const document = this.records.get(documentId);
    if (document)
      this.emit({
        type: 'ContentDocument',
        operation: 'insert',
        id: documentId,
        actorId,
        before: null,
        after: clone(document),
      });
    const location = version.fields.FirstPublishLocationId;
    if (typeof location === 'string')
      this.insert(
        'ContentDocumentLink',
        { ContentDocumentId: documentId, LinkedEntityId: location, ShareType: 'V' },
        actorId,
      );
  }

  private syncDocumentTitle(document: OrgRecord): void {
    const version = this.records.get(String(document.fields.LatestPublishedVersionId));
    if (version) version.fields.Title = document.fields.Title ?? null;
  }

  private emit(change: OrgChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }

  private seedUser(firstName: string, lastName: string, email: string): string {
    const object = OBJECTS.get('User') as ObjectDef;
    const id = this.nextId(object);
    const at = salesforceTime(this.now());
    this.records.set(id, {
      type: 'User',
      fields: {
        Id: id,
        IsDeleted: false,
        CreatedById: id,
        CreatedDate: at,
        LastModifiedById: id,
        LastModifiedDate: at,
        SystemModstamp: at,
        Username: email,
        FirstName: firstName,
        LastName: lastName,
        Name: `${firstName} ${lastName}`,
        Email: email,
        Alias: firstName.slice(0, 8).toLowerCase(),
        IsActive: true,
      },
    });
    return id;
  }
}

/** Fields the org computes from others. */
function derive(object: ObjectDef, fields: Record<string, FieldValue>, at: string): void {
  if (object.name === 'Case') {
    const closed = fields.Status === 'Closed';
    if (closed && !fields.IsClosed) fields.ClosedDate = at;
    if (!closed) fields.ClosedDate = null;
    fields.IsClosed = closed;
  } else if (object.name === 'User') {
    fields.Name = [fields.FirstName, fields.LastName]
      .filter((part) => typeof part === 'string' && part !== '')
      .join(' ');
  }
}

function decodeVersionData(value: FieldValue | undefined): OrgOutcome<Uint8Array> {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value))
    return fail(400, 'INVALID_FIELD', 'VersionData: the value is not base64', ['VersionData']);
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length > MAX_VERSION_BYTES)
    return fail(400, 'STRING_TOO_LONG', `VersionData: the file exceeds ${MAX_VERSION_BYTES} bytes`, [
      'VersionData',
    ]);
  return { ok: true, value: new Uint8Array(bytes) };
}

function clone(record: OrgRecord): OrgRecord {
  return { type: record.type, fields: { ...record.fields } };
}

/** The object a record id belongs to, by its key prefix. */
export function objectOfId(id: string): ObjectDef | undefined {
  return objectOfPrefix(id.slice(0, 3));
}
