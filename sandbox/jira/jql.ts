/**
 * JQL for the stand-in: syntax from Atlassian's own grammar (@atlaskit/jql-parser, the parser
 * Jira's editor uses), and a small evaluator for the clauses Tandem's JQL uses: `project`,
 * `key`/`issue`, `issuetype`, `status`, `statusCategory`, `labels`, `updated`/`created`
 * comparisons, `summary`/`description`/`text ~`, `issue.property[key].path = value`,
 * AND/OR/NOT and parentheses. Anything else parses but is refused as unsupported, so a test
 * never passes on a clause the stand-in silently ignored.
 */
import { CharStreams, CommonTokenStream } from 'antlr4ts';
import { JQLLexer } from '@atlaskit/jql-parser/JQLLexer';
import {
  JQLParser,
  JqlComparisonClauseContext,
  JqlEqualsClauseContext,
  JqlInClauseContext,
  JqlLikeClauseContext,
  type JqlAndClauseContext,
  type JqlNotClauseContext,
  type JqlOrClauseContext,
  type JqlOperandContext,
  type JqlTerminalClauseContext,
} from '@atlaskit/jql-parser/JQLParser';

/** What the evaluator needs to know about one issue. */
export interface JqlIssue {
  id: string;
  key: string;
  project: string;
  issueType: string;
  status: string;
  statusCategory: string;
  labels: string[];
  /** Epoch ms. */
  updated: number;
  created: number;
  text: { summary: string; description: string; comments: string };
  properties: Map<string, unknown>;
}

/** A compiled query, or the errors Jira would list in `/jql/parse` and a 400 from search. */
export type JqlCompiled =
  { ok: true; matches: (issue: JqlIssue) => boolean } | { ok: false; errors: string[] };

/** Longest JQL accepted; Jira's own limits are in the same range. */
export const JQL_MAX_LENGTH = 10_000;
/** Deepest parenthesis nesting accepted (the generated parser recurses per level). */
export const JQL_MAX_DEPTH = 40;

/** Parses and compiles a query. Never throws. */
export function compileJql(query: string, now: () => number = Date.now): JqlCompiled {
  if (query.length > JQL_MAX_LENGTH)
    return { ok: false, errors: [`The JQL query is longer than ${JQL_MAX_LENGTH} characters.`] };
  let depth = 0;
  for (const ch of query) {
    depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    if (depth > JQL_MAX_DEPTH)
      return { ok: false, errors: [`The JQL query nests parentheses deeper than ${JQL_MAX_DEPTH}.`] };
  }
  const errors: string[] = [];
  const listener = {
    syntaxError: (_recognizer: unknown, _symbol: unknown, line: number, column: number, message: string) => {
      errors.push(`Error in the JQL Query: ${message} (line ${line}, character ${column + 1}).`);
    },
  };
  try {
    const lexer = new JQLLexer(CharStreams.fromString(query));
    lexer.removeErrorListeners();
    lexer.addErrorListener(listener);
    const parser = new JQLParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    parser.addErrorListener(listener);
    const tree = parser.jqlQuery();
    if (errors.length > 0) return { ok: false, errors };
    const where = tree.jqlWhere();
    if (!where) return { ok: true, matches: () => true };
    const compiled = orClause(where.jqlOrClause(), now);
    return 'errors' in compiled ? { ok: false, errors: compiled.errors } : { ok: true, matches: compiled };
  } catch (error) {
    return { ok: false, errors: [`Error in the JQL Query: ${(error as Error).message}`] };
  }
}

type Predicate = (issue: JqlIssue) => boolean;
type Compiled = Predicate | { errors: string[] };

function all(parts: Compiled[], join: (predicates: Predicate[]) => Predicate): Compiled {
  const errors = parts.flatMap((part) => ('errors' in part ? part.errors : []));
  return errors.length > 0 ? { errors } : join(parts as Predicate[]);
}

function orClause(ctx: JqlOrClauseContext, now: () => number): Compiled {
  return all(
    ctx.jqlAndClause().map((c) => andClause(c, now)),
    (ps) => (issue) => ps.some((p) => p(issue)),
  );
}

function andClause(ctx: JqlAndClauseContext, now: () => number): Compiled {
  return all(
    ctx.jqlNotClause().map((c) => notClause(c, now)),
    (ps) => (issue) => ps.every((p) => p(issue)),
  );
}

function notClause(ctx: JqlNotClauseContext, now: () => number): Compiled {
  const inner = ctx.jqlNotClause();
  if (inner)
    return all(
      [notClause(inner, now)],
      ([p]) =>
        (issue) =>
          !(p as Predicate)(issue),
    );
  const sub = ctx.jqlSubClause();
  if (sub) return orClause(sub.jqlOrClause(), now);
  const terminal = ctx.jqlTerminalClause();
  return terminal ? terminalClause(terminal, now) : { errors: ['Error in the JQL Query: an empty clause.'] };
}

function unquote(text: string): string {
  if ((text.startsWith('"') && text.endsWith('"')) || (text.startsWith("'") && text.endsWith("'"))) {
    return text.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return text;
}

function operandValues(operand: JqlOperandContext): string[] | null {
  const value = operand.jqlValue();
  return value ? [unquote(value.text)] : null;
}

function terminalClause(ctx: JqlTerminalClauseContext, now: () => number): Compiled {
  const field = ctx.jqlField().text;
  const rhs = ctx.jqlTerminalClauseRhs();
  let operator: string;
  let values: string[];
  if (rhs instanceof JqlEqualsClauseContext || rhs instanceof JqlLikeClauseContext) {
    operator =
      rhs instanceof JqlEqualsClauseContext ? rhs.jqlEqualsOperator().text : rhs.jqlLikeOperator().text;
    const value = rhs.jqlValue();
    if (!value) return unsupported(field, operator);
    values = [unquote(value.text)];
  } else if (rhs instanceof JqlComparisonClauseContext) {
    operator = rhs.jqlComparisonOperator().text;
    const value = rhs.jqlValue();
    if (!value) return unsupported(field, operator);
    values = [unquote(value.text)];
  } else if (rhs instanceof JqlInClauseContext) {
    // The parse tree's text drops whitespace between tokens: `not in` reads `notin`.
    operator = rhs.jqlInOperator().text.toLowerCase().replace(/\s+/g, '') === 'notin' ? 'not in' : 'in';
    const list = rhs.jqlList();
    if (!list) return unsupported(field, operator);
    const items = list.jqlOperand().map(operandValues);
    if (items.some((item) => item === null)) return unsupported(field, operator);
    values = items.flat() as string[];
  } else {
    return unsupported(field, rhs.text);
  }
  return fieldPredicate(field, operator, values, now);
}

function unsupported(field: string, operator: string): Compiled {
  return { errors: [`The stand-in does not evaluate '${field} ${operator}'.`] };
}

function fieldPredicate(rawField: string, operator: string, values: string[], now: () => number): Compiled {
  const property = /^issue\.property\[([^\]]+)\]\.(.+)$/i.exec(rawField);
  if (property) {
    const key = unquote(property[1] as string);
    const path = (property[2] as string).split('.');
    return compare(operator, values, (issue) => {
      let node: unknown = issue.properties.get(key);
      for (const segment of path)
        node =
          node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
      return node === undefined || node === null ? [] : [String(node)];
    });
  }
  const field = unquote(rawField).toLowerCase();
  const lower = (s: string) => s.toLowerCase();
  switch (field) {
    case 'project':
      return compare(operator, values, (i) => [i.project], lower);
    case 'key':
    case 'issue':
    case 'issuekey':
    case 'id':
      return compare(operator, values, (i) => [i.key, i.id], lower);
    case 'issuetype':
    case 'type':
      return compare(operator, values, (i) => [i.issueType], lower);
    case 'status':
      return compare(operator, values, (i) => [i.status], lower);
    case 'statuscategory':
      return compare(operator, values, (i) => [i.statusCategory], lower);
    case 'labels':
      return compare(operator, values, (i) => i.labels);
    case 'updated':
    case 'created': {
      const bounds = values.map((v) => parseJqlDate(v, now));
      if (bounds.some((b) => b === null))
        return { errors: [`Date value '${values.join(', ')}' for field '${field}' is invalid.`] };
      const at = bounds[0] as number;
      const read = (i: JqlIssue) => (field === 'updated' ? i.updated : i.created);
      const ops: Record<string, (t: number) => boolean> = {
        '>=': (t) => t >= at,
        '>': (t) => t > at,
        '<=': (t) => t <= at,
        '<': (t) => t < at,
        '=': (t) => t === at,
      };
      const op = ops[operator];
      return op ? (i) => op(read(i)) : unsupported(field, operator);
    }
    case 'summary':
    case 'description':
    case 'comment':
    case 'text': {
      if (operator !== '~' && operator !== '!~') return unsupported(field, operator);
      const words = (values[0] ?? '')
        .toLowerCase()
        .split(/\s+/)
        .filter((w) => w !== '');
      const haystack = (i: JqlIssue) =>
        (field === 'text'
          ? `${i.text.summary} ${i.text.description} ${i.text.comments}`
          : field === 'comment'
            ? i.text.comments
            : i.text[field]
        ).toLowerCase();
      const has: Predicate = (i) => words.every((w) => haystack(i).includes(w));
      return operator === '~' ? has : (i) => !has(i);
    }
    default:
      return { errors: [`Field '${rawField}' does not exist or you do not have permission to view it.`] };
  }
}

function compare(
  operator: string,
  values: string[],
  read: (issue: JqlIssue) => string[],
  normalise: (s: string) => string = (s) => s,
): Compiled {
  const wanted = new Set(values.map(normalise));
  const hit = (i: JqlIssue) => read(i).some((v) => wanted.has(normalise(v)));
  switch (operator) {
    case '=':
    case 'in':
      return hit;
    case '!=':
    case 'not in':
      return (i) => !hit(i);
    default:
      return unsupported(values.join(','), operator);
  }
}

/** `"2026-12-03 13:40"`, `"2026-12-03"`, `-5m`/`-2h`/`-1d`/`-1w` relative to now; epoch ms or null. */
export function parseJqlDate(value: string, now: () => number): number | null {
  const relative = /^([-+]?\d+)([mhdw])$/.exec(value);
  if (relative) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[
      relative[2] as 'm' | 'h' | 'd' | 'w'
    ];
    return now() + Number(relative[1]) * unit;
  }
  const absolute = /^(\d{4})[-/](\d{2})[-/](\d{2})(?: (\d{2}):(\d{2}))?$/.exec(value);
  if (!absolute) return null;
  const [, y, mo, d, h, mi] = absolute;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0));
}
