import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CheckResult, Finding } from './check-result';
import { listFiles } from './apex-files';

/** The Metadata API's XML namespace; every source file's root element declares it. */
export const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';

/** The largest value a Long Text Area holds (the core's stored chunks stay under it). */
export const LONG_TEXT_AREA_MAX = 131_072;

/** A static resource may be at most 5 MB. */
export const STATIC_RESOURCE_MAX_BYTES = 5 * 1024 * 1024;

/** Metadata files larger than this are refused unread (ours are a few KB). */
const MAX_XML_BYTES = 1024 * 1024;

const ROOT_BY_SUFFIX: readonly (readonly [string, string])[] = [
  ['.object-meta.xml', 'CustomObject'],
  ['.field-meta.xml', 'CustomField'],
  ['.permissionset-meta.xml', 'PermissionSet'],
  ['.cls-meta.xml', 'ApexClass'],
  ['.trigger-meta.xml', 'ApexTrigger'],
  ['.md-meta.xml', 'CustomMetadata'],
  ['.resource-meta.xml', 'StaticResource'],
];

/** Elements that may repeat: always parsed as lists. */
const LIST_ELEMENTS = new Set([
  'fieldPermissions',
  'objectPermissions',
  'classAccesses',
  'customMetadataTypeAccesses',
  'customSettingAccesses',
  'value',
  'values',
]);

const FIELD_TYPES = new Set([
  'Text',
  'LongTextArea',
  'TextArea',
  'Number',
  'Checkbox',
  'DateTime',
  'Date',
  'Picklist',
  'Lookup',
  'MasterDetail',
  'Url',
  'Email',
]);

/** A custom API name: letters, digits and single underscores, starting with a letter, and a suffix. */
const CUSTOM_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*__(?:c|mdt)$/;
/** Salesforce caps the name before the suffix at 40 characters. */
const MAX_NAME_CHARS = 40;

type Xml = Record<string, unknown>;

interface ParsedFile {
  readonly file: string;
  readonly root: Xml;
}

interface FieldInfo {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  readonly file: string;
}

function text(node: Xml, key: string): string | undefined {
  const value = node[key];
  return typeof value === 'string' ? value : undefined;
}

function list(node: Xml, key: string): Xml[] {
  const value = node[key];
  return Array.isArray(value) ? (value.filter((v) => typeof v === 'object' && v !== null) as Xml[]) : [];
}

function suffixOf(file: string): readonly [string, string] | undefined {
  return ROOT_BY_SUFFIX.find(([suffix]) => file.endsWith(suffix));
}

/** The package's metadata, parsed, with findings for what does not parse. */
function parseAll(packageDir: string, findings: Finding[]): ParsedFile[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => LIST_ELEMENTS.has(name),
  });
  const parsed: ParsedFile[] = [];
  for (const file of listFiles(packageDir, ['-meta.xml'])) {
    const add = (code: string, message: string, line = 0): void => {
      findings.push({ file, line, code, message });
    };
    const kind = suffixOf(file);
    if (kind === undefined) {
      add(
        'metadata-unknown-kind',
        'a metadata file of a kind the checks do not know: add it to ROOT_BY_SUFFIX',
      );
      continue;
    }
    if (statSync(file).size > MAX_XML_BYTES) {
      add('metadata-too-large', `over ${MAX_XML_BYTES} bytes: not read`);
      continue;
    }
    const xml = readFileSync(file, 'utf8');
    const valid = XMLValidator.validate(xml);
    if (valid !== true) {
      add('metadata-xml', `not well-formed XML: ${valid.err.msg}`, valid.err.line);
      continue;
    }
    const doc = parser.parse(xml) as Xml;
    const root = doc[kind[1]];
    if (typeof root !== 'object' || root === null) {
      add('metadata-root', `the root element must be <${kind[1]}> for a ${kind[0]} file`);
      continue;
    }
    if ((root as Xml)['@_xmlns'] !== METADATA_NS) {
      add('metadata-namespace', `<${kind[1]}> must declare xmlns="${METADATA_NS}"`);
    }
    parsed.push({ file, root: root as Xml });
  }
  return parsed;
}

function checkName(name: string, file: string, findings: Finding[]): void {
  const base = name.replace(/__(c|mdt)$/, '');
  if (!CUSTOM_NAME.test(name) || base.length > MAX_NAME_CHARS) {
    findings.push({
      file,
      line: 0,
      code: 'metadata-name',
      message: `"${name}" is not a valid custom API name (a letter, then letters, digits or single underscores, at most ${MAX_NAME_CHARS} characters, then __c or __mdt)`,
    });
  }
}

function require_(node: Xml, keys: readonly string[], file: string, what: string, findings: Finding[]): void {
  for (const key of keys) {
    const value = node[key];
    if (value === undefined || value === '') {
      findings.push({ file, line: 0, code: 'metadata-missing', message: `${what} has no <${key}>` });
    }
  }
}

function checkLength(node: Xml, key: string, max: number, file: string, findings: Finding[]): void {
  const value = text(node, key);
  if (value !== undefined && value.length > max) {
    const message = `<${key}> has ${value.length} characters; Salesforce allows ${max}`;
    findings.push({ file, line: 0, code: 'metadata-too-long', message });
  }
}

function intIn(node: Xml, key: string, min: number, max: number, file: string, findings: Finding[]): void {
  const raw = text(node, key);
  const value = raw === undefined ? NaN : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    const message = `<${key}> must be an integer from ${min} to ${max}, not ${raw ?? 'absent'}`;
    findings.push({ file, line: 0, code: 'metadata-range', message });
  }
}

function checkField(objectName: string, f: ParsedFile, objects: Set<string>, findings: Finding[]): FieldInfo {
  const { file, root } = f;
  const name = text(root, 'fullName') ?? '';
  const what = `field ${objectName}.${name}`;
  if (name !== path.basename(file, '.field-meta.xml')) {
    findings.push({
      file,
      line: 0,
      code: 'metadata-name',
      message: `<fullName>${name}</fullName> differs from the file name`,
    });
  }
  checkName(name, file, findings);
  require_(root, ['label', 'type', 'description', 'inlineHelpText'], file, what, findings);
  checkLength(root, 'label', 40, file, findings);
  checkLength(root, 'description', 1000, file, findings);
  checkLength(root, 'inlineHelpText', 510, file, findings);
  const type = text(root, 'type') ?? '';
  if (!FIELD_TYPES.has(type)) {
    findings.push({ file, line: 0, code: 'metadata-type', message: `${what} has an unknown type "${type}"` });
  }
  if (type === 'Text') intIn(root, 'length', 1, 255, file, findings);
  if (type === 'LongTextArea') {
    intIn(root, 'length', 256, LONG_TEXT_AREA_MAX, file, findings);
    intIn(root, 'visibleLines', 1, 50, file, findings);
  }
  if (type === 'Number') {
    intIn(root, 'precision', 1, 18, file, findings);
    intIn(root, 'scale', 0, Number(text(root, 'precision') ?? 18), file, findings);
  }
  if (type === 'Picklist') {
    const values = list((root['valueSet'] as Xml | undefined)?.['valueSetDefinition'] as Xml, 'value');
    if (values.length === 0)
      findings.push({ file, line: 0, code: 'metadata-missing', message: `${what} has no values` });
  }
  if (type === 'Lookup' || type === 'MasterDetail') {
    require_(root, ['referenceTo', 'relationshipName', 'relationshipLabel'], file, what, findings);
    const target = text(root, 'referenceTo') ?? '';
    if (target.endsWith('__c') && !objects.has(target)) {
      findings.push({
        file,
        line: 0,
        code: 'metadata-reference',
        message: `${what} refers to ${target}, which the package does not define`,
      });
    }
  }
  return { name, type, required: text(root, 'required') === 'true', file };
}

function checkObject(
  name: string,
  root: Xml,
  file: string,
  fields: readonly FieldInfo[],
  findings: Finding[],
): void {
  checkName(name, file, findings);
  checkLength(root, 'description', 1000, file, findings);
  if (name.endsWith('__mdt')) {
    require_(
      root,
      ['label', 'pluralLabel', 'description', 'visibility'],
      file,
      `custom metadata type ${name}`,
      findings,
    );
    return;
  }
  if (root['customSettingsType'] !== undefined) {
    require_(
      root,
      ['label', 'description', 'customSettingsType', 'visibility'],
      file,
      `custom setting ${name}`,
      findings,
    );
    // Tandem keeps secrets in custom settings: in a managed package only Protected keeps them from admins.
    if (text(root, 'visibility') !== 'Protected') {
      findings.push({
        file,
        line: 0,
        code: 'metadata-setting-visibility',
        message: `custom setting ${name} must be Protected`,
      });
    }
    return;
  }
  const what = `object ${name}`;
  require_(
    root,
    ['label', 'pluralLabel', 'nameField', 'sharingModel', 'deploymentStatus', 'description'],
    file,
    what,
    findings,
  );
  const nameField = (root['nameField'] ?? {}) as Xml;
  require_(nameField, ['label', 'type'], file, `${what} <nameField>`, findings);
  if (text(nameField, 'type') === 'AutoNumber')
    require_(nameField, ['displayFormat'], file, `${what} <nameField>`, findings);
  const isDetail = fields.some((f) => f.type === 'MasterDetail');
  if (isDetail !== (text(root, 'sharingModel') === 'ControlledByParent')) {
    const message = `${what}: sharingModel must be ControlledByParent exactly when it has a master-detail field`;
    findings.push({ file, line: 0, code: 'metadata-sharing', message });
  }
}

function checkDuplicates(names: readonly string[], what: string, file: string, findings: Finding[]): void {
  const seen = new Set<string>();
  for (const name of names) {
    const key = name.toLowerCase();
    if (seen.has(key))
      findings.push({
        file,
        line: 0,
        code: 'metadata-duplicate',
        message: `${what} "${name}" is defined twice`,
      });
    seen.add(key);
  }
}

function checkPermissionSet(
  root: Xml,
  file: string,
  fieldsByObject: ReadonlyMap<string, readonly FieldInfo[]>,
  findings: Finding[],
): void {
  require_(root, ['label', 'description'], file, `permission set ${path.basename(file)}`, findings);
  const add = (code: string, message: string): void => {
    findings.push({ file, line: 0, code, message });
  };
  for (const grant of list(root, 'fieldPermissions')) {
    const ref = text(grant, 'field') ?? '';
    const [objectName = '', fieldName = ''] = ref.split('.');
    const field = fieldsByObject.get(objectName)?.find((f) => f.name === fieldName);
    if (field === undefined)
      add('metadata-permission-field', `grants ${ref}, which the package does not define`);
    else if (field.required || field.type === 'MasterDetail')
      add(
        'metadata-permission-field',
        `grants ${ref}: required and master-detail fields take no field permission`,
      );
    if (text(grant, 'editable') === 'true' && text(grant, 'readable') !== 'true')
      add('metadata-permission-field', `${ref} is editable but not readable`);
  }
  checkDuplicates(
    list(root, 'fieldPermissions').map((g) => text(g, 'field') ?? ''),
    'field permission',
    file,
    findings,
  );
  for (const grant of list(root, 'objectPermissions')) {
    const objectName = text(grant, 'object') ?? '';
    if (!fieldsByObject.has(objectName))
      add('metadata-permission-object', `grants ${objectName}, which the package does not define`);
  }
  for (const grant of list(root, 'customMetadataTypeAccesses')) {
    const name = text(grant, 'name') ?? '';
    if (!fieldsByObject.has(name))
      add('metadata-permission-object', `grants ${name}, which the package does not define`);
  }
  for (const grant of list(root, 'customSettingAccesses')) {
    add(
      'metadata-permission-secret',
      `grants the custom setting ${text(grant, 'name') ?? ''}: secrets are read by Tandem's Apex only`,
    );
  }
}

function checkStaticResource(root: Xml, file: string, findings: Finding[]): void {
  require_(
    root,
    ['contentType', 'cacheControl', 'description'],
    file,
    `static resource ${path.basename(file)}`,
    findings,
  );
  const body = file.replace(/\.resource-meta\.xml$/, '.resource');
  if (!existsSync(body)) {
    findings.push({
      file,
      line: 0,
      code: 'metadata-resource-body',
      message: `no ${path.basename(body)} beside it`,
    });
  } else if (statSync(body).size > STATIC_RESOURCE_MAX_BYTES) {
    const message = `${path.basename(body)} is ${statSync(body).size} bytes; a static resource holds at most ${STATIC_RESOURCE_MAX_BYTES}`;
    findings.push({ file: body, line: 0, code: 'metadata-resource-size', message });
  }
}

/**
 * Checks the package's metadata source: every `*-meta.xml` is well-formed XML with the right root
 * and namespace; objects, settings, metadata types and fields have their required elements (label,
 * description, help text, sizes within Salesforce's limits); names are valid and unique; lookups
 * point at defined objects; permission sets grant only what exists (and no secret); static
 * resources have a body under 5 MB; Apex is pinned to `apiVersion`. Never throws.
 */
export function checkMetadata(packageDir: string, apiVersion: string): CheckResult {
  const findings: Finding[] = [];
  const parsed = parseAll(packageDir, findings);
  const objectDirs = new Map<string, ParsedFile>();
  const fieldFiles = new Map<string, ParsedFile[]>();
  for (const f of parsed) {
    if (f.file.endsWith('.object-meta.xml')) objectDirs.set(path.basename(f.file, '.object-meta.xml'), f);
    if (f.file.endsWith('.field-meta.xml')) {
      const objectName = path.basename(path.dirname(path.dirname(f.file)));
      fieldFiles.set(objectName, [...(fieldFiles.get(objectName) ?? []), f]);
    }
  }
  checkDuplicates([...objectDirs.keys()], 'object', packageDir, findings);
  const objects = new Set(objectDirs.keys());
  const fieldsByObject = new Map<string, FieldInfo[]>();
  for (const [objectName, files] of fieldFiles) {
    if (!objects.has(objectName)) {
      const message = `fields of ${objectName}, which has no ${objectName}.object-meta.xml`;
      findings.push({ file: files[0]?.file ?? packageDir, line: 0, code: 'metadata-orphan-field', message });
    }
    const fields = files.map((f) => checkField(objectName, f, objects, findings));
    checkDuplicates(
      fields.map((f) => f.name),
      `field of ${objectName}`,
      path.dirname(files[0]?.file ?? packageDir),
      findings,
    );
    fieldsByObject.set(objectName, fields);
  }
  for (const [name, f] of objectDirs) {
    checkObject(name, f.root, f.file, fieldsByObject.get(name) ?? [], findings);
    if (!fieldsByObject.has(name)) fieldsByObject.set(name, []);
  }
  for (const { file, root } of parsed) {
    if (file.endsWith('.permissionset-meta.xml')) checkPermissionSet(root, file, fieldsByObject, findings);
    if (file.endsWith('.resource-meta.xml')) checkStaticResource(root, file, findings);
    if (file.endsWith('.cls-meta.xml') || file.endsWith('.trigger-meta.xml')) {
      if (text(root, 'apiVersion') !== apiVersion || text(root, 'status') !== 'Active') {
        const message = `Apex must be <apiVersion>${apiVersion}</apiVersion> (sfdx-project.json) and <status>Active</status>`;
        findings.push({ file, line: 0, code: 'metadata-apex-version', message });
      }
    }
  }
  return { ran: `fast-xml-parser + required elements on ${parsed.length} metadata files`, findings };
}
