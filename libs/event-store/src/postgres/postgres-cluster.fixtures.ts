/// <reference types="jest" />
import { postgresAvailability } from './throwaway-cluster';

export { TestPostgresCluster, postgresAvailability } from './throwaway-cluster';

/**
 * `describe` when a cluster can be started, else `describe.skip` with the reason in its title, so
 * that the tests are reported skipped, never passed. POSTGRES_REQUIRED=1 (CI) turns a missing
 * PostgreSQL into a failure instead.
 */
export function describeWithPostgres(name: string, body: () => void): void {
  const availability = postgresAvailability();
  if (availability.ok || process.env['POSTGRES_REQUIRED'] === '1') {
    describe(name, () => {
      if (!availability.ok) it('needs PostgreSQL', () => { throw new Error(`PostgreSQL required: ${availability.reason}`); });
      else body();
    });
    return;
  }
  describe.skip(`${name} [SKIPPED: ${availability.reason}]`, body);
}
