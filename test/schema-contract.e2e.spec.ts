import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiServer } from './support/api-server';

/** The committed schema.gql is the public contract: it must be what the code generates. */
describe('schema.gql', () => {
  it('matches the schema the server generates', async () => {
    const api = await ApiServer.start();
    try {
      const generated = readFileSync(join(api.dataDir, 'schema.gql'), 'utf8');
      const committed = readFileSync(join(__dirname, '..', 'schema.gql'), 'utf8');
      // If this fails: run `npm run schema` and commit the new contract.
      expect(committed).toBe(generated);
      for (const name of ['registerOrganization', 'recordReportReceived', 'oversightHistory', 'portfolioSummary', 'assuranceStatusChanged']) {
        expect(committed).toContain(`${name}(`);
      }
    } finally {
      await api.stop();
      api.removeData();
    }
  });
});
