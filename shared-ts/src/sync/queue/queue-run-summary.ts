/** How a run over a queue (inbox or outbox) went. */
export interface QueueRunSummary {
  /** Items finished: applied, dropped or unlinked (inbox); delivered (outbox). */
  done: number;
  /** Items that failed and will be tried again. */
  retrying: number;
  /** Items that went to the error list. */
  failed: number;
  /**
   * Due items the run left for the next one because its budget (deadline, items, bytes) ran out,
   * counted up to one past `maxItems`: not zero means run again soon.
   */
  remaining: number;
}
