/**
 * THE SANDBOX'S TWIN OF THE APEX PACKAGE, NOT WHAT SHIPS. The package captures changes with
 * one-line Apex triggers on Case, CaseComment, FeedItem and ContentDocumentLink (issue 12,
 * "Capture"); this is their stand-in over the stand-in org.
 *
 * An after-save listener collects the Cases a change concerns, except while the inbound apply's
 * flag is set (changes made by the apply are not sent back). `flush` then keeps those that are
 * linked or match an active trigger, as the Apex handler does with
 * `SELECT Id FROM Case WHERE (<clause>) AND Id IN :changed`, and queues their replicas through
 * the core's `syncLocalChange`.
 */
import type { LinkStore, SyncEngine } from '@tandem/shared-ts/engine';
import type { SalesforceOrg } from '../model';
import { runQuery } from '../soql';
import { CASE_TYPE, caseOfRecord, SALESFORCE_PLATFORM, type InboundFlag } from './case-entity-store';

/** A sync trigger as the package stores it (Sync_Trigger__c): the object, its SOQL WHERE clause, whether it is on. */
export interface SyncTrigger {
  object: 'Case';
  where: string;
  active: boolean;
}

/** What one flush did. */
export interface CaptureReport {
  /** Cases queued (linked or matching), and Cases left alone. */
  queued: string[];
  ignored: string[];
  /** Triggers whose clause the stand-in refused, with its message (the others still ran). */
  triggerErrors: { where: string; message: string }[];
}

/** The capture of one connection. */
export interface Capture {
  /** The Cases changed since the last flush, oldest first. */
  readonly changed: ReadonlySet<string>;
  flush(): Promise<CaptureReport>;
  stop(): void;
}

/** Most Case ids put into one trigger query (the Apex handler gets at most 200 records per trigger call). */
const QUERY_CHUNK = 200;

/** Starts listening to the org. */
export function startCapture(options: {
  org: SalesforceOrg;
  connectionId: string;
  engine: SyncEngine;
  links: LinkStore;
  triggers: () => readonly SyncTrigger[];
  inbound: InboundFlag;
}): Capture {
  const { org, connectionId, engine, links, inbound } = options;
  const changed = new Set<string>();
  const stop = org.onChange((change) => {
    if (inbound.active) return;
    const record = change.after ?? change.before;
    const caseId = record ? caseOfRecord(record) : null;
    if (caseId !== null && org.get(caseId)) changed.add(caseId);
  });
  const flush = async (): Promise<CaptureReport> => {
    const ids = [...changed];
    changed.clear();
    const report: CaptureReport = { queued: [], ignored: [], triggerErrors: [] };
    const matching = matchingTriggers(org, ids, options.triggers(), report);
    for (const id of ids) {
      const ref = { platform: SALESFORCE_PLATFORM, type: CASE_TYPE, id };
      const linked = (await links.get(connectionId, ref)) !== null;
      if (!linked && !matching.has(id)) {
        report.ignored.push(id);
        continue;
      }
      await engine.syncLocalChange(ref);
      report.queued.push(id);
    }
    return report;
  };
  return { changed, flush, stop };
}

/** The ids among `ids` that an active trigger's clause takes, queried as the Apex handler does. */
function matchingTriggers(
  org: SalesforceOrg,
  ids: string[],
  triggers: readonly SyncTrigger[],
  report: CaptureReport,
): Set<string> {
  const matching = new Set<string>();
  for (const trigger of triggers) {
    if (!trigger.active || trigger.object !== CASE_TYPE) continue;
    for (let i = 0; i < ids.length; i += QUERY_CHUNK) {
      const list = ids
        .slice(i, i + QUERY_CHUNK)
        .map((id) => `'${id}'`)
        .join(', ');
      const result = runQuery(org, `SELECT Id FROM Case WHERE (${trigger.where}) AND Id IN (${list})`);
      if (!result.ok) {
        report.triggerErrors.push({
          where: trigger.where,
          message: `${result.error.errorCode}: ${result.error.message}`,
        });
        break;
      }
      for (const record of result.value.records) matching.add(String(record.Id));
    }
  }
  return matching;
}
