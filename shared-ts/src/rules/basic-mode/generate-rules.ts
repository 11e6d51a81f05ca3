/**
 * Basic mode's generator: turns a mapping table into the outgoing and incoming scripts of one
 * side. The scripts are meant to be read and edited: an admin who outgrows the table "ejects"
 * and keeps editing what this produced. Semantics of each column: docs/rules.md, "Basic mode".
 */
import type { Side } from '../runtime/types';
import type { ResolvedField } from './field-catalog';
import type { MappingTable } from './mapping-table';
import { memberPath, objectLiteral, stringLiteral, tableName } from './script-syntax';
import { analyseMapping, type CheckedRow, type MappingProblem } from './validate-mapping';

/** The two scripts of one side. */
export interface GeneratedRules {
  /** Local entity -> replica. */
  outgoing: string;
  /** Replica -> local entity. */
  incoming: string;
}

/** Why `generateRules` made no scripts: the table has errors; `problems` lists all of them (and any warnings). */
export interface InvalidMapping {
  code: 'mapping-invalid';
  message: string;
  problems: MappingProblem[];
}

/** The scripts, or why the table cannot make them. */
export type GenerateRulesResult = { ok: true; rules: GeneratedRules } | { ok: false; error: InvalidMapping };

/** Generates both rule scripts of `side` from `mapping`, or fails with every error of the table at once. */
export function generateRules(mapping: MappingTable, side: Side): GenerateRulesResult {
  const { problems, rows } = analyseMapping(mapping, side);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    const message = `The mapping table has errors:\n${errors.map((problem) => `  ${problem.message}`).join('\n')}`;
    return { ok: false, error: { code: 'mapping-invalid', message, problems } };
  }
  return {
    ok: true,
    rules: { outgoing: outgoingScript(rows, side), incoming: incomingScript(rows, side, mapping) },
  };
}

const WIDTH = 100;

/** Collects a script's table constants and statements, then prints them in that order. */
class ScriptBuilder {
  private readonly constants: string[] = [];
  private readonly prelude: string[] = [];
  private readonly statements: string[] = [];
  private readonly taken = new Set<string>();

  constructor(private readonly header: string[]) {}

  /** Declares a table constant named after `field` and returns its name. */
  table(field: string, suffix: string, entries: Array<[string, string]>): string {
    const name = tableName(field, suffix, this.taken);
    this.constants.push(`const ${name} = ${objectLiteral(entries)};`);
    return name;
  }

  /** Adds a block printed before the statements, set apart by a blank line. */
  addPrelude(block: string): void {
    this.prelude.push(block);
  }

  add(statement: string): void {
    this.statements.push(statement);
  }

  print(emptyNote: string): string {
    const body = this.statements.length === 0 ? [`// ${emptyNote}`] : this.statements;
    const sections = [
      this.header.map((line) => `// ${line}`).join('\n'),
      ...this.constants,
      ...this.prelude,
      body.join('\n'),
    ];
    return `${sections.join('\n\n')}\n`;
  }
}

function outgoingScript(rows: CheckedRow[], side: Side): string {
  const local = localVariable(side);
  const script = new ScriptBuilder([
    `Tandem Basic mode: outgoing rules for ${sideName(side)} (${entityName(side)} -> replica).`,
    'Generated from the mapping table. To go beyond the table, eject: edit this script and',
    'save it; from then on the connection runs the script. See docs/rules.md, "Basic mode".',
  ]);
  for (const checked of rows) {
    if (checked.row.direction === 'from-remote') continue;
    script.add(outgoingStatement(checked, local, side, script));
  }
  return script.print('Nothing is sent: no row of the mapping table goes to the remote side.');
}

function outgoingStatement(checked: CheckedRow, local: string, side: Side, script: ScriptBuilder): string {
  const { row, local: localField, remote } = checked;
  const target = memberPath('replica', remote.path);
  const source = memberPath(local, localField.path, optionalFrom(localField));
  const value = readValue(local, localField);

  switch (remote.kind) {
    case 'comments': {
      const steps: string[] = [];
      if (row.includeInternal === false) steps.push('.filter((c) => !c.internal)');
      if (side === 'salesforce') steps.push('.map((c) => ({ ...c, body: text.toHtml(c.body) }))');
      return chain(`${target} = ${source}`, steps);
    }
    case 'attachments':
      return `${target} = ${source};`;
    case 'user':
      return assignTernary(target, source, userObject(source, side));
    case 'named': {
      if (localField.kind === 'named' && !translatesOut(checked)) return `${target} = ${source};`;
      const name = translatesOut(checked)
        ? lookupCall(value, outgoingTable(checked, script), fallbackOut(row.fallback, value))
        : value;
      const parts = [`name: ${name}`];
      if (remote.path[0] === 'status') {
        if (localField.kind === 'named') parts.push(`category: ${source}.category`);
        else if (row.categories !== undefined) {
          const categories = script.table(labelOf(localField), 'Categories', Object.entries(row.categories));
          parts.push(`category: lookup(${value}, ${categories}, null)`);
        }
      }
      return assignTernary(target, source, `{ ${parts.join(', ')} }`);
    }
    default: {
      let expression = value;
      if (row.transform === 'text<->html') expression = `text.toHtml(${value})`;
      if (row.transform === 'html<->text') expression = `html.toText(${value})`;
      if (translatesOut(checked)) {
        expression = lookupCall(value, outgoingTable(checked, script), fallbackOut(row.fallback, value));
      }
      return `${target} = ${expression};`;
    }
  }
}

function incomingScript(rows: CheckedRow[], side: Side, mapping: MappingTable): string {
  const local = localVariable(side);
  const script = new ScriptBuilder([
    `Tandem Basic mode: incoming rules for ${sideName(side)} (replica -> ${entityName(side)}).`,
    'Generated from the mapping table. To go beyond the table, eject: edit this script and',
    'save it; from then on the connection runs the script. See docs/rules.md, "Basic mode".',
  ]);
  const firstSync = firstSyncBlock(side, mapping);
  if (firstSync !== null) script.addPrelude(firstSync);
  for (const checked of rows) {
    if (checked.row.direction === 'to-remote') continue;
    script.add(incomingStatement(checked, local, side, script));
  }
  return script.print('Nothing is taken in: no row of the mapping table comes from the remote side.');
}

function incomingStatement(checked: CheckedRow, local: string, side: Side, script: ScriptBuilder): string {
  const { row, local: localField, remote } = checked;
  const target = memberPath(local, localField.path);
  const source = memberPath('replica', remote.path);
  const current = readValue(local, localField);

  if (remote.kind === 'attachments') return `${target} = ${source};`;
  if (remote.kind === 'comments') {
    const body = commentBody(side, row.attribution !== false);
    if (body === null) return `${target} = ${source};`;
    return `${target} = ${source}.map((c) => ({\n  ...c,\n  body: ${body},\n}));`;
  }

  const value = remote.kind === 'named' ? `${source}?.name` : source;
  const values =
    row.values === undefined ? null : script.table(labelOf(localField), 'Values', reverse(row.values));
  const categories =
    row.categories === undefined
      ? null
      : script.table(labelOf(localField), 'Categories', reverse(row.categories));
  const byCategory = categories === null ? null : lookupCall(`${source}?.category`, categories, current);
  if (values !== null) {
    const fallback = row.fallback === undefined ? (byCategory ?? current) : stringLiteral(row.fallback);
    return lookupAssignment(target, [value, values, fallback]);
  }
  if (byCategory !== null) return `${target} = ${byCategory};`;
  if (remote.kind === 'named' || localField.kind === 'named') return `${target} = ${value} ?? ${current};`;
  if (row.transform === 'text<->html') return `${target} = html.toText(${value});`;
  if (row.transform === 'html<->text') return `${target} = text.toHtml(${value});`;
  return `${target} = ${value};`;
}

/** Whether a row's value map translates what this side sends (only rows this side does not receive). */
function translatesOut(checked: CheckedRow): boolean {
  return checked.row.values !== undefined && checked.row.direction === 'to-remote';
}

/** `target = lookup(...);`, one argument per line when it does not fit on one. */
function lookupAssignment(target: string, args: [string, string, string]): string {
  const oneLine = `${target} = lookup(${args.join(', ')});`;
  if (oneLine.length <= WIDTH) return oneLine;
  return `${target} = lookup(\n${args.map((arg) => `  ${arg}`).join(',\n')}\n);`;
}

/** The `if (firstSync)` block that says where a first sync creates the local entity, or null. */
function firstSyncBlock(side: Side, mapping: MappingTable): string | null {
  const create = mapping.create ?? {};
  const lines: string[] = [];
  if (side === 'jira') {
    lines.push(`  issue.projectKey = ${withDefault('connection.settings?.projectKey', create.projectKey)};`);
    lines.push(`  issue.typeName = ${withDefault('connection.settings?.issueType', create.typeName)};`);
  } else if (create.entityType !== undefined) {
    lines.push(`  entity.entityType = ${stringLiteral(create.entityType)};`);
  }
  if (lines.length === 0) return null;
  return ['// A first sync creates the local entity: choose where.', 'if (firstSync) {', ...lines, '}'].join(
    '\n',
  );
}

function withDefault(expression: string, fallback: string | undefined): string {
  return fallback === undefined ? expression : `${expression} ?? ${stringLiteral(fallback)}`;
}

/** The body of a received comment on this side, or null when it is taken as it is. */
function commentBody(side: Side, attribution: boolean): string | null {
  const author = '${c.author?.displayName ?? "Someone"}';
  if (side === 'jira') {
    return attribution ? `text.toHtml(\`${author} (via Salesforce):\`) + c.body` : null;
  }
  return attribution ? `\`${author} (via Jira):\\n\${html.toText(c.body)}\`` : 'html.toText(c.body)';
}

/** The value of a local field as a plain value: the name of a named field (`issue.status?.name`). */
function readValue(root: string, field: ResolvedField): string {
  const path = memberPath(root, field.path, optionalFrom(field));
  return field.kind === 'named' ? `${path}?.name` : path;
}

/** Salesforce lookup paths (`Account.Name`) may cross an empty lookup, so they use `?.`. */
function optionalFrom(field: ResolvedField): number {
  const custom = field.path[0] === 'customFields' || field.path[0] === 'custom';
  return custom ? field.path.length : 1;
}

function userObject(source: string, side: Side): string {
  const [email, name, id] = side === 'jira' ? ['email', 'displayName', 'accountId'] : ['Email', 'Name', 'Id'];
  return `{ email: ${source}.${email}, displayName: ${source}.${name}, platformId: ${source}.${id} }`;
}

function outgoingTable(checked: CheckedRow, script: ScriptBuilder): string {
  const entries = Object.entries(checked.row.values ?? {}).map(
    ([localValue, remoteValue]): [string, string] => [
      localValue,
      typeof remoteValue === 'string' ? remoteValue : (remoteValue[0] ?? localValue),
    ],
  );
  return script.table(labelOf(checked.local), 'Values', entries);
}

function fallbackOut(fallback: string | undefined, value: string): string {
  return fallback === undefined ? value : stringLiteral(fallback);
}

/** remote -> local from local -> remote(s); the first local value listed for a remote value wins. */
function reverse(map: Record<string, string | string[]>): Array<[string, string]> {
  const reversed = new Map<string, string>();
  for (const [localValue, remoteValue] of Object.entries(map)) {
    for (const item of typeof remoteValue === 'string' ? [remoteValue] : remoteValue) {
      if (!reversed.has(item)) reversed.set(item, localValue);
    }
  }
  return [...reversed];
}

function lookupCall(value: string, table: string, fallback: string): string {
  return `lookup(${value}, ${table}, ${fallback})`;
}

/** `target = condition ? then : null;`, broken over three lines when long. */
function assignTernary(target: string, condition: string, then: string): string {
  const oneLine = `${target} = ${condition} ? ${then} : null;`;
  if (oneLine.length <= WIDTH) return oneLine;
  return `${target} = ${condition}\n  ? ${then}\n  : null;`;
}

/** `head.step1.step2;`, one step per line when long. */
function chain(head: string, steps: string[]): string {
  const oneLine = `${head}${steps.join('')};`;
  if (oneLine.length <= WIDTH) return oneLine;
  return `${head}\n${steps.map((step) => `  ${step}`).join('\n')};`;
}

function labelOf(field: ResolvedField): string {
  return field.path[field.path.length - 1] ?? 'field';
}

function localVariable(side: Side): string {
  return side === 'jira' ? 'issue' : 'entity';
}

function sideName(side: Side): string {
  return side === 'jira' ? 'Jira' : 'Salesforce';
}

function entityName(side: Side): string {
  return side === 'jira' ? 'issue' : 'record';
}
