// Rich-text conversions against their floor, measured in the same run: each conversion's time
// per input divided by the time of the floor over the same input. The floor of the HTML readers
// (HTML -> ADF, HTML -> text, sanitize) is htmlparser2's Tokenizer alone with empty callbacks
// (the least any tokenising reader does); the floor of ADF -> HTML is a walk over the ADF
// objects writing every node's type, marks, attribute values and escaped text into one string
// (see walkAdf). Inputs: a realistic Jira description (~30 KiB: headings, paragraphs with marks
// and links, lists, a code block, a table) and a pathological one (deep unclosed nesting, entity
// and attribute heavy).
// Target: each conversion within 5x its floor on both inputs. Exits 1 when one misses. Times are
// CPU time of this process (`process.cpuUsage`), best of 7 rounds.
import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import type { AdfDoc, AdfNode } from '../shared-ts/src/replica';
import { adfToHtml } from '../shared-ts/src/replica/rich-text/adf-to-html';
import { htmlToAdf } from '../shared-ts/src/replica/rich-text/html-to-adf';
import { sanitizeHtml } from '../shared-ts/src/replica/rich-text/sanitize-html';
import { htmlToText } from '../shared-ts/src/replica/rich-text/plain-text';

const TARGET_RATIO = 5;

function realisticDescription(): string {
  let html = '<h1>Monthly export fails for draft reports</h1>';
  for (let section = 1; html.length < 30_000; section++) {
    html += `<h2>Section ${section}</h2>`;
    html +=
      '<p>The monthly export stops at <strong>73%</strong> for reports in <em>draft</em>; see ' +
      `<a href="https://status.example/incidents/${section}?view=full&amp;tab=log">the incident</a> and ` +
      '<code>ExportJob.run</code>. Customers &amp; partners report it since 2026-10-30.</p>';
    html +=
      '<ol><li>Open a draft report</li><li>Export as <b>CSV</b><ul><li>with headers</li><li>UTF-8</li></ul></li><li>Wait</li></ol>';
    html +=
      '<pre>java.lang.IllegalStateException: stream closed\n    at com.acme.export.ExportJob.run(ExportJob.java:73)\n    at com.acme.export.Scheduler.tick(Scheduler.java:41)\n\n    at java.base/java.lang.Thread.run(Thread.java:833)</pre>';
    html +=
      '<table><tbody><tr><th>Region</th><th>Reports</th><th>Failures</th></tr>' +
      '<tr><td>EMEA</td><td>1,204</td><td>37</td></tr><tr><td>AMER</td><td>2,311</td><td>52</td></tr></tbody></table>';
    html += '<blockquote><p>It worked last month.</p></blockquote>';
  }
  return html;
}

function pathologicalDescription(): string {
  let html = '';
  html += '<div><span class="a" data-x="1" style="color:red">'.repeat(150);
  html += '&lt;&amp;&#39;&#x1F600;&nbsp;'.repeat(800);
  html += '<ul><li>'.repeat(60) + 'deep';
  html += '<b><i><u>x '.repeat(1500);
  html += '<p>a<br>b</p>'.repeat(800);
  return html;
}

const noop = (): void => {};
const TOKENIZER_CALLBACKS: TokenizerCallbacks = {
  onattribdata: noop,
  onattribentity: noop,
  onattribend: noop,
  onattribname: noop,
  oncdata: noop,
  onclosetag: noop,
  oncomment: noop,
  ondeclaration: noop,
  onend: noop,
  onopentagend: noop,
  onopentagname: noop,
  onprocessinginstruction: noop,
  onselfclosingtag: noop,
  ontext: noop,
  ontextentity: noop,
};

function tokenizeOnly(html: string): number {
  const tokenizer = new Tokenizer({ decodeEntities: true }, TOKENIZER_CALLBACKS);
  tokenizer.write(html);
  tokenizer.end();
  return html.length;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Visits every node of the document and writes its type, its marks' types, its and its marks'
 * attribute values and its text, escaped for HTML, into one string: the least an ADF -> HTML
 * writer does (read the JSON objects, including the marks and attributes that become tags and
 * `href`s, and write output of about the same size whose text cannot break the markup). Until
 * issue #10's "Closer to the floor" work this walk skipped marks, attributes and escaping, work
 * the conversion cannot skip, so its ratio counted that necessary work as overhead.
 */
function walkAdf(doc: AdfDoc): string {
  let out = '';
  const stack: AdfNode[] = [...doc.content].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as AdfNode;
    out += `<${node.type}>`;
    if (node.attrs !== undefined) for (const key in node.attrs) out += String(node.attrs[key]);
    if (node.marks !== undefined) {
      for (const mark of node.marks) {
        out += `<${mark.type}>`;
        if (mark.attrs !== undefined) for (const key in mark.attrs) out += String(mark.attrs[key]);
      }
    }
    if (node.text !== undefined) {
      out += /[&<>"']/.test(node.text)
        ? node.text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char)
        : node.text;
    }
    if (node.content)
      for (let i = node.content.length - 1; i >= 0; i--) stack.push(node.content[i] as AdfNode);
  }
  return out;
}

/** CPU microseconds this process has used (user and system, every thread: GC included). */
function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/**
 * CPU microseconds per call: the best of 7 rounds of enough calls to take about 50 ms. CPU time,
 * as in rules.bench.ts: on a shared machine other processes' work stretches wall-clock rounds of
 * the conversion and of its floor unevenly, and the ratio with them.
 */
function microsPerCall(run: () => unknown): number {
  let sink = 0;
  const once = (): void => {
    const result = run();
    sink += typeof result === 'string' ? result.length : 1;
  };
  for (let i = 0; i < 20; i++) once();
  let calls = 1;
  for (;;) {
    const start = cpuMicros();
    for (let i = 0; i < calls; i++) once();
    if (cpuMicros() - start > 50_000) break;
    calls *= 2;
  }
  let best = Infinity;
  for (let round = 0; round < 7; round++) {
    const start = cpuMicros();
    for (let i = 0; i < calls; i++) once();
    best = Math.min(best, (cpuMicros() - start) / calls);
  }
  if (sink < 0) console.log(sink);
  return best;
}

let failed = 0;
for (const [label, html] of [
  ['realistic', realisticDescription()],
  ['pathological', pathologicalDescription()],
] as const) {
  const adf = htmlToAdf(html);
  const adfJson = JSON.parse(JSON.stringify(adf)) as AdfDoc;
  const tokenFloor = microsPerCall(() => tokenizeOnly(html));
  const walkFloor = microsPerCall(() => walkAdf(adfJson));
  console.log(
    `${label} description: ${(html.length / 1024).toFixed(1)} KiB of HTML; floors: tokenizer ${tokenFloor.toFixed(0)} µs, ADF walk ${walkFloor.toFixed(0)} µs`,
  );
  const rows: Array<[string, () => unknown, number]> = [
    ['HTML -> ADF (htmlToAdf)', () => htmlToAdf(html), tokenFloor],
    ['HTML -> text (htmlToText)', () => htmlToText(html), tokenFloor],
    ['sanitize (sanitizeHtml)', () => sanitizeHtml(html), tokenFloor],
  ];
  // The pathological HTML makes a small ADF document (its depth is unwrapped): no floor to time.
  if (label === 'realistic')
    rows.splice(1, 0, ['ADF -> HTML (adfToHtml)', () => adfToHtml(adfJson), walkFloor]);
  for (const [name, run, floor] of rows) {
    const micros = microsPerCall(run);
    const ratio = micros / floor;
    const ok = ratio <= TARGET_RATIO;
    if (!ok) failed++;
    console.log(
      `  ${name.padEnd(28)} ${micros.toFixed(0).padStart(7)} µs  ${ratio.toFixed(1).padStart(5)}x its floor  ${ok ? 'pass' : 'FAIL'} (target ${TARGET_RATIO}x)`,
    );
  }
}
console.log(
  failed === 0
    ? 'rich text: every conversion within its target'
    : `rich text: ${failed} conversion(s) missed the target`,
);
process.exit(failed === 0 ? 0 : 1);
