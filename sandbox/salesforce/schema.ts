/**
 * The objects the Salesforce stand-in knows and their fields, as the describe calls report them:
 * Case, CaseComment, FeedItem, ContentVersion, ContentDocument, ContentDocumentLink and User,
 * with the fields Tandem reads and writes, their types, required fields, picklists and the
 * one-level parent relationships SOQL may follow.
 */

/** A field's type, as `describe` spells it. */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'picklist'
  | 'boolean'
  | 'datetime'
  | 'reference'
  | 'base64'
  | 'int'
  | 'email';

/** One field. */
export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** Longest value, in characters (text types). */
  length?: number;
  nillable: boolean;
  createable: boolean;
  updateable: boolean;
  /** A value the org sets when an insert leaves the field out. */
  defaultValue?: string | boolean;
  /** The org fills the field on insert when it is left out (OwnerId: the running user). */
  defaultedOnCreate?: boolean;
  picklist?: { values: string[]; restricted: boolean };
  /** Reference fields: the object the id points at, and the name SOQL follows (`Owner.Name`). */
  referenceTo?: string;
  relationshipName?: string;
}

/** One object. */
export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  /** The system fields (Id, audit fields) first, then the object's own. */
  fields: FieldDef[];
}

/** A system field naming the User who did something to the record (set by the platform). */
const stampedBy = (name: string, label: string, relationshipName: string): FieldDef => ({
  name,
  label,
  type: 'reference',
  length: 18,
  nillable: false,
  createable: false,
  updateable: false,
  referenceTo: 'User',
  relationshipName,
});

/** A system field holding when something was done to the record (set by the platform). */
const stampedAt = (name: string, label: string): FieldDef => ({
  name,
  label,
  type: 'datetime',
  nillable: false,
  createable: false,
  updateable: false,
});

const SYSTEM_FIELDS: FieldDef[] = [
  {
    name: 'Id',
    label: 'Record ID',
    type: 'id',
    length: 18,
    nillable: false,
    createable: false,
    updateable: false,
  },
  {
    name: 'IsDeleted',
    label: 'Deleted',
    type: 'boolean',
    nillable: false,
    createable: false,
    updateable: false,
  },
  stampedBy('CreatedById', 'Created By ID', 'CreatedBy'),
  stampedAt('CreatedDate', 'Created Date'),
  stampedBy('LastModifiedById', 'Last Modified By ID', 'LastModifiedBy'),
  stampedAt('LastModifiedDate', 'Last Modified Date'),
  stampedAt('SystemModstamp', 'System Modstamp'),
];

const text = (name: string, label: string, length: number, nillable = true): FieldDef => ({
  name,
  label,
  type: length > 255 ? 'textarea' : 'string',
  length,
  nillable,
  createable: true,
  updateable: true,
});

const reference = (
  name: string,
  label: string,
  to: string,
  relationshipName: string,
  updateable = false,
): FieldDef => ({
  name,
  label,
  type: 'reference',
  length: 18,
  nillable: false,
  createable: true,
  updateable,
  referenceTo: to,
  relationshipName,
});

const picklist = (name: string, label: string, values: string[], defaultValue?: string): FieldDef => ({
  name,
  label,
  type: 'picklist',
  length: 255,
  nillable: defaultValue === undefined,
  createable: true,
  updateable: true,
  picklist: { values, restricted: true },
  ...(defaultValue !== undefined ? { defaultValue } : {}),
});

const readOnly = (field: FieldDef): FieldDef => ({ ...field, createable: false, updateable: false });
/** A file's size in bytes (ContentVersion and ContentDocument), set by the platform. */
const contentSize = (): FieldDef =>
  readOnly({
    name: 'ContentSize',
    label: 'Size',
    type: 'int',
    nillable: true,
    createable: false,
    updateable: false,
  });
/** A file's extension (ContentVersion and ContentDocument), set by the platform. */
const fileExtension = (): FieldDef =>
  readOnly({
    name: 'FileExtension',
    label: 'File Extension',
    type: 'string',
    length: 40,
    nillable: true,
    createable: false,
    updateable: false,
  });

/** Case Status values (a support process's standard set). */
export const CASE_STATUSES = ['New', 'Working', 'Escalated', 'Closed'];
/** Case Priority values. */
export const CASE_PRIORITIES = ['High', 'Medium', 'Low'];
/** Case Origin values. */
export const CASE_ORIGINS = ['Phone', 'Email', 'Web'];

/** Every object the stand-in serves, by name. */
export const OBJECTS: ReadonlyMap<string, ObjectDef> = new Map(
  (
    [
      {
        name: 'Case',
        label: 'Case',
        labelPlural: 'Cases',
        keyPrefix: '500',
        fields: [
          readOnly({
            name: 'CaseNumber',
            label: 'Case Number',
            type: 'string',
            length: 30,
            nillable: false,
            createable: false,
            updateable: false,
          }),
          text('Subject', 'Subject', 255),
          text('Description', 'Description', 32000),
          picklist('Status', 'Status', CASE_STATUSES, 'New'),
          picklist('Priority', 'Priority', CASE_PRIORITIES, 'Medium'),
          picklist('Origin', 'Case Origin', CASE_ORIGINS),
          readOnly({
            name: 'IsClosed',
            label: 'Closed',
            type: 'boolean',
            nillable: false,
            createable: false,
            updateable: false,
          }),
          readOnly({
            name: 'ClosedDate',
            label: 'Closed Date',
            type: 'datetime',
            nillable: true,
            createable: false,
            updateable: false,
          }),
          { ...reference('OwnerId', 'Owner ID', 'User', 'Owner', true), defaultedOnCreate: true },
        ],
      },
      {
        name: 'CaseComment',
        label: 'Case Comment',
        labelPlural: 'Case Comments',
        keyPrefix: '00a',
        fields: [
          reference('ParentId', 'Parent Case ID', 'Case', 'Parent'),
          text('CommentBody', 'Body', 4000),
          {
            name: 'IsPublished',
            label: 'Published',
            type: 'boolean',
            nillable: false,
            createable: true,
            updateable: true,
            defaultValue: false,
          },
        ],
      },
      {
        name: 'FeedItem',
        label: 'Feed Item',
        labelPlural: 'Feed Items',
        keyPrefix: '0D5',
        fields: [
          reference('ParentId', 'Parent ID', 'Case', 'Parent'),
          { ...text('Body', 'Body', 10000, false) },
          {
            ...picklist('Type', 'Feed Item Type', ['TextPost', 'ContentPost'], 'TextPost'),
            updateable: false,
          },
        ],
      },
      {
        name: 'ContentVersion',
        label: 'Content Version',
        labelPlural: 'Content Versions',
        keyPrefix: '068',
        fields: [
          text('Title', 'Title', 255, false),
          { ...text('PathOnClient', 'Path On Client', 500, false), updateable: false },
          {
            name: 'VersionData',
            label: 'Version Data',
            type: 'base64',
            nillable: false,
            createable: true,
            updateable: false,
          },
          contentSize(),
          fileExtension(),
          readOnly({
            ...reference('ContentDocumentId', 'ContentDocument ID', 'ContentDocument', 'ContentDocument'),
            nillable: true,
          }),
          {
            ...reference(
              'FirstPublishLocationId',
              'First Publish Location ID',
              'Case',
              'FirstPublishLocation',
            ),
            nillable: true,
          },
        ],
      },
      {
        name: 'ContentDocument',
        label: 'Content Document',
        labelPlural: 'Content Documents',
        keyPrefix: '069',
        fields: [
          { ...text('Title', 'Title', 255, false), createable: false },
          fileExtension(),
          contentSize(),
          readOnly(
            reference(
              'LatestPublishedVersionId',
              'Latest Published Version ID',
              'ContentVersion',
              'LatestPublishedVersion',
            ),
          ),
        ],
      },
      {
        name: 'ContentDocumentLink',
        label: 'Content Document Link',
        labelPlural: 'Content Document Links',
        keyPrefix: '06A',
        fields: [
          reference('ContentDocumentId', 'ContentDocument ID', 'ContentDocument', 'ContentDocument'),
          reference('LinkedEntityId', 'Linked Entity ID', 'Case', 'LinkedEntity'),
          picklist('ShareType', 'Share Type', ['V', 'C', 'I'], 'V'),
          picklist('Visibility', 'Visibility', ['AllUsers', 'InternalUsers', 'SharedUsers'], 'AllUsers'),
        ],
      },
      {
        name: 'User',
        label: 'User',
        labelPlural: 'Users',
        keyPrefix: '005',
        fields: [
          text('Username', 'Username', 80, false),
          text('FirstName', 'First Name', 40),
          text('LastName', 'Last Name', 80, false),
          readOnly({
            name: 'Name',
            label: 'Full Name',
            type: 'string',
            length: 121,
            nillable: false,
            createable: false,
            updateable: false,
          }),
          { ...text('Email', 'Email', 128, false), type: 'email' },
          text('Alias', 'Alias', 8, false),
          {
            name: 'IsActive',
            label: 'Active',
            type: 'boolean',
            nillable: false,
            createable: true,
            updateable: true,
            defaultValue: true,
          },
        ],
      },
    ] satisfies ObjectDef[]
  ).map((object) => [object.name, { ...object, fields: [...SYSTEM_FIELDS, ...object.fields] }]),
);

/** The object named `name`, matched case-insensitively as Salesforce does. */
export function objectNamed(name: string): ObjectDef | undefined {
  const lower = name.toLowerCase();
  for (const object of OBJECTS.values()) if (object.name.toLowerCase() === lower) return object;
  return undefined;
}

/** The field named `name` on `object`, matched case-insensitively. */
export function fieldNamed(object: ObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((field) => field.name.toLowerCase() === lower);
}

/** The reference field whose relationship is `name` (`Owner` -> `OwnerId`), case-insensitively. */
export function relationshipNamed(object: ObjectDef, name: string): FieldDef | undefined {
  const lower = name.toLowerCase();
  return object.fields.find((field) => field.relationshipName?.toLowerCase() === lower);
}

/** The object whose ids start with `prefix`. */
export function objectOfPrefix(prefix: string): ObjectDef | undefined {
  for (const object of OBJECTS.values()) if (object.keyPrefix === prefix) return object;
  return undefined;
}
