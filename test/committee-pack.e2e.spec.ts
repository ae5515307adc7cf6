import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { readPdfText } from '../libs/documents/src/intake/pdf-text.reader';
import type { ApiServer } from './support/api-server';
import { acceptedReport, exceptionInput, mutate, registerOrg, startApi } from './support/e2e-fixtures';

const run = promisify(execFile);
const CLI = resolve(__dirname, '../dist/apps/api/src/cli/committee-pack.js');

/**
 * `npm run committee-pack` against the running server: the PDF's text, extracted with pdf.js,
 * names the right organizations and dates for the as-of moment, states the ledger head and the
 * reproducing command, and the same command gives the same bytes.
 */
describe('committee-pack: the risk committee PDF', () => {
  let api: ApiServer;
  let dir: string;
  let text: string;
  let pdf: Buffer;
  let stdout: string;
  const names = { critical: 'Ledgerly Critical', high: 'Bare High Hosting', overdue: 'Overdue Payroll', low: 'Quiet Low' };
  const KNOWN_AT = '2026-03-02T12:00:00.000Z';
  const pack = async (out: string) =>
    run(process.execPath, [CLI, '--as-of', '2026-03-02', '--known-at', KNOWN_AT, '--out', out], {
      env: { ...process.env, API_URL: api.url, API_TOKEN: api.token('AUDITOR') },
    });

  beforeAll(async () => {
    // Seal quickly: the cover states the signed head, which follows writes asynchronously.
    api = await startApi({ env: { LEDGER_SEAL_INTERVAL_MS: '100' } });
    dir = mkdtempSync(join(tmpdir(), 'committee-pack-'));
    const since = '2025-06-02T09:00:00Z';
    const critical = await registerOrg(api, { name: names.critical, criticality: 'CRITICAL', effectiveAt: since });
    await registerOrg(api, { name: names.high, criticality: 'HIGH', effectiveAt: since });
    const overdue = await registerOrg(api, { name: names.overdue, criticality: 'MEDIUM', effectiveAt: since });
    await registerOrg(api, { name: names.low, criticality: 'LOW', effectiveAt: since });
    await acceptedReport(api, critical, { periodStart: '2025-01-01', periodEnd: '2025-12-31' });
    const x = exceptionInput(overdue, { exceptionId: 'exc-payroll-7', severity: 'HIGH', effectiveAt: '2026-01-10T09:00:00Z' });
    for (const [m, input] of [
      ['recordException', x],
      ['planRemediation', { organizationId: overdue, exceptionId: x.exceptionId, owner: 'Ops', plan: 'Fix', dueDate: '2026-02-01', effectiveAt: '2026-01-12T09:00:00Z' }],
    ] as const) {
      const r = await mutate(api, m, input, 'revision');
      if (r.errors) throw new Error(`${m}: ${JSON.stringify(r.errors)}`);
    }
    await sealedUpTo(api, 8); // 4 registrations, report + review, exception + plan: the pack states the head
    stdout = (await pack(join(dir, 'a.pdf'))).stdout;
    pdf = readFileSync(join(dir, 'a.pdf'));
    text = (await readPdfText(pdf)).lines.map((l) => l.text).join('\n');
  }, 90_000);

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the cover states the as-of moment, the ledger head (position and hash) and the reproducing command', async () => {
    const { signedTreeHead: head } = await api.ok('{ signedTreeHead { treeSize sequence rootHash } }');
    expect(text).toContain('As of 2026-03-02T23:59:59.999Z');
    expect(text).toContain(`Known at ${KNOWN_AT}`);
    expect(text).toContain(`position ${head.treeSize}`);
    expect(text.replace(/\s/g, '')).toContain(head.rootHash);
    expect(text).toContain(`npm run committee-pack -- --as-of 2026-03-02T23:59:59.999Z --known-at ${KNOWN_AT}`);
    expect(stdout).toContain('4 organizations');
  });

  it('critical and high not assured: the high vendor without a report, with its status and since', async () => {
    const { organizations } = await api.ok(`query { organizations(first: 100, asOf: "2026-03-02T23:59:59.999Z") {
      edges { node { name criticality assurance { status statusSince } } } } }`);
    const expected = organizations.edges.map((e: any) => e.node)
      .filter((o: any) => ['CRITICAL', 'HIGH'].includes(o.criticality) && !o.assurance.status.startsWith('ASSURED'));
    expect(expected.map((o: any) => o.name)).toContain(names.high);
    const section = between(text, 'Critical and high organizations not assured', 'Expiring in the next 60 days');
    for (const o of expected) expect(section).toMatch(new RegExp(`${o.name}.*${o.criticality}.*${o.assurance.status}.*${o.assurance.statusSince}`));
    expect(section).not.toContain(names.low);
    expect(section).not.toContain(names.overdue);
  });

  it('overdue remediation names the organization, the exception and its due date', () => {
    const section = between(text, 'Overdue remediation', 'Coverage of critical organizations');
    expect(section).toMatch(/Overdue Payroll.*exc-payroll-7.*HIGH.*2026-02-01/);
  });

  it('the coverage timeline has a bar for the critical organization only, over two years to the as-of day', () => {
    const section = text.slice(text.indexOf('Coverage of critical organizations'));
    expect(section).toContain(names.critical);
    expect(section).toContain('2024-03-02');
    expect(section).not.toContain(names.high);
  });

  it('the same command gives the same bytes, and page 1 renders to PNG', async () => {
    await pack(join(dir, 'b.pdf'));
    expect(readFileSync(join(dir, 'b.pdf')).equals(pdf)).toBe(true);
    await run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', join(dir, 'a.pdf'), join(dir, 'page1')]);
    expect(existsSync(join(dir, 'page1.png'))).toBe(true);
  });
});

/** Polls the signed tree head until sealing (asynchronous, after writes) has caught up with `size` events. */
async function sealedUpTo(api: ApiServer, size: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const head = (await api.gql('{ signedTreeHead { treeSize } }')).data?.signedTreeHead;
    if (head && head.treeSize >= size) return;
    if (Date.now() > deadline) throw new Error(`no signed head of size ${size}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  expect(from).toBeGreaterThanOrEqual(0);
  return text.slice(from, text.indexOf(end, from));
}
