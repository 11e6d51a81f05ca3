/**
 * THE SANDBOX'S TWIN OF THE APEX PACKAGE, NOT WHAT SHIPS. The Salesforce node is a managed
 * package whose Apex does all this (issue 12); Apex cannot run here, so the sandbox runs this
 * TypeScript twin of its pipeline over the Salesforce stand-in instead. It holds no logic of its
 * own beyond the Apex's plumbing: the decisions are the core's engine and rendezvous client.
 *
 * One connection as the package runs it: the core's engine with the Case entity store over the
 * stand-in org, fed the compiled IR of both directions (what the package stores in Rule
 * Version rows), capture of changes (the package's triggers) with the connection's sync
 * triggers, and the poller calling out to the rendezvous URL with signed POSTs (the package's
 * Named Credential callout), on the package's schedule.
 */
import { createSyncEngine, syncFailure, type SyncEngine } from '@tandem/shared-ts/engine';
import {
  createMessageIdGenerator,
  THIS_NODE_SPEAKS,
  type RendezvousClientDeps,
  type SignedMessage,
  type Speaks,
} from '@tandem/shared-ts/protocol';
import { replicaContentHash } from '@tandem/shared-ts/replica';
import { runIr, type IrProgram } from '@tandem/shared-ts/rules';
import {
  InMemoryAckStore,
  InMemoryLinkStore,
  InMemoryReplayCache,
  InMemoryStatsStore,
  InMemorySyncLog,
  InMemoryWorkQueue,
} from '@tandem/shared-ts/testing';
import { randomUUID } from 'node:crypto';
import type { SalesforceOrg } from '../model';
import { startCapture, type Capture, type SyncTrigger } from './capture';
import { createCaseEntityStore, type InboundFlag } from './case-entity-store';
import { createPuller, type Puller, type PullerRun, type PullerTimer } from './puller';

/** Default poll delay: the package's default of one minute. */
export const DEFAULT_POLL_DELAY_MS = 60_000;

/** How the package is set up for one connection (what its objects and settings hold). */
export interface SalesforceTwinOptions {
  org: SalesforceOrg;
  connectionId: string;
  /** The connection secret (base64url, 32 bytes), as the protected custom setting holds it. */
  secret: string;
  /** The Named Credential's URL: the Jira node's rendezvous web trigger. */
  rendezvousUrl: string;
  /** The compiled rules of each direction. */
  rules: { incomingIr: IrProgram; outgoingIr: IrProgram };
  /** The connection's sync triggers. */
  triggers?: SyncTrigger[];
  /** What both sides speak (from the hello); this node's by default. */
  speaks?: Speaks;
  pollDelayMs?: number;
  clock?: { now(): number };
  timer?: PullerTimer;
  onRun?: (run: PullerRun) => void;
}

/** A running twin, with handles on its stores for tests and the sandbox's log. */
export interface SalesforceTwin {
  engine: SyncEngine;
  links: InMemoryLinkStore;
  outbox: InMemoryWorkQueue;
  inbox: InMemoryWorkQueue;
  log: InMemorySyncLog;
  acks: InMemoryAckStore;
  capture: Capture;
  puller: Puller;
  /** The connection's triggers; change them as an admin would. */
  triggers: SyncTrigger[];
  stop(): void;
}

/** Builds the twin of one connection (the poller is not started: `puller.start()` or `puller.runOnce()`). */
export function createSalesforceTwin(options: SalesforceTwinOptions): SalesforceTwin {
  const clock = options.clock ?? { now: () => Date.now() };
  const inbound: InboundFlag = { active: false };
  const stores = {
    links: new InMemoryLinkStore(),
    outbox: new InMemoryWorkQueue(),
    inbox: new InMemoryWorkQueue(),
    log: new InMemorySyncLog(),
    stats: new InMemoryStatsStore(),
  };
  const { incomingIr, outgoingIr } = options.rules;
  const engine = createSyncEngine(
    {
      connectionId: options.connectionId,
      side: 'salesforce',
      // The engine knows rules by their text; this node runs IR, so the IR's JSON is that text.
      rules: {
        incoming: JSON.stringify(incomingIr),
        outgoing: JSON.stringify(outgoingIr),
        incomingDependencies: incomingIr.dependencies,
      },
    },
    {
      entities: createCaseEntityStore(options.org, inbound),
      ...stores,
      clock,
      ids: { next: () => randomUUID() },
      random: Math.random,
      runRules: (_script, side, direction, inputs) =>
        runIr(direction === 'incoming' ? incomingIr : outgoingIr, side, direction, inputs),
      hashReplica: async (replica) => replicaContentHash(replica),
    },
  );
  const triggers = [...(options.triggers ?? [])];
  const capture = startCapture({
    org: options.org,
    connectionId: options.connectionId,
    engine,
    links: stores.links,
    triggers: () => triggers,
    inbound,
  });
  const acks = new InMemoryAckStore();
  const client: RendezvousClientDeps = {
    connectionId: options.connectionId,
    secret: options.secret,
    speaks: options.speaks ?? { ...THIS_NODE_SPEAKS },
    engine,
    clock,
    messageIds: createMessageIdGenerator({ clock }),
    answerReplayCache: new InMemoryReplayCache(clock),
    post: (signed) => postTo(options.rendezvousUrl, signed),
  };
  const puller = createPuller({
    client,
    acks,
    engine,
    capture,
    delayMs: options.pollDelayMs ?? DEFAULT_POLL_DELAY_MS,
    ...(options.timer ? { timer: options.timer } : {}),
    ...(options.onRun ? { onRun: options.onRun } : {}),
  });
  return {
    engine,
    ...stores,
    acks,
    capture,
    puller,
    triggers,
    stop: () => {
      puller.stop();
      capture.stop();
    },
  };
}

/** The callout: a POST of the signed bytes with their headers (the Apex's `HttpRequest` on the Named Credential). */
async function postTo(url: string, signed: SignedMessage): ReturnType<RendezvousClientDeps['post']> {
  try {
    const response = await fetch(url, { method: 'POST', headers: signed.headers, body: signed.body });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    return { ok: true, answer: { statusCode: response.status, headers, body: await response.text() } };
  } catch (error) {
    return {
      ok: false,
      error: syncFailure('network', `The rendezvous at ${url} did not answer: ${(error as Error).message}`),
    };
  }
}
