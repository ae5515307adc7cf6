import { ApiServer } from './support/api-server';
import { command } from './support/oversight-api';
import {
  startApi,
  exceptionInput,
  headPosition,
  historyCount,
  mutate,
  onlyError,
  orgInput,
  registerOrg,
  uid,
} from './support/e2e-fixtures';

/**
 * What a command means over HTTP beyond its domain rule: idempotency by commandId, optimistic
 * concurrency by expectedRevision, retries on conflict, and read-your-writes in the result.
 */
describe('command semantics', () => {
  let api: ApiServer;

  beforeAll(async () => {
    api = await startApi();
  }, 30_000);

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  describe('idempotent commandId', () => {
    it('records a registration and a later exception once each, answering the repeat with the first result', async () => {
      const input: Record<string, unknown> = { ...orgInput(), commandId: uid('cmd') };
      const id = input.id as string;

      const first = await command(api, 'registerOrganization', input);
      expect(first).toMatchObject({ organizationId: id, revision: '0', replayed: false });
      expect(first.eventIds).toHaveLength(1);
      const head = await headPosition(api);

      const again = await command(api, 'registerOrganization', input);
      expect(again).toMatchObject({
        organizationId: id,
        revision: first.revision,
        position: first.position,
        eventIds: first.eventIds,
        replayed: true,
      });
      expect(await historyCount(api, id)).toBe(1);
      expect(await headPosition(api)).toBe(head);

      const exc = { ...exceptionInput(id), commandId: uid('cmd') };
      const recorded = await command(api, 'recordException', exc);
      expect(recorded).toMatchObject({ revision: '1', replayed: false });
      const repeated = await command(api, 'recordException', exc);
      expect(repeated).toMatchObject({
        revision: recorded.revision,
        position: recorded.position,
        eventIds: recorded.eventIds,
        replayed: true,
      });
      expect(await historyCount(api, id)).toBe(2);

      // The same commandId with another payload (here another exception id) is another command:
      // refused, not answered with the first one's result (issue 12, item 7).
      const reused = await mutate(api, 'recordException', { ...exc, exceptionId: uid('exc') });
      expect(onlyError(reused)).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'input.commandId' } });
      expect(await historyCount(api, id)).toBe(2);

      const exceptions = await api.ok(`query($id: ID!) { exceptions(filter: { organizationId: $id }) { totalCount } }`, { id });
      expect(exceptions.exceptions.totalCount).toBe(1);
    });

    it('derives the organization id from the commandId when none is given, so a retry registers once', async () => {
      const name = `Idempotent Registrant ${uid('n')}`;
      const input = { name, role: 'VENDOR', category: 'PAYROLL', criticality: 'HIGH', commandId: uid('cmd') };

      const first = await command(api, 'registerOrganization', input);
      const second = await command(api, 'registerOrganization', input);
      expect(first.organizationId).toEqual(expect.any(String));
      expect(second.organizationId).toBe(first.organizationId);
      expect(second.replayed).toBe(true);
      expect(second.eventIds).toEqual(first.eventIds);

      const list = await api.ok(`query($s: String) { organizations(filter: { search: $s }) { totalCount edges { node { id } } } }`, {
        s: name,
      });
      expect(list.organizations.totalCount).toBe(1);
      expect(list.organizations.edges[0].node.id).toBe(first.organizationId);

      // Without a commandId each call is a new command: a second organization of the same name
      // (one that says so: a plain repeat is refused as ORGANIZATION_NAME_TAKEN).
      const plain = { name, role: 'VENDOR', category: 'PAYROLL', criticality: 'HIGH', allowDuplicateName: true };
      const a = await command(api, 'registerOrganization', plain);
      const b = await command(api, 'registerOrganization', plain);
      expect(a.organizationId).not.toBe(b.organizationId);
    });

    it('refuses a commandId already used for another organization, writing nothing', async () => {
      const commandId = uid('cmd');
      const a = await registerOrg(api, { commandId });
      const head = await headPosition(api);

      const otherId = uid();
      const err = onlyError(await mutate(api, 'registerOrganization', { ...orgInput({ id: otherId }), commandId }));
      expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.commandId' });
      expect(await api.ok(`query($id: ID!) { organization(id: $id) { id } }`, { id: otherId })).toEqual({ organization: null });

      // The same on a command about an existing organization.
      const b = await registerOrg(api);
      const head2 = await headPosition(api);
      expect(head2).toBe(head + 1n);
      const err2 = onlyError(await mutate(api, 'recordException', { ...exceptionInput(b), commandId }));
      expect(err2.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await historyCount(api, b)).toBe(1);
      expect(await historyCount(api, a)).toBe(1);
      expect(await headPosition(api)).toBe(head2);
    });

    it('refuses a commandId reused for a different command on the same organization, rather than dropping it', async () => {
      const commandId = uid('cmd');
      const id = await registerOrg(api, { commandId });
      const head = await headPosition(api);
      // A client bug: the exception must not be silently "replayed" as the registration.
      const r = await mutate(api, 'recordException', { ...exceptionInput(id, { exceptionId: 'never-dropped' }), commandId });
      expect(r).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'input.commandId' } }] });
      expect(await headPosition(api)).toBe(head);
    });
  });

  describe('expectedRevision', () => {
    it('accepts the revision read and refuses a stale one with CONCURRENCY_CONFLICT, writing nothing', async () => {
      const id = uid();
      const registered = await command(api, 'registerOrganization', { ...orgInput({ id }), expectedRevision: '-1' });
      expect(registered.revision).toBe('0');

      const ok = await command(api, 'recordException', { ...exceptionInput(id), expectedRevision: '0' });
      expect(ok.revision).toBe('1');
      const ok2 = await command(api, 'updateOrganizationProfile', { organizationId: id, owner: 'someone@example.com', expectedRevision: '1' });
      expect(ok2.revision).toBe('2');
      expect(await historyCount(api, id)).toBe(3);
      const head = await headPosition(api);

      const stale = onlyError(await mutate(api, 'recordException', { ...exceptionInput(id), expectedRevision: '1' }));
      expect(stale.extensions).toMatchObject({ code: 'CONCURRENCY_CONFLICT', expectedRevision: '1', actualRevision: '2' });

      const ahead = onlyError(await mutate(api, 'recordException', { ...exceptionInput(id), expectedRevision: '7' }));
      expect(ahead.extensions).toMatchObject({ code: 'CONCURRENCY_CONFLICT', actualRevision: '2' });

      // "No stream yet" for an organization that exists is a conflict too.
      const noStream = onlyError(await mutate(api, 'registerOrganization', { ...orgInput({ id }), expectedRevision: '-1' }));
      expect(noStream.extensions).toMatchObject({ code: 'CONCURRENCY_CONFLICT', actualRevision: '2' });

      expect(await historyCount(api, id)).toBe(3);
      expect(await headPosition(api)).toBe(head);
    });

    it('lets exactly one of two concurrent commands with the same expectedRevision through', async () => {
      for (let round = 0; round < 5; round++) {
        const id = await registerOrg(api);
        const results = await Promise.all([
          mutate(api, 'recordException', { ...exceptionInput(id), expectedRevision: '0' }, 'revision eventIds'),
          mutate(api, 'recordException', { ...exceptionInput(id), expectedRevision: '0' }, 'revision eventIds'),
        ]);
        const succeeded = results.filter((r) => !r.errors);
        const failed = results.filter((r) => r.errors);
        expect(succeeded).toHaveLength(1);
        expect(succeeded[0]!.data.recordException.revision).toBe('1');
        expect(failed).toHaveLength(1);
        expect(failed[0]!.errors![0]!.extensions).toMatchObject({
          code: 'CONCURRENCY_CONFLICT',
          expectedRevision: '0',
          actualRevision: '1',
        });
        expect(await historyCount(api, id)).toBe(2);
      }
    });

    it('retries conflicts when no revision is given: 20 concurrent commands all succeed, in contiguous revisions', async () => {
      const id = await registerOrg(api);
      const inputs = Array.from({ length: 20 }, (_, i) => exceptionInput(id, { exceptionId: `exc-${i}`, description: `Deviation ${i}` }));
      const results = await Promise.all(inputs.map((input) => mutate(api, 'recordException', input, 'revision eventIds replayed')));

      const errors = results.flatMap((r) => r.errors ?? []);
      expect(errors).toEqual([]);
      const revisions = results.map((r) => Number(r.data.recordException.revision)).sort((a, b) => a - b);
      expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(new Set(results.flatMap((r) => r.data.recordException.eventIds)).size).toBe(20);
      expect(results.every((r) => r.data.recordException.replayed === false)).toBe(true);

      const list = await api.ok(
        `query($id: ID!) { exceptions(filter: { organizationId: $id }, first: 100) { totalCount edges { node { exceptionId } } } }`,
        { id },
      );
      expect(list.exceptions.totalCount).toBe(20);
      const ids = list.exceptions.edges.map((e: any) => e.node.exceptionId).sort();
      expect(ids).toEqual(inputs.map((x) => x.exceptionId).sort());
      expect(await historyCount(api, id)).toBe(21);
    }, 30_000);
  });

  describe('read-your-writes', () => {
    it('answers every command with the organization as it stands after that command', async () => {
      const id = uid();
      const results: any[] = [];
      const check = (r: any) => {
        results.push(r);
        expect(r.organization).not.toBeNull();
        expect(r.organization.id).toBe(id);
        expect(r.organization.revision).toBe(r.revision);
        return r;
      };
      const fields = `organizationId revision replayed organization { id name revision owner sites { siteId }
        exceptions { exceptionId open } reports { reportId review { decision } } assurance { status flags } }`;
      const run = async (mutation: string, input: Record<string, unknown>) => {
        const r = await mutate(api, mutation, input, fields);
        if (r.errors) throw new Error(JSON.stringify(r.errors));
        return check(r.data[mutation]);
      };

      let r = await run('registerOrganization', orgInput({ id, name: 'Read Your Writes Inc', category: 'SAAS' }));
      expect(r.organization.name).toBe('Read Your Writes Inc');
      r = await run('updateOrganizationProfile', { organizationId: id, name: 'Read Your Writes Ltd', owner: 'risk@example.com' });
      expect(r.organization).toMatchObject({ name: 'Read Your Writes Ltd', owner: 'risk@example.com' });
      r = await run('registerSite', { organizationId: id, siteId: 'site-1', name: 'Frankfurt 1', country: 'DE' });
      expect(r.organization.sites).toEqual([{ siteId: 'site-1' }]);
      r = await run('recordReportReceived', {
        organizationId: id, reportId: 'soc2-2025', framework: 'SOC2', reportType: 'TYPE_2', periodStart: '2025-01-01',
        periodEnd: '2025-12-31', serviceAuditor: 'Baker & Lane LLP', opinion: 'UNMODIFIED', criteria: ['SECURITY'],
        opinionDate: '2026-01-20', managementAssertionIncluded: true, servicesCovered: ['hosting'], sitesCovered: ['site-1'],
      });
      expect(r.organization.reports).toEqual([{ reportId: 'soc2-2025', review: null }]);
      expect(r.organization.assurance.flags).toContain('PENDING_REVIEW');
      r = await run('concludeReportReview', { organizationId: id, reportId: 'soc2-2025', decision: 'ACCEPTED', reviewer: 'Dana Ruiz' });
      expect(r.organization.assurance.status).toBe('ASSURED');
      r = await run('recordException', exceptionInput(id, { exceptionId: 'exc-1' }));
      expect(r.organization.exceptions).toEqual([{ exceptionId: 'exc-1', open: true }]);
      expect(r.organization.assurance.status).toBe('ASSURED_WITH_EXCEPTIONS');
      r = await run('closeRemediation', { organizationId: id, exceptionId: 'exc-1', resolution: 'Fixed' });
      expect(r.organization.exceptions).toEqual([{ exceptionId: 'exc-1', open: false }]);
      expect(r.organization.assurance.status).toBe('ASSURED');
      r = await run('offboardOrganization', { organizationId: id, reason: 'Contract ended' });
      expect(r.organization.assurance.status).toBe('OFFBOARDED');

      expect(results.map((x) => x.revision)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    });

    it('answers as soon as the projection commits, not when the store next polls', async () => {
      // The store signals its own subscriptions on commit; the poll is only for other processes.
      // On a server that polls once an hour, a command that waited for the poll would never
      // answer within the test's time: correctness is asserted, no latency is measured.
      const slowPoll = await startApi({ env: { POLL_INTERVAL_MS: '3600000', CONSISTENCY_TIMEOUT_MS: '3600000' } });
      try {
        const id = await registerOrg(slowPoll);
        for (let i = 0; i < 10; i++) {
          const r = await command(slowPoll, 'recordException', exceptionInput(id));
          expect(r.organization.revision).toBe(String(i + 1));
        }
      } finally {
        await slowPoll.stop();
        slowPoll.removeData();
      }
    }, 60_000); // room for a loaded machine; waiting for the poll would take an hour
  });
});
