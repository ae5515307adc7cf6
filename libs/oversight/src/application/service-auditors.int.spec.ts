import { SqliteEventStore } from '../../../event-store/src/sqlite/sqlite-event-store';
import { ManualClock } from './clock';
import { ServiceAuditorRegistry } from './service-auditors';
import { tenantFactsAsOf } from '../replay/tenant-facts-as-of';

describe('ServiceAuditorRegistry.records', () => {
  it('gives each vetting of the tenant with both clocks, which tenantFactsAsOf folds bitemporally', async () => {
    const clock = new ManualClock(new Date('2025-03-10T09:00:00Z'));
    const registry = new ServiceAuditorRegistry(new SqliteEventStore(':memory:'), clock);
    const env = { tenantId: 't1', actor: { id: 'ana', role: 'ANALYST' }, commandId: 'vet-1', effectiveAt: '2025-03-01T09:00:00.000Z' };
    await registry.vet(env, { firm: ' Firm X ', licence: 'CA-1', peerReviewRating: 'PASS', peerReviewDate: '2025-02-01' });
    const records = await registry.records('t1');
    expect(records).toEqual([{ firm: 'Firm X', effectiveAt: '2025-03-01T09:00:00.000Z', recordedAt: '2025-03-10T09:00:00.000Z' }]);
    expect(await registry.records('t2')).toEqual([]);
    expect(tenantFactsAsOf(records, { asOf: '2025-03-05T00:00:00Z', knownAt: '2025-03-09T00:00:00Z' }).vettedAuditors).toEqual([]);
    expect(tenantFactsAsOf(records, { asOf: '2025-03-05T00:00:00Z', knownAt: '2025-03-11T00:00:00Z' }).vettedAuditors).toEqual([{ firm: 'Firm X' }]);
  });
});
