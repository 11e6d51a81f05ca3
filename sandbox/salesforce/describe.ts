/**
 * What the Salesforce stand-in's describe calls answer: `sobjects` (describeGlobal) and
 * `sobjects/<Type>/describe`, shaped as the REST API's DescribeGlobalResult and
 * DescribeSObjectResult (the subset of their members that clients such as jsforce read).
 */
import { OBJECTS, type FieldDef, type ObjectDef } from './schema';

const SOAP_TYPES: Record<FieldDef['type'], string> = {
  id: 'tns:ID',
  reference: 'tns:ID',
  string: 'xsd:string',
  textarea: 'xsd:string',
  picklist: 'xsd:string',
  email: 'xsd:string',
  boolean: 'xsd:boolean',
  datetime: 'xsd:dateTime',
  base64: 'xsd:base64Binary',
  int: 'xsd:int',
};

function urls(object: ObjectDef, version: string) {
  const base = `/services/data/v${version}/sobjects/${object.name}`;
  return { sobject: base, describe: `${base}/describe`, rowTemplate: `${base}/{ID}` };
}

function summary(object: ObjectDef, version: string) {
  const writable = object.name !== 'ContentDocument';
  return {
    name: object.name,
    label: object.label,
    labelPlural: object.labelPlural,
    keyPrefix: object.keyPrefix,
    custom: false,
    createable: writable,
    updateable: object.name !== 'ContentDocumentLink',
    deletable: object.name !== 'ContentVersion',
    queryable: true,
    retrieveable: true,
    searchable: object.name === 'Case',
    triggerable: true,
    layoutable: object.name === 'Case',
    urls: urls(object, version),
  };
}

/** `GET /services/data/vXX.X/sobjects`. */
export function describeGlobal(version: string) {
  return {
    encoding: 'UTF-8',
    maxBatchSize: 200,
    sobjects: [...OBJECTS.values()].map((object) => summary(object, version)),
  };
}

/** `GET /services/data/vXX.X/sobjects/<Type>`: the object's summary and its recent items. */
export function describeBasic(object: ObjectDef, version: string) {
  return { objectDescribe: summary(object, version), recentItems: [] };
}

function fieldBody(field: FieldDef) {
  const text =
    field.type === 'string' ||
    field.type === 'textarea' ||
    field.type === 'picklist' ||
    field.type === 'email';
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    soapType: SOAP_TYPES[field.type],
    length: text ? (field.length ?? 0) : 0,
    byteLength: text ? (field.length ?? 0) * 3 : field.type === 'id' || field.type === 'reference' ? 18 : 0,
    nillable: field.nillable,
    createable: field.createable,
    updateable: field.updateable,
    defaultedOnCreate:
      field.defaultValue !== undefined || field.defaultedOnCreate === true || !field.createable,
    defaultValue: field.defaultValue ?? null,
    calculated: false,
    custom: false,
    externalId: false,
    idLookup: field.type === 'id',
    unique: field.type === 'id',
    filterable: field.type !== 'base64',
    sortable: field.type !== 'base64' && field.type !== 'textarea',
    groupable: field.type !== 'base64' && field.type !== 'textarea' && field.type !== 'datetime',
    restrictedPicklist: field.picklist?.restricted ?? false,
    picklistValues: (field.picklist?.values ?? []).map((value) => ({
      active: true,
      defaultValue: value === field.defaultValue,
      label: value,
      validFor: null,
      value,
    })),
    referenceTo: field.referenceTo ? [field.referenceTo] : [],
    relationshipName: field.relationshipName ?? null,
  };
}

/** `GET /services/data/vXX.X/sobjects/<Type>/describe`. */
export function describeObject(object: ObjectDef, version: string) {
  const childRelationships = [...OBJECTS.values()].flatMap((child) =>
    child.fields
      .filter((field) => field.referenceTo === object.name && field.name !== 'Id')
      .map((field) => ({
        childSObject: child.name,
        field: field.name,
        relationshipName:
          child.name === 'CaseComment' ? 'CaseComments' : child.name === 'FeedItem' ? 'Feeds' : null,
        cascadeDelete: field.name === 'ParentId' || field.name === 'LinkedEntityId',
      })),
  );
  return {
    ...summary(object, version),
    fields: object.fields.map(fieldBody),
    childRelationships,
    recordTypeInfos: [],
    supportedScopes: [{ label: 'All', name: 'everything' }],
  };
}
