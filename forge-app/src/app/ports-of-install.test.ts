import { CONNECTION_FORMAT } from '@tandem/shared-ts/engine';
import type { PairedConnection } from '@tandem/shared-ts/protocol';
import { compile, DEFAULT_RULES } from '@tandem/shared-ts/rules';
import { ManualClock } from '@tandem/shared-ts/testing';
import { entityOf, installForgeRuntime, type ForgeRuntime } from '../../../sandbox/forge';
import { housekeeping, issueEvent, rendezvous, sweep } from '../forge-functions';
import { createForgeStores, FORGE_ENTITIES } from '../store';
import { ForgeSetupStore } from '../store/app-stores';
import { irRules, portsOfInstall } from './ports-of-install';

let runtime: ForgeRuntime;
const clock = new ManualClock('2026-12-01T00:00:00.000Z');

beforeEach(() => {
  runtime = installForgeRuntime({
    storage: ':memory:',
    clock,
    entities: FORGE_ENTITIES.map((entity) => entityOf(entity as unknown as Record<string, unknown>)),
  });
});

afterEach(async () => {
  await runtime.close();
});

function compiled(direction: 'incoming' | 'outgoing') {
  const result = compile(DEFAULT_RULES.jira[direction], 'jira', direction);
  if (!result.ok) throw new Error(result.error.message);
  return result.ir;
}

const connection: PairedConnection = {
  format: CONNECTION_FORMAT,
  connectionId: 'conn-1',
  connectionName: 'Acme support',
  secret: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
  peer: { platform: 'salesforce', site: { name: 'Acme', url: 'https://acme.my.salesforce.com' } },
  speaks: { protocol: [1], replica: [1, 2], capabilities: [] },
  peerSpeaks: { protocol: [1], replica: [1, 2], capabilities: [] },
};

describe('portsOfInstall', () => {
  it('is null before the console wrote the setup, and the handlers answer as unset (503, nothing)', async () => {
    expect(await portsOfInstall()).toBeNull();
    const answer = await rendezvous({ method: 'POST', headers: {}, body: '{}' });
    expect(answer.statusCode).toBe(503);
    expect(answer.body).toContain('unavailable');
    await expect(issueEvent({ issue: { id: '10001' } })).resolves.toBeUndefined();
    await expect(sweep()).resolves.toBeUndefined();
    await expect(housekeeping()).resolves.toBeUndefined();
  });

  it('builds the ports once set up; an engine opens only for a stored connection with stored rules', async () => {
    const setups = new ForgeSetupStore();
    await setups.writeSetup({ site: { name: 'Acme Jira', url: 'https://acme.atlassian.net' } });
    const ports = await portsOfInstall({ clock });
    expect(ports).not.toBeNull();
    expect(ports?.rendezvous.site).toEqual({ name: 'Acme Jira', url: 'https://acme.atlassian.net' });
    expect(await ports?.engine('conn-1')).toBeNull();
    await createForgeStores().connections.save(connection);
    // A fresh invocation sees the connection, but without rules there is still no engine.
    expect(await (await portsOfInstall({ clock }))?.engine('conn-1')).toBeNull();
    const incomingIr = compiled('incoming');
    await setups.writeRules('conn-1', {
      incomingIr,
      outgoingIr: compiled('outgoing'),
      dependencies: incomingIr.dependencies,
    });
    const fresh = await portsOfInstall({ clock });
    const engine = await fresh?.engine('conn-1');
    expect(engine?.context.config.side).toBe('jira');
    expect(engine?.context.config.rules.incomingDependencies).toEqual(incomingIr.dependencies);
    // The rules' identity is their program: stored rules that change give the engine other text.
    const before = engine?.context.config.rules.incoming;
    const changed = compile(`${DEFAULT_RULES.jira.incoming}\nissue.labels = [];\n`, 'jira', 'incoming');
    if (!changed.ok) throw new Error(changed.error.message);
    await setups.writeRules('conn-1', { incomingIr: changed.ir, outgoingIr: compiled('outgoing') });
    const after = (await (await portsOfInstall({ clock }))?.engine('conn-1'))?.context.config.rules.incoming;
    expect(after).toBeDefined();
    expect(after).not.toEqual(before);
    expect(await fresh?.connectionIds(10)).toEqual(['conn-1']);
    const served = await fresh?.rendezvous.connection('conn-1');
    expect(served?.secret).toBe(connection.secret);
    expect(await fresh?.rendezvous.connection('conn-2')).toBeNull();
  });

  it('runs the stored IR of the direction asked, whatever the script text', () => {
    const rules = irRules({ incomingIr: compiled('incoming'), outgoingIr: compiled('outgoing') });
    const bad = irRules({
      incomingIr: { irVersion: -1 } as unknown as ReturnType<typeof compiled>,
      outgoingIr: compiled('outgoing'),
    });
    const inputs = {} as Parameters<typeof rules>[3];
    expect(bad('ignored', 'jira', 'incoming', inputs).ok).toBe(false);
    expect(rules('ignored', 'jira', 'incoming', inputs)).not.toEqual(
      bad('ignored', 'jira', 'incoming', inputs),
    );
  });
});
