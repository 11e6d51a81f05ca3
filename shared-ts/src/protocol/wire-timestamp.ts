/**
 * Timestamps on the wire (X-Tandem-Timestamp, `sentAt`) are ISO-8601 UTC with exactly three
 * fractional digits, as `Date.prototype.toISOString` writes them. One spelling per instant, so
 * the header and the envelope can be compared as strings.
 */

const WIRE_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The wire spelling of an instant given in epoch milliseconds. */
export function formatWireTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** The instant (epoch ms) of a wire timestamp, or null when the text is not one (or names no real date). */
export function parseWireTimestamp(text: string): number | null {
  if (!WIRE_TIMESTAMP.test(text)) return null;
  const epochMs = Date.parse(text);
  if (Number.isNaN(epochMs) || new Date(epochMs).toISOString() !== text) return null;
  return epochMs;
}
