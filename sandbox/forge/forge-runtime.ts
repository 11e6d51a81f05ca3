/**
 * The Forge runtime stand-in, and the ONE module that owns the SDKs' seam: it installs
 * `globalThis.__forge_runtime__` (app context, tracing, metrics, remaining time) and
 * `globalThis.__forge_fetch__(target, path, init)` so the real @forge/api 8.3.0, @forge/kvs
 * 1.6.5 and @forge/events 3.0.8 run unchanged against local stand-ins:
 * - `target.type === 'kvs'`: the storage stand-in (`SqliteKvs`, SQLite through better-sqlite3);
 * - `fpp` to `jira`: forwarded to the Jira base URL given (the Jira stand-in's HTTP server);
 * - `fpp` to `stargate`: `/graphql` web trigger URL mutations and queries (URLs on localhost),
 *   and `/webhook/queue/publish/...` (async events, delivered on the runtime's clock);
 * - anything else (egress): refused with a `forge-proxy-error`, as an app without egress is.
 * Handlers are loaded through the manifest and run with the platform's time limits (web trigger
 * 55 s, resolver and product trigger 25 s, consumer and scheduled `timeoutSeconds` up to 900 s),
 * measured on the runtime's clock and reported when exceeded. The seam is internal to the SDKs:
 * the versions are pinned, and this file is the only one to change when they move.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { EventQueues, outcomeOf, type AsyncEvent, type DeliveryRecord } from './async-events';
import { SqliteKvs, type EntityDeclaration } from './kvs-store';
import { handlerLocation, INTERVAL_MS, readManifest, type ForgeManifest } from './manifest';

/** The kinds of invocation, each with its own time limit. */
export type InvocationKind = 'webtrigger' | 'resolver' | 'trigger' | 'consumer' | 'scheduled';

/** Default time limits, ms (consumer and scheduled functions may declare up to 900 s). */
export const TIME_LIMITS_MS: Record<InvocationKind, number> = {
  webtrigger: 55_000,
  resolver: 25_000,
  trigger: 25_000,
  consumer: 25_000,
  scheduled: 25_000,
};
/** The most a consumer or scheduled function may declare with `timeoutSeconds`. */
export const MAX_TIMEOUT_SECONDS = 900;

/** A clock the runtime reads and, in tests, moves. */
export interface RuntimeClock {
  now(): number;
  advance?(ms: number): void;
}

/** A web trigger request as Forge hands it to the function. */
export interface WebTriggerRequest {
  method: string;
  path: string;
  headers: Record<string, string[]>;
  queryParameters: Record<string, string[]>;
  body: string;
}

/** A web trigger response as a dynamic web trigger returns it. */
export interface WebTriggerResponse {
  statusCode: number;
  headers?: Record<string, string[]>;
  body?: string;
}

/** How an invocation went. */
export interface InvocationReport {
  kind: InvocationKind;
  moduleKey: string;
  functionKey: string;
  elapsedMs: number;
  limitMs: number;
  /** The function ran longer than its limit: the platform would have stopped it. */
  overLimit: boolean;
  /** What the function threw, if it threw. */
  error?: string;
}

/** Options of a runtime. */
export interface ForgeRuntimeOptions {
  /** Folder for the SQLite file, or ':memory:'. */
  storage: string | ':memory:';
  /** The clock; defaults to the wall clock. */
  clock?: RuntimeClock;
  /** Base URL of the Jira site (the Jira stand-in), without a trailing slash. */
  jiraBaseUrl?: string;
  /** Base URL web trigger URLs are built on (`serveWebTriggers` sets it). */
  webTriggerBaseUrl?: string;
  /** Custom entities, when no manifest declares them. */
  entities?: readonly EntityDeclaration[];
  /** Overrides of the time limits (tests). */
  timeLimitsMs?: Partial<Record<InvocationKind, number>>;
  appId?: string;
  environmentId?: string;
  cloudId?: string;
}

type ForgeTarget = { type?: string; provider?: string; remote?: string; accountId?: string };
type Handler = (...args: unknown[]) => unknown;

interface Seam {
  __forge_runtime__?: unknown;
  __forge_fetch__?: unknown;
}

/** One installation of an app on the stand-in. */
export class ForgeRuntime {
  readonly kvs: SqliteKvs;
  readonly events: EventQueues;
  readonly clock: RuntimeClock;
  /** Every invocation, in order. */
  readonly reports: InvocationReport[] = [];
  /** Product calls forwarded, `METHOD path`. */
  readonly productCalls: string[] = [];
  private manifest: ForgeManifest | null = null;
  private readonly handlers = new Map<string, Handler>();
  private readonly scheduledNext = new Map<string, number>();
  private webTriggerBase: string;
  private server: Server | null = null;
  private moduleKey = '';
  private deadline = Number.POSITIVE_INFINITY;
  private readonly appId: string;
  private readonly environmentId: string;
  private readonly cloudId: string;
  private readonly previousSeam: Seam;

  constructor(private readonly options: ForgeRuntimeOptions) {
    const wall = { now: () => Date.now() };
    this.clock = options.clock ?? wall;
    this.kvs = new SqliteKvs(options.storage, () => this.clock.now(), options.entities ?? []);
    this.events = new EventQueues(() => this.clock.now());
    this.webTriggerBase = options.webTriggerBaseUrl ?? 'http://localhost:8090';
    this.appId = options.appId ?? '00000000-0000-4000-8000-00000000f0e1';
    this.environmentId = options.environmentId ?? '00000000-0000-4000-8000-0000000000e1';
    this.cloudId = options.cloudId ?? '00000000-0000-4000-8000-0000000000c1';
    const seam = globalThis as Seam;
    this.previousSeam = { __forge_runtime__: seam.__forge_runtime__, __forge_fetch__: seam.__forge_fetch__ };
    seam.__forge_runtime__ = this.runtimeGlobal();
    seam.__forge_fetch__ = (target: ForgeTarget, path: string, init?: RequestInit) =>
      this.fetch(target, path, init);
  }

  /** Loads an app through its manifest: functions, modules, entities (declared on the storage). */
  load(manifestPath: string): ForgeManifest {
    const manifest = readManifest(manifestPath);
    this.manifest = manifest;
    this.kvs.declareEntities(manifest.entities);
    for (const scheduled of manifest.scheduledTriggers)
      this.scheduledNext.set(scheduled.key, this.clock.now() + INTERVAL_MS[scheduled.interval]);
    return manifest;
  }

  /** Removes the seam (restoring what was there) and closes storage and the server. */
  async close(): Promise<void> {
    const seam = globalThis as Seam;
    seam.__forge_runtime__ = this.previousSeam.__forge_runtime__;
    seam.__forge_fetch__ = this.previousSeam.__forge_fetch__;
    if (this.server) await new Promise<void>((done) => this.server?.close(() => done()));
    this.kvs.close();
  }

  /** The web trigger URL of a module key: stable per app, environment and site, on localhost. */
  webTriggerUrl(moduleKey: string): string {
    const id = createHash('sha256')
      .update(`${this.appId}|${this.environmentId}|${this.cloudId}|${moduleKey}`)
      .digest('hex');
    return `${this.webTriggerBase}/x1/${id.slice(0, 32)}`;
  }

  /** Serves web trigger URLs over HTTP on localhost (port 0: any free port); returns the base URL. */
  async serveWebTriggers(port = 0): Promise<string> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://localhost');
        const key = this.manifest?.webtriggers.find(
          (trigger) => new URL(this.webTriggerUrl(trigger.key)).pathname === url.pathname.replace(/\/+$/, ''),
        )?.key;
        const send = (answer: WebTriggerResponse): void => {
          const headers: Record<string, string> = {};
          for (const [name, values] of Object.entries(answer.headers ?? {}))
            headers[name] = values.join(', ');
          response.writeHead(answer.statusCode, headers);
          response.end(answer.body ?? '');
        };
        if (!key) return send({ statusCode: 404, body: 'No web trigger at this URL.' });
        const headers: Record<string, string[]> = {};
        for (const [name, value] of Object.entries(request.headers))
          headers[name.toLowerCase()] = Array.isArray(value) ? value : [String(value)];
        const queryParameters: Record<string, string[]> = {};
        for (const [name, value] of url.searchParams) (queryParameters[name] ??= []).push(value);
        void this.invokeWebTrigger(key, {
          method: request.method ?? 'GET',
          path: url.pathname,
          headers,
          queryParameters,
          body: Buffer.concat(chunks).toString('utf8'),
        }).then(send);
      });
    });
    this.server = server;
    await new Promise<void>((done) => server.listen(port, '127.0.0.1', () => done()));
    const address = server.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    this.webTriggerBase = `http://localhost:${actual}`;
    return this.webTriggerBase;
  }

  /** Calls a web trigger's function; a function that throws or runs over 55 s answers 500. */
  async invokeWebTrigger(moduleKey: string, request: WebTriggerRequest): Promise<WebTriggerResponse> {
    const module = this.requireManifest().webtriggers.find((trigger) => trigger.key === moduleKey);
    if (!module) throw new Error(`The manifest has no webtrigger "${moduleKey}".`);
    const { value, report } = await this.invoke('webtrigger', moduleKey, module.function, [
      request,
      this.context(),
    ]);
    if (report.error !== undefined || report.overLimit || !isResponse(value))
      return { statusCode: 500, body: report.overLimit ? 'FUNCTION_TIME_OUT' : 'FUNCTION_ERROR' };
    return value;
  }

  /** Delivers a product event (e.g. `avi:jira:updated:issue`) to every trigger that listens for it. */
  async emitProductEvent(
    event: { eventType: string; selfGenerated?: boolean } & Record<string, unknown>,
  ): Promise<InvocationReport[]> {
    const reports: InvocationReport[] = [];
    for (const trigger of this.requireManifest().triggers) {
      if (!trigger.events.includes(event.eventType)) continue;
      if (trigger.ignoreSelf && event.selfGenerated === true) continue;
      reports.push(
        (await this.invoke('trigger', trigger.key, trigger.function, [event, this.context()])).report,
      );
    }
    return reports;
  }

  /**
   * Calls a UI module's resolver as the platform does when its page calls @forge/bridge
   * `invoke(key, payload)`: the function the module's `resolver.function` names gets
   * `{ call: { functionKey, payload }, context }` (the page's context: cloudId, moduleKey,
   * localId, extension) and the backend payload (`principal.accountId`, `installContext`,
   * `license`), which @forge/resolver merges into the request's `context`. A resolver that
   * throws, or runs over 25 s, reports it; its value is what the page would receive.
   */
  async invokeResolver(
    moduleKey: string,
    resolverKey: string,
    payload: unknown,
    options: { accountId?: string; extension?: Record<string, unknown> } = {},
  ): Promise<{ value: unknown; report: InvocationReport }> {
    const module = this.requireManifest().resolvers.find((candidate) => candidate.key === moduleKey);
    if (!module) throw new Error(`The manifest has no UI module "${moduleKey}" with a resolver.`);
    const installContext = `ari:cloud:jira::site/${this.cloudId}`;
    const context = {
      cloudId: this.cloudId,
      moduleKey,
      localId: `${module.type}-${moduleKey}`,
      extension: { type: module.type, ...options.extension },
    };
    const backend = {
      installContext,
      principal: options.accountId === undefined ? undefined : { accountId: options.accountId },
      license: { isActive: true },
    };
    const invoked = await this.invoke('resolver', moduleKey, module.function, [
      { call: { functionKey: resolverKey, payload }, context },
      backend,
    ]);
    // What crosses the bridge is JSON: the page never sees anything else.
    const value =
      invoked.value === undefined ? undefined : (JSON.parse(JSON.stringify(invoked.value)) as unknown);
    return { value, report: invoked.report };
  }

  /**
   * Moves the clock by `ms` (a controllable clock only) and runs what fell due on the way, in time
   * order: scheduled triggers and queued events (retries included). Returns the deliveries made.
   */
  async advance(ms: number): Promise<DeliveryRecord[]> {
    const target = this.clock.now() + ms;
    const before = this.events.deliveries.length;
    for (;;) {
      const nextEvent = this.events.nextDueAt();
      const nextScheduled = Math.min(...this.scheduledNext.values());
      const next = Math.min(nextEvent ?? Number.POSITIVE_INFINITY, nextScheduled);
      if (next > target) break;
      if (next > this.clock.now()) this.clock.advance?.(next - this.clock.now());
      await this.runDue();
    }
    if (target > this.clock.now()) this.clock.advance?.(target - this.clock.now());
    await this.runDue();
    return this.events.deliveries.slice(before);
  }

  /** Runs every scheduled trigger and event due now (at the clock's current time). */
  async runDue(): Promise<void> {
    const manifest = this.requireManifest();
    for (const scheduled of manifest.scheduledTriggers) {
      const due = this.scheduledNext.get(scheduled.key) ?? Number.POSITIVE_INFINITY;
      if (due > this.clock.now()) continue;
      this.scheduledNext.set(scheduled.key, due + INTERVAL_MS[scheduled.interval]);
      await this.invoke('scheduled', scheduled.key, scheduled.function, [
        { context: { cloudId: this.cloudId, moduleKey: scheduled.key } },
        this.context(),
      ]);
    }
    for (let event = this.events.takeDue(); event; event = this.events.takeDue()) await this.deliver(event);
  }

  /**
   * Delivers every queued event due now at the same time, as Forge runs consumer invocations in
   * parallel (scheduled triggers are not run): for tests of handlers racing on one record.
   * Returns how many were delivered.
   */
  async deliverDueTogether(): Promise<number> {
    const due: AsyncEvent[] = [];
    for (let event = this.events.takeDue(); event; event = this.events.takeDue()) due.push(event);
    await Promise.all(due.map((event) => this.deliver(event)));
    return due.length;
  }

  private async deliver(event: AsyncEvent): Promise<void> {
    const consumer = this.requireManifest().consumers.find(
      (candidate) => candidate.queue === event.queueName,
    );
    if (!consumer) {
      this.events.settle(event, { retry: false });
      return;
    }
    const { value, report } = await this.invoke('consumer', consumer.key, consumer.function, [
      event,
      this.context(),
    ]);
    if (report.overLimit) this.events.settle(event, { retry: true, retryReason: 'FUNCTION_TIME_OUT' });
    else if (report.error !== undefined)
      this.events.settle(event, { retry: true, retryReason: 'FUNCTION_PLATFORM_UNKNOWN_ERROR' });
    else this.events.settle(event, outcomeOf(value));
  }

  private requireManifest(): ForgeManifest {
    if (!this.manifest) throw new Error('No app loaded: call load(manifest.yml) first.');
    return this.manifest;
  }

  private handler(functionKey: string): { handler: Handler; timeoutSeconds?: number } {
    const manifest = this.requireManifest();
    const spec = manifest.functions.find((fn) => fn.key === functionKey);
    if (!spec) throw new Error(`The manifest has no function "${functionKey}".`);
    let handler = this.handlers.get(spec.handler);
    if (!handler) {
      const { file, name } = handlerLocation(manifest, spec.handler);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const loaded = require(file) as Record<string, unknown>;
      const found = loaded[name];
      if (typeof found !== 'function')
        throw new Error(`Handler "${spec.handler}": ${file} exports no function "${name}".`);
      handler = found as Handler;
      this.handlers.set(spec.handler, handler);
    }
    return { handler, ...(spec.timeoutSeconds !== undefined ? { timeoutSeconds: spec.timeoutSeconds } : {}) };
  }

  private limitOf(kind: InvocationKind, timeoutSeconds: number | undefined): number {
    const override = this.options.timeLimitsMs?.[kind];
    if (override !== undefined) return override;
    if ((kind === 'consumer' || kind === 'scheduled') && timeoutSeconds !== undefined)
      return Math.min(timeoutSeconds, MAX_TIMEOUT_SECONDS) * 1000;
    return TIME_LIMITS_MS[kind];
  }

  private async invoke(
    kind: InvocationKind,
    moduleKey: string,
    functionKey: string,
    args: unknown[],
  ): Promise<{ value: unknown; report: InvocationReport }> {
    const { handler, timeoutSeconds } = this.handler(functionKey);
    const limitMs = this.limitOf(kind, timeoutSeconds);
    const start = this.clock.now();
    this.moduleKey = moduleKey;
    this.deadline = start + limitMs;
    let value: unknown;
    let error: string | undefined;
    try {
      value = await handler(...args);
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message : String(thrown);
    }
    const elapsedMs = this.clock.now() - start;
    const report: InvocationReport = {
      kind,
      moduleKey,
      functionKey,
      elapsedMs,
      limitMs,
      overLimit: elapsedMs > limitMs,
      ...(error !== undefined ? { error } : {}),
    };
    this.reports.push(report);
    return { value, report };
  }

  private context(): Record<string, unknown> {
    return { installContext: `ari:cloud:jira::site/${this.cloudId}`, cloudId: this.cloudId };
  }

  private runtimeGlobal(): Record<string, unknown> {
    const noop = { incr: () => undefined, decr: () => undefined };
    const timer = { measure: () => ({ stop: () => undefined }) };
    const appContextOf = (): Record<string, unknown> => this.appContextOf();
    return {
      proxy: { token: 'stand-in', url: 'http://forge-proxy.invalid' },
      tracing: { traceId: randomUUID(), spanId: randomUUID() },
      metrics: { counter: () => noop, timing: () => timer },
      contextAri: `ari:cloud:jira::site/${this.cloudId}`,
      get appContext() {
        return appContextOf();
      },
      lambdaContext: { getRemainingTimeInMillis: () => Math.max(0, this.deadline - this.clock.now()) },
    };
  }

  private appContextOf(): Record<string, unknown> {
    return {
      appId: this.appId,
      appVersion: '1.0.0',
      environmentId: this.environmentId,
      environmentType: 'DEVELOPMENT',
      invocationId: randomUUID(),
      installationId: `ari:cloud:ecosystem::installation/${this.cloudId}`,
      moduleKey: this.moduleKey,
      license: { isActive: true },
      permissions: { scopes: [], external: {} },
    };
  }

  /** The seam: every call the SDKs make. */
  private async fetch(target: ForgeTarget, path: string, init?: RequestInit): Promise<Response> {
    const body = typeof init?.body === 'string' ? init.body : init?.body ? String(init.body) : '';
    if (target.type === 'kvs') {
      const answer = this.kvs.handle(path, body);
      return new Response(answer.status === 204 ? null : answer.body, {
        status: answer.status,
        headers: { 'content-type': 'application/json', 'x-trace-id': 'stand-in' },
      });
    }
    if (target.type === 'fpp' && target.remote === 'jira') return this.forwardToJira(path, init);
    if (target.type === 'fpp' && target.remote === 'stargate') {
      if (path.startsWith('/webhook/queue/publish/')) {
        const answer = this.events.publish(body);
        return new Response(answer.body, {
          status: answer.status,
          headers: { 'content-type': 'application/json' },
        });
      }
      if (path === '/graphql') return this.graphql(body);
    }
    return new Response('', {
      status: 403,
      headers: { 'forge-proxy-error': 'PERMISSION_DENIED', 'content-type': 'text/plain' },
    });
  }

  private async forwardToJira(path: string, init?: RequestInit): Promise<Response> {
    const base = this.options.jiraBaseUrl;
    this.productCalls.push(`${init?.method ?? 'GET'} ${path}`);
    if (!base)
      return new Response('', { status: 502, headers: { 'forge-proxy-error': 'NO_PRODUCT_BASE_URL' } });
    // Forge's proxy authenticates product calls as the app; the Jira stand-in wants a credential.
    const headers = new Headers(init?.headers);
    if (!headers.has('authorization')) headers.set('authorization', 'Bearer forge-app');
    const answer = await fetch(`${base}${path}`, { ...init, headers });
    // Re-wrapped so the SDK sees a plain Response whatever the transport.
    return new Response(answer.status === 204 ? null : await answer.arrayBuffer(), {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
    });
  }

  private graphql(body: string): Response {
    let request: { query?: string; variables?: Record<string, unknown> };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return new Response('{"errors":[{"message":"not JSON"}]}', { status: 400 });
    }
    const query = request.query ?? '';
    const json = (data: unknown): Response =>
      new Response(JSON.stringify({ data }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    if (query.includes('createWebTriggerUrl')) {
      const input = (request.variables?.input ?? {}) as { triggerKey?: string };
      const key = input.triggerKey ?? '';
      if (!this.manifest?.webtriggers.some((trigger) => trigger.key === key))
        return json({ createWebTriggerUrl: null });
      return json({ createWebTriggerUrl: { url: this.webTriggerUrl(key) } });
    }
    if (query.includes('webTriggerUrlsByAppContext'))
      return json({
        webTriggerUrlsByAppContext: (this.manifest?.webtriggers ?? []).map((trigger) => ({
          triggerKey: trigger.key,
          url: this.webTriggerUrl(trigger.key),
        })),
      });
    if (query.includes('deleteWebTriggerUrl'))
      return json({ deleteWebTriggerUrl: { success: true, message: null } });
    return new Response('{"errors":[{"message":"The stand-in does not serve this query."}]}', {
      status: 400,
    });
  }
}

function isResponse(value: unknown): value is WebTriggerResponse {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { statusCode?: unknown }).statusCode === 'number'
  );
}

/** Installs the runtime stand-in (the seam globals) and returns it; `close()` uninstalls it. */
export function installForgeRuntime(options: ForgeRuntimeOptions): ForgeRuntime {
  return new ForgeRuntime(options);
}
