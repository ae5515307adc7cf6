import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { InMemoryEventStore } from '../../../event-store/src/in-memory-event-store';
import { ProjectionRunner } from '../../../event-store/src/projection/projection-runner';
import { ManualClock } from '../application/clock';
import { OversightCommandHandler } from '../application/handle-command';
import { ServiceAuditorRegistry } from '../application/service-auditors';
import type { OversightCommand } from '../domain/oversight.commands';
import { OrganizationsProjection } from '../projections/organizations.projection';
import type { AssuranceStatusChange } from '../projections/read-model.effects';
import { StatusClock } from '../projections/status-clock';

/**
 * INHERITED in the read model, over a real SQLite read-model file fed by the projection runner:
 * a vendor's row follows its carved-out data center's row through events and through time, and
 * a rebuild from zero (in one batch or event by event) yields the same rows.
 */
describe('INHERITED in the organizations read model', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inherited-'));
  const store = new InMemoryEventStore();
  const clock = new ManualClock(new Date('2025-01-20T09:00:00Z'));
  const handler = new OversightCommandHandler(store, clock);
  const db = new Database(join(dir, 'read-models.db'));
  const projection = new OrganizationsProjection(clock);
  const runner = new ProjectionRunner<AssuranceStatusChange>({ store, db, projections: [projection] });
  const statusClock = new StatusClock(db, projection, clock);
  let n = 0;

  beforeAll(async () => {
    runner.start();
    // A careful team vetted the firm (AUDITOR_NOT_VETTED otherwise): these cases are about INHERITED.
    const vetting = { tenantId: 't1', actor: { id: 'analyst', role: 'ANALYST' }, commandId: 'vet-audit-llp' };
    const vetted = await new ServiceAuditorRegistry(store, clock).vet(vetting, { firm: 'Audit LLP', licence: 'L-1', peerReviewRating: 'PASS', peerReviewDate: '2024-06-01' });
    await runner.waitFor(vetted.position, 5000);
  });
  afterAll(async () => {
    await runner.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(organizationId: string, command: OversightCommand): Promise<void> {
    const outcome = await handler.handle({
      tenantId: 't1', actor: { id: 'analyst', role: 'ANALYST' }, organizationId, command, commandId: `c${++n}`,
    });
    await runner.waitFor(outcome.position, 5000);
  }
  const row = (id: string) =>
    db.prepare('SELECT status, reasons, status_since FROM organization_status WHERE organization_id = ?').get(id) as
      { status: string; reasons: string; status_since: string };
  const codes = (id: string) => (JSON.parse(row(id).reasons) as Array<{ code: string }>).map((r) => r.code);
  const register = (id: string, name: string, extra: Record<string, unknown> = {}) =>
    run(id, { type: 'RegisterOrganization', data: {
      organizationId: id, name, role: 'VENDOR', category: 'SAAS', criticality: 'HIGH', services: [], owner: null,
      parentOrganizationId: null, inclusionMethod: null, ...extra,
    } } as OversightCommand);
  const report = (id: string, reportId: string, subserviceOrganizations: unknown[] = []) =>
    run(id, { type: 'RecordReportReceived', data: {
      reportId, framework: 'SOC2', reportType: 'TYPE_2', asOfDate: null, periodStart: '2024-01-01', periodEnd: '2024-12-31',
      opinionDate: '2025-01-15', managementAssertionIncluded: true, serviceAuditor: 'Audit LLP', opinion: 'UNMODIFIED', criteria: ['SECURITY'], controlObjectives: [],
      servicesCovered: [], sitesCovered: [], controlsTested: [], cuecs: [], subserviceOrganizations, documentSha256: null,
    } } as OversightCommand);
  const accept = (id: string, reportId: string) =>
    run(id, { type: 'ConcludeReportReview', data: { reportId, decision: 'ACCEPTED', reviewer: 'r', conditions: [], notes: null } });

  it('a vendor inherits from a carved-out data center with no assurance yet', async () => {
    await register('acme', 'Acme Payroll');
    await register('dc', 'Eastbay Colo', { role: 'SUBSERVICE', category: 'OTHER', parentOrganizationId: 'acme', inclusionMethod: 'CARVE_OUT' });
    await register('bolt', 'Bolt HR');
    await report('acme', 'a1');
    await accept('acme', 'a1');
    expect(row('acme').status).toBe('ASSURED_WITH_EXCEPTIONS');
    expect(codes('acme')).toEqual(['INHERITED']);
    expect(row('acme').status_since).toBe('2025-01-20');
  });

  it('is re-derived when the data center is assured, and links a vendor whose report carves it out by name', async () => {
    clock.set('2025-01-21T09:00:00Z');
    await report('bolt', 'b1', [{ name: ' EASTBAY colo', method: 'CARVE_OUT' }]);
    await accept('bolt', 'b1');
    expect(codes('bolt')).toEqual(['INHERITED']);
    await report('dc', 'd1');
    await accept('dc', 'd1');
    expect([row('dc').status, row('acme').status, row('bolt').status]).toEqual(['ASSURED', 'ASSURED', 'ASSURED']);
    expect(codes('acme')).toEqual(['CURRENT_REPORT_ACCEPTED']);
  });

  it('follows time alone: an exception going overdue overnight makes the vendors inherit', async () => {
    clock.set('2025-02-01T09:00:00Z');
    await run('dc', { type: 'RecordException', data: {
      exceptionId: 'x1', source: 'REPORT', reportId: 'd1', controlRef: 'CC6.4', criteriaRef: null, kind: 'OPERATING',
      severity: 'CRITICAL', description: 'badge access not revoked', managementResponse: null,
    } });
    await run('dc', { type: 'PlanRemediation', data: { exceptionId: 'x1', owner: 'ops', plan: 'revoke', dueDate: '2025-02-28' } });
    // An open exception is not a lapse: nothing is inherited.
    expect([row('dc').status, row('acme').status]).toEqual(['ASSURED_WITH_EXCEPTIONS', 'ASSURED']);

    clock.set('2025-03-01T00:05:00Z');
    const changes = statusClock.catchUp();
    expect(changes.map((c) => [c.organizationId, c.previousStatus, c.status])).toEqual([
      ['dc', 'ASSURED_WITH_EXCEPTIONS', 'NOT_ASSURED'],
      ['acme', 'ASSURED', 'ASSURED_WITH_EXCEPTIONS'],
      ['bolt', 'ASSURED', 'ASSURED_WITH_EXCEPTIONS'],
    ]);
    const inherited = JSON.parse(row('acme').reasons)[0];
    expect(inherited).toMatchObject({ code: 'INHERITED', since: '2025-03-01', status: 'ASSURED_WITH_EXCEPTIONS' });
    expect(inherited.message).toContain('Eastbay Colo is NOT_ASSURED since 2025-03-01');
    expect(inherited.eventIds).toHaveLength(2);
  });

  it('and recovers when the data center is assured again', async () => {
    clock.set('2025-03-05T09:00:00Z');
    await run('dc', { type: 'CloseRemediation', data: { exceptionId: 'x1', resolution: 'done', evidence: null, verifiedBy: null } });
    // A careful team evaluates a report exception's impact (EXCEPTION_NOT_EVALUATED otherwise).
    await run('dc', { type: 'EvaluateException', data: { exceptionId: 'x1', impact: 'NONE', rationale: 'badges revoked', compensatingControlRef: null } });
    expect([row('dc').status, row('acme').status, row('bolt').status]).toEqual(['ASSURED', 'ASSURED', 'ASSURED']);
  });

  it('a rebuild from zero yields the same rows, in one batch or event by event', async () => {
    // A due date already missed when recorded: NOT_ASSURED at once, the vendors re-derived with it.
    await run('dc', { type: 'RecordException', data: {
      exceptionId: 'x2', source: 'REVIEW', reportId: null, controlRef: 'A1.2', criteriaRef: null, kind: 'DESIGN',
      severity: 'CRITICAL', description: 'no generator test', managementResponse: null,
    } });
    await run('dc', { type: 'PlanRemediation', data: { exceptionId: 'x2', owner: 'ops', plan: 'test', dueDate: '2025-01-31' } });
    expect(codes('acme')).toEqual(['INHERITED']);
    const live = dump(db);
    for (const batchSize of [500, 1]) {
      const other = new Database(join(dir, `rebuild-${batchSize}.db`));
      const rebuild = new ProjectionRunner({ store, db: other, projections: [new OrganizationsProjection(clock)], batchSize });
      rebuild.start();
      await rebuild.waitFor(await store.headPosition(), 5000);
      await rebuild.stop();
      expect(dump(other)).toEqual(live);
      other.close();
    }
  });

  it('a read model written before INHERITED existed is re-derived once, when the projection is set up', () => {
    const live = dump(db);
    const old = new Database(join(dir, 'rebuild-500.db'));
    old.exec(`DROP TABLE carve_out_listing; UPDATE organization_status SET status = 'ASSURED', reasons = '[]'`);
    new OrganizationsProjection(clock).setup(old);
    expect(dump(old)).toEqual(live);
    old.close();
  });
});

function dump(db: Database.Database) {
  const all = (table: string, order: string) => db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all();
  return {
    status: all('organization_status', 'organization_id'),
    listing: all('carve_out_listing', 'vendor_id, name_key'),
    coverage: all('control_coverage', 'organization_id'),
  };
}
