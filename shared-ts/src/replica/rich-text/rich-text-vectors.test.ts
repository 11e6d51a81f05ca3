/**
 * Runs the language-neutral rich-text vectors (`shared-ts/conformance/rich-text/*.json`): each
 * vector's input through its function must give its expected output. The files are generated
 * from `rich-text-vectors.ts`; `UPDATE_RICH_TEXT_VECTORS=1 npx jest rich-text-vectors` rewrites
 * them after an intended change (review the diff).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { htmlToText, textToHtml } from './plain-text';
import { htmlToAdf } from './html-to-adf';
import { RICH_TEXT_VECTOR_SETS, type RichTextVectorSet } from './rich-text-vectors';
import { sanitizeHtml } from './sanitize-html';

const directory = path.join(__dirname, '../../../conformance/rich-text');

const FUNCTIONS: Record<RichTextVectorSet['fn'], (input: string) => unknown> = {
  htmlToText,
  textToHtml,
  sanitizeHtml,
  htmlToAdf,
};

interface VectorFile {
  description: string;
  function: string;
  vectors: Array<{ name: string; input: string; expected: unknown }>;
}

function generate(set: RichTextVectorSet): VectorFile {
  const fn = FUNCTIONS[set.fn];
  return {
    description: set.description,
    function: set.fn,
    vectors: set.cases.map(([name, input]) => ({ name, input, expected: fn(input) })),
  };
}

describe.each(RICH_TEXT_VECTOR_SETS.map((set) => [set.file, set] as const))(
  'conformance/rich-text/%s',
  (file, set) => {
    const target = path.join(directory, file);
    if (process.env.UPDATE_RICH_TEXT_VECTORS === '1') {
      writeFileSync(target, `${JSON.stringify(generate(set), null, 2)}\n`);
    }
    const committed = JSON.parse(readFileSync(target, 'utf8')) as VectorFile;

    it('is what rich-text-vectors.ts generates (UPDATE_RICH_TEXT_VECTORS=1 rewrites it)', () => {
      expect(committed).toEqual(generate(set));
    });

    it('has unique names', () => {
      const names = committed.vectors.map((vector) => vector.name);
      expect(new Set(names).size).toBe(names.length);
    });

    it.each(committed.vectors.map((vector) => [vector.name, vector] as const))('%s', (_name, vector) => {
      expect(FUNCTIONS[set.fn](vector.input)).toEqual(vector.expected);
    });
  },
);
