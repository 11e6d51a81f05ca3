/**
 * Test support for the twin's tests: the core's rendezvous handler served over real HTTP on a
 * local port, so the twin calls out to it exactly as the Apex package calls Jira's web trigger.
 * Sandbox only (the Forge runtime stand-in serves the real web trigger in `sandbox/e2e`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleRendezvousRequest, type RendezvousDeps } from '@tandem/shared-ts/protocol';
import { compile, DEFAULT_RULES, type IrProgram } from '@tandem/shared-ts/rules';
import type { ManualClock } from '@tandem/shared-ts/testing';
import { SalesforceOrg } from '../model';
import { createSalesforceTwin, type SalesforceTwin } from './salesforce-twin';

/** A rendezvous on a local port: its URL, and how to stop it. */
export interface ServedRendezvous {
  /** The rendezvous URL to give the twin. */
  url: string;
  close(): Promise<void>;
}

/** Serves `handleRendezvousRequest(…, deps)` on 127.0.0.1 at a free port. */
export async function serveRendezvous(deps: RendezvousDeps): Promise<ServedRendezvous> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value : [String(value)],
        ]),
      );
      void handleRendezvousRequest(
        {
          method: req.method ?? 'POST',
          path: req.url ?? '/',
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
        },
        deps,
      ).then((answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        res.end(answer.body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x1/rendezvous`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Basic mode's default Salesforce rules, compiled, as the package stores them. */
export function defaultSalesforceRules(): { incomingIr: IrProgram; outgoingIr: IrProgram } {
  const compiled = (direction: 'incoming' | 'outgoing'): IrProgram => {
    const result = compile(DEFAULT_RULES.salesforce[direction], 'salesforce', direction);
    if (!result.ok) throw new Error(result.error.message);
    return result.ir;
  };
  return { incomingIr: compiled('incoming'), outgoingIr: compiled('outgoing') };
}

/** A twin over a fresh org, calling out to `deps` served on a local port. */
export interface TwinOnRendezvous {
  org: SalesforceOrg;
  twin: SalesforceTwin;
  close(): Promise<void>;
}

/**
 * Serves `deps` and starts a twin against it with the default rules and one active trigger
 * (`Priority = 'High'` on Case), on `clock`.
 */
export async function startTwinOnRendezvous(
  deps: RendezvousDeps,
  options: { clock: ManualClock; connectionId: string; secret: string },
): Promise<TwinOnRendezvous> {
  const served = await serveRendezvous(deps);
  const { clock } = options;
  const org = new SalesforceOrg({ now: () => clock.now() });
  const twin = createSalesforceTwin({
    org,
    connectionId: options.connectionId,
    secret: options.secret,
    rendezvousUrl: served.url,
    rules: defaultSalesforceRules(),
    triggers: [{ object: 'Case', where: "Priority = 'High'", active: true }],
    clock,
  });
  return {
    org,
    twin,
    close: async () => {
      twin.stop();
      await served.close();
    },
  };
}
