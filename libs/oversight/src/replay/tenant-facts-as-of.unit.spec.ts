import { history } from '../domain/assess.fixtures';
import { assessAsOf } from './as-of';
import { asStream } from './replay.fixtures';
import { tenantFactsAsOf, type VettingRecord } from './tenant-facts-as-of';

/** A SaaS vendor with an accepted report by "Audit & Co", whose vetting happened on 1 March 2025 and was entered on 10 March. */
const stream = asStream(
  history('2024-06-03')
    .registered({ category: 'SAAS', name: 'Acme Payroll' })
    .on('2025-01-20').report('r1', { period: ['2024-01-01', '2024-12-31'] })
    .on('2025-01-25').accepted('r1')
    .build(),
);
const vettings: VettingRecord[] = [{ firm: 'audit & co', effectiveAt: '2025-03-01T09:00:00Z', recordedAt: '2025-03-10T09:00:00Z' }];
const flagsAt = (asOf: string, knownAt: string) => {
  const moment = { asOf, knownAt };
  return assessAsOf(stream, moment, [], tenantFactsAsOf(vettings, moment)).assessment.flags;
};

describe('tenantFactsAsOf: AUDITOR_NOT_VETTED in as-of answers', () => {
  it('shows the flag before the vetting happened, even when asked later', () => {
    expect(flagsAt('2025-02-15T00:00:00Z', '2025-12-31T00:00:00Z')).toEqual(['AUDITOR_NOT_VETTED']);
  });

  it('shows the flag after the vetting happened but before it was recorded (recordedAt ≤ knownAt)', () => {
    expect(flagsAt('2025-03-05T00:00:00Z', '2025-03-05T00:00:00Z')).toEqual(['AUDITOR_NOT_VETTED']);
  });

  it('drops the flag once the vetting happened and was recorded', () => {
    expect(flagsAt('2025-03-15T00:00:00Z', '2025-03-15T00:00:00Z')).toEqual([]);
  });

  it('judges nothing tenant-wide without tenant facts', () => {
    expect(assessAsOf(stream, { asOf: '2025-02-15T00:00:00Z', knownAt: '2025-12-31T00:00:00Z' }).assessment.flags).toEqual([]);
  });
});
