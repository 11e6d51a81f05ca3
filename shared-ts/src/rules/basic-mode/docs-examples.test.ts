import { readFileSync } from 'node:fs';
import path from 'node:path';
import { check, runRules } from '..';
import type { Direction, RuleInputs, Side } from '../runtime/types';
import { DEFAULT_RULES } from './defaults';
import { realisticCase, realisticIssue, type Json } from './fixtures';

/**
 * docs/rules.md is the admin's reference, so its examples must be true. Every ```js block
 * says which script it is after the language: ```js jira incoming, or ```js refused
 * salesforce outgoing for an example of what the checker refuses.
 */
interface DocExample {
  line: number;
  info: string;
  side: Side;
  direction: Direction;
  refused: boolean;
  code: string;
}

const DOC = path.join(__dirname, '..', '..', '..', '..', 'docs', 'rules.md');

function examples(markdown: string): DocExample[] {
  const found: DocExample[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```js\b(.*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const info = (open[1] ?? '').trim();
    const words = info.split(/\s+/).filter((word) => word !== '');
    const refused = words[0] === 'refused';
    const [side, direction, ...rest] = refused ? words.slice(1) : words;
    if (
      (side !== 'jira' && side !== 'salesforce') ||
      (direction !== 'outgoing' && direction !== 'incoming') ||
      rest.length
    ) {
      throw new Error(
        `docs/rules.md:${i + 1}: a js block must say "[refused] jira|salesforce outgoing|incoming", not "${info}"`,
      );
    }
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`docs/rules.md:${i + 1}: the js block is never closed`);
    found.push({
      line: i + 1,
      info,
      side,
      direction,
      refused,
      code: lines.slice(i + 1, end).join('\n') + '\n',
    });
    i = end;
  }
  return found;
}

/** The inputs a script of this side and direction sees for the fixtures, the other side's defaults having sent theirs. */
function realisticInputs(side: Side, direction: Direction): RuleInputs {
  const entity = side === 'jira' ? realisticIssue(5) : realisticCase(5);
  const connection = { name: 'Support <-> SUP', settings: { projectKey: 'HELP', issueType: 'Bug' } };
  if (direction === 'outgoing') return { entity, connection, firstSync: false };
  const remote: Side = side === 'jira' ? 'salesforce' : 'jira';
  const sent = runRules(DEFAULT_RULES[remote].outgoing, remote, 'outgoing', {
    entity: remote === 'jira' ? realisticIssue(5) : realisticCase(5),
  });
  const replica: Json = sent.ok ? sent.output : {};
  return {
    entity,
    replica,
    previous: { ...replica, status: { name: 'Done', category: 'done' } },
    firstSync: true,
    connection,
  };
}

const markdown = readFileSync(DOC, 'utf8');
const all = examples(markdown);
const label = (example: DocExample): string => `line ${example.line} (${example.info})`;

describe('docs/rules.md', () => {
  it('has examples of scripts that pass and of scripts that are refused', () => {
    expect(all.filter((example) => example.refused).length).toBeGreaterThanOrEqual(5);
    expect(all.filter((example) => !example.refused).length).toBeGreaterThanOrEqual(30);
  });

  it.each(all.filter((example) => !example.refused).map((example) => [label(example), example] as const))(
    'the example at %s passes check without errors',
    (_, example) => {
      const errors = check(example.code, example.side, example.direction).filter(
        (diagnostic) => diagnostic.severity === 'error',
      );
      expect(errors).toEqual([]);
    },
  );

  it.each(all.filter((example) => !example.refused).map((example) => [label(example), example] as const))(
    'the example at %s runs on a realistic issue or Case, alike in both interpreters',
    (_, example) => {
      const inputs = realisticInputs(example.side, example.direction);
      const [ast, ir] = (['ast', 'ir'] as const).map((engine) =>
        runRules(example.code, example.side, example.direction, inputs, { engine }),
      );
      expect(ast).toMatchObject({ ok: true });
      expect(ir).toEqual(ast);
    },
  );

  it.each(all.filter((example) => example.refused).map((example) => [label(example), example] as const))(
    'the refused example at %s is refused by check',
    (_, example) => {
      const errors = check(example.code, example.side, example.direction).filter(
        (diagnostic) => diagnostic.severity === 'error',
      );
      expect(errors.length).toBeGreaterThan(0);
    },
  );

  it.each(['jira', 'salesforce'] as const)('shows the %s defaults exactly as they ship', (side) => {
    const codes = all
      .filter((example) => example.side === side && !example.refused)
      .map((example) => example.code);
    expect(codes).toContain(DEFAULT_RULES[side].outgoing);
    expect(codes).toContain(DEFAULT_RULES[side].incoming);
  });
});
