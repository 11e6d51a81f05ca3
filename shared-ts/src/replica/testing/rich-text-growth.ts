/**
 * Test support: inputs of any size for the rich-text linear-time tests, one builder per nesting
 * pattern family (inline, block, list, table, unknown tag, attribute-heavy, entity-heavy), each
 * deep and unclosed (the shape that was quadratic) and flat and long. Each builder repeats a unit
 * to the size asked for (in UTF-16 code units, within one unit).
 */
import { htmlToAdf } from '../rich-text/html-to-adf';

/** `unit` repeated to about `size` characters, then `tail`. */
function repeatTo(unit: string, size: number, tail = ''): string {
  return unit.repeat(Math.max(1, Math.floor(size / unit.length))) + tail;
}

/** HTML of each family, deep (unclosed tags nested without end) and flat (closed, side by side). */
export const HTML_FAMILIES: Readonly<Record<string, (size: number) => string>> = {
  'inline, deep': (size) => repeatTo('<b>', size, 'x'),
  'inline, flat': (size) => repeatTo('<b>bold</b> <em>it</em> <a href="https://x.example/">l</a> ', size),
  'block, deep': (size) => repeatTo('<blockquote><p>q', size),
  'block, flat': (size) => repeatTo('<p>para</p><h2>head</h2><div>div</div><pre>pre\n</pre>', size),
  'list, deep': (size) => repeatTo('<ul><li>item', size),
  'list, flat': (size) => `<ul>${repeatTo('<li>item</li><li><ol><li>sub</li></ol></li>', size)}</ul>`,
  'table, deep': (size) => repeatTo('<table><tr><td>cell', size),
  'table, flat': (size) =>
    `<table>${repeatTo('<tr><th>h</th><td colspan="2">a</td><td>b</td></tr>', size)}</table>`,
  'unknown tag, deep': (size) => repeatTo('<x>', size),
  'unknown tag, flat': (size) => repeatTo('<x>a</x><span>b</span><font>c</font>', size),
  'attribute-heavy, deep': (size) =>
    repeatTo('<a href="https://x.example/?a=1&amp;b=2" title="t" onclick="x()" a b c>', size, 'x'),
  'attribute-heavy, flat': (size) =>
    repeatTo('<td colspan="2" rowspan="3" style="x" class="c" id="i">c</td>', size),
  'entity-heavy, deep': (size) => repeatTo('<i>&amp;&#x1F600;&nbsp;', size),
  'entity-heavy, flat': (size) => repeatTo('&amp;&lt;&gt;&quot;&#39;&nbsp;&#8212;&bogus;&', size),
};

/**
 * The families `npm test` times twice at each size (`FULL_LADDER`); the others once
 * (`SHORT_LADDER`), to keep the suite's time modest.
 */
export const MAIN_HTML_FAMILIES: readonly string[] = [
  'inline, deep',
  'inline, flat',
  'list, deep',
  'unknown tag, deep',
  'entity-heavy, flat',
];

/** Plain text of about `size` characters, by shape. */
export const TEXT_FAMILIES: Readonly<Record<string, (size: number) => string>> = {
  lines: (size) => repeatTo('a line of text & <b>markup</b> "quoted"\n', size),
  paragraphs: (size) => repeatTo('para\n\n', size),
  'blank lines': (size) => `x${repeatTo('\n\u00a0', size)}x`,
  'one long line': (size) => repeatTo('word ', size),
};

/** A JSON value `depth` levels deep of ADF nodes of `type`, built without recursion. */
export function deepAdf(depth: number, type: string): unknown {
  let node: unknown = { type: 'paragraph', content: [{ type: 'text', text: 'deep' }] };
  for (let level = 0; level < depth; level++) node = { type, content: [node] };
  return { version: 1, type: 'doc', content: [node] };
}

/** ADF as JSON text, blockquotes nested about `size / 32` deep (JSON.stringify would overflow the stack). */
export function deepAdfText(size: number): string {
  const depth = Math.max(1, Math.floor(size / 32));
  return (
    '{"version":1,"type":"doc","content":[' +
    '{"type":"blockquote","content":['.repeat(depth) +
    '{"type":"text","text":"deep"}' +
    ']}'.repeat(depth) +
    ']}'
  );
}

/** ADF of about `size` characters of JSON, by shape: what `htmlToAdf` writes for each HTML family, and hostile ADF. */
export const ADF_FAMILIES: Readonly<Record<string, (size: number) => unknown>> = {
  'from inline HTML': (size) => htmlToAdf(HTML_FAMILIES['inline, flat']?.(size / 4) ?? ''),
  'from lists': (size) => htmlToAdf(HTML_FAMILIES['list, flat']?.(size / 4) ?? ''),
  'from tables': (size) => htmlToAdf(HTML_FAMILIES['table, flat']?.(size / 4) ?? ''),
  'nested past the limit': (size) => deepAdf(Math.floor(size / 32), 'blockquote'),
  'unknown nodes nested past the limit': (size) => deepAdf(Math.floor(size / 32), 'toString'),
  'text with many marks': (size) => ({
    version: 1,
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: Array.from({ length: Math.floor(size / 120) }, (_, i) => ({
          type: 'text',
          text: `t${i}`,
          marks:
            i % 2 === 0
              ? [{ type: 'strong' }, { type: 'link', attrs: { href: 'https://x.example/' } }]
              : [{ type: 'em' }],
        })),
      },
    ],
  }),
};

/** 256 KiB to 1 MiB, best of 2: the sizes for the main families (below 256 KiB, cache effects show). */
export const FULL_LADDER = { sizes: [1 << 18, 1 << 19, 1 << 20], repeats: 2 };

/** The same sizes, timed once (`linearGrowth` measures again when a ratio is high): the other families. */
export const SHORT_LADDER = { sizes: [1 << 18, 1 << 19, 1 << 20], repeats: 1 };

/**
 * The largest doubling ratio the rich-text linear-time tests accept: linear code doubles to
 * about 2, quadratic to about 4 (the examples of issue #8 grew by 7 per doubling).
 */
export const RICH_TEXT_RATIO_LIMIT = 3.2;

/**
 * The largest single doubling the rich-text tests accept beside a mean under
 * `RICH_TEXT_RATIO_LIMIT`: a pause at one size can take one doubling to about 3.5 on a quiet
 * machine (measured: textToHtml on blank lines, 3.55 in jest, 2.0-2.1 in a bare process).
 */
export const RICH_TEXT_WORST_RATIO_LIMIT = 5;

/**
 * `run` done `times` times, so a fast function's time is long enough to compare; a string
 * result is read once, as a caller would, so the time of building it counts.
 */
export function repeated<T>(run: (input: T) => unknown, times: number): (input: T) => void {
  return (input) => {
    for (let i = 0; i < times; i++) {
      const result = run(input);
      if (typeof result === 'string') result.charCodeAt(result.length >> 1);
    }
  };
}
