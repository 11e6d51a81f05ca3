import { createInvitation, createMessageIdGenerator, type SignedMessage } from '../../protocol';
import type { PairedConnection } from './handle-rendezvous-request';
import { acceptInvitation, type AcceptInvitationDeps } from './accept-invitation';
import { rendezvousPair } from './testing/rendezvous-pair';

const URL = 'https://tandem.example.net/x1/rendezvous';

/** A rendezvous (the pair's Jira side) that stores what a hello pairs, and an invitation code of it. */
async function invited(ttlMs = 3_600_000) {
  const pair = rendezvousPair();
  const saved: PairedConnection[] = [];
  pair.server.saveConnection = async (connection) => {
    saved.push(connection);
  };
  const created = await createInvitation({
    connectionName: 'Acme support',
    site: pair.server.site,
    rendezvousUrl: URL,
    ttlMs,
    clock: pair.clock,
  });
  if (!created.ok) throw new Error(created.error.message);
  await pair.server.invitations.save(created.invitation);
  const posted: string[] = [];
  const deps: AcceptInvitationDeps = {
    platform: 'salesforce',
    site: { name: 'Acme', url: 'https://acme.my.salesforce.com' },
    clock: pair.clock,
    messageIds: createMessageIdGenerator({ clock: pair.clock }),
    post: async (request: SignedMessage, url: string) => {
      posted.push(url);
      const response = await pair.serve({
        method: 'POST',
        path: '/',
        headers: headersOf(request),
        body: request.body,
      });
      return {
        ok: true,
        answer: { statusCode: response.statusCode, headers: response.headers, body: response.body },
      };
    },
  };
  return { pair, code: created.code, invitation: created.invitation, saved, deps, posted };
}

function headersOf(request: SignedMessage): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), [value]]),
  );
}

describe('acceptInvitation (the accepting side of pairing)', () => {
  it('pairs with a signed hello: both sides hold the same connection and secret', async () => {
    const { code, invitation, saved, deps, posted } = await invited();
    const accepted = await acceptInvitation(code, deps);
    if (!accepted.ok) throw new Error(accepted.error.message);
    expect(posted).toEqual([URL]);
    expect(accepted.rendezvousUrl).toBe(URL);
    expect(accepted.connection).toMatchObject({
      format: 2,
      connectionId: invitation.connectionId,
      connectionName: 'Acme support',
      peer: { platform: 'jira', site: { name: 'Acme Jira' } },
    });
    expect(saved).toHaveLength(1);
    expect(saved[0]?.secret).toBe(accepted.connection.secret);
    expect(saved[0]?.peer).toEqual({ platform: 'salesforce', site: deps.site });
  });

  it("answers the initiator's refusal of a used code, with its code", async () => {
    const { code, deps } = await invited();
    expect((await acceptInvitation(code, deps)).ok).toBe(true);
    expect(await acceptInvitation(code, deps)).toMatchObject({
      ok: false,
      error: { code: 'invitation-used' },
    });
  });

  it('refuses an expired or damaged code without calling out', async () => {
    const { pair, code, deps, posted } = await invited(60_000);
    expect(await acceptInvitation(`${code.slice(0, 20)}!${code.slice(21)}`, deps)).toMatchObject({
      ok: false,
      error: { code: 'invitation-damaged' },
    });
    pair.clock.advance(10 * 60_000);
    expect(await acceptInvitation(code, deps)).toMatchObject({
      ok: false,
      error: { code: 'invitation-expired' },
    });
    expect(posted).toEqual([]);
  });

  it('answers a failed call, an unsigned non-Tandem error and a forged hello-ack as values', async () => {
    const { code, deps } = await invited();
    const failing = {
      ...deps,
      post: async () => ({
        ok: false as const,
        error: { code: 'unavailable' as const, message: 'No route' },
      }),
    };
    expect(await acceptInvitation(code, failing)).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'No route' },
    });
    const proxy = {
      ...deps,
      post: async () => ({ ok: true as const, answer: { statusCode: 502, headers: {}, body: '<html>' } }),
    };
    expect(await acceptInvitation(code, proxy)).toMatchObject({ ok: false, error: { code: 'http-502' } });
    const forged = {
      ...deps,
      post: async () => ({ ok: true as const, answer: { statusCode: 200, headers: {}, body: '{}' } }),
    };
    const answer = await acceptInvitation(code, forged);
    expect(answer.ok).toBe(false);
    const throwing = { ...deps, post: async () => Promise.reject(new Error('socket hang up')) };
    expect(await acceptInvitation(code, throwing)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'socket hang up' },
    });
  });
});
