import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';
import type { ApiServer } from './support/api-server';
import { acceptedReport, exceptionInput, mutate, onlyError, registerOrg, startApi } from './support/e2e-fixtures';

/**
 * `portfolioExport` and `npm run export-portfolio` over real HTTP, parsed back with csv-parse and
 * exceljs: each organization's status, reasons, current report, coverage end, expiry, open
 * exceptions and overdue remediation — the same answer as `organizations`, today and as of a day.
 */
describe('portfolioExport: the portfolio as a CSV or XLSX file', () => {
  let api: ApiServer;
  let vendor: string;
  let bare: string;
  let formula: string;
  const EXPORT = `query($format: ExportFormat!, $filter: OrganizationFilterInput, $asOf: DateTime, $knownAt: DateTime) {
    portfolioExport(format: $format, filter: $filter, asOf: $asOf, knownAt: $knownAt) { filename mediaType encoding content rowCount asOf knownAt } }`;
  const ORGS = `query($asOf: DateTime) { organizations(first: 100, asOf: $asOf) { edges { node {
    id: organizationId assurance { status statusSince coverageEnd expiresAt currentReportId reasons { code } } } } } }`;
  const csvRows = (content: string) => parse(content, { columns: true }) as Array<Record<string, string>>;
  const byId = (rows: Array<Record<string, string>>) => new Map(rows.map((r) => [r.organizationId, r]));

  beforeAll(async () => {
    api = await startApi();
    const since = '2025-06-02T09:00:00Z';
    vendor = await registerOrg(api, { name: 'Ledgerly, Inc.', criticality: 'CRITICAL', effectiveAt: since });
    bare = await registerOrg(api, { name: 'Bare Hosting', criticality: 'HIGH', effectiveAt: since });
    formula = await registerOrg(api, { name: '=HYPERLINK("http://x")', criticality: 'LOW', effectiveAt: since });
    await acceptedReport(api, vendor, { periodStart: '2025-01-01', periodEnd: '2025-12-31' });
    // An exception found in January whose remediation was due on 1 February: overdue today (2 March).
    const x = exceptionInput(vendor, { severity: 'HIGH', effectiveAt: '2026-01-10T09:00:00Z' });
    for (const [m, input] of [
      ['recordException', x],
      ['recordException', exceptionInput(vendor, { effectiveAt: '2026-01-11T09:00:00Z' })],
      ['planRemediation', { organizationId: vendor, exceptionId: x.exceptionId, owner: 'Ops', plan: 'Fix', dueDate: '2026-02-01', effectiveAt: '2026-01-12T09:00:00Z' }],
    ] as const) {
      const r = await mutate(api, m, input, 'revision');
      if (r.errors) throw new Error(`${m}: ${JSON.stringify(r.errors)}`);
    }
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  it('CSV: one row per organization with the same status, since, reasons and dates as `organizations`', async () => {
    const { portfolioExport: f } = await api.ok(EXPORT, { format: 'CSV' });
    expect(f).toMatchObject({ filename: 'portfolio-2026-03-02.csv', mediaType: 'text/csv; charset=utf-8', encoding: 'UTF8', rowCount: 3 });
    const rows = byId(csvRows(f.content));
    const { organizations } = await api.ok(ORGS);
    expect(rows.size).toBe(3);
    for (const { node } of organizations.edges) {
      const a = node.assurance;
      expect(rows.get(node.id)).toMatchObject({
        status: a.status, statusSince: a.statusSince ?? '', coverageEnd: a.coverageEnd ?? '', expiresAt: a.expiresAt ?? '',
        currentReportId: a.currentReportId ?? '', reasonCodes: a.reasons.map((r: any) => r.code).join(' '),
      });
    }
    expect(rows.get(vendor)).toMatchObject({ name: 'Ledgerly, Inc.', criticality: 'CRITICAL', framework: 'SOC2', reportType: 'TYPE_2', coverageEnd: '2025-12-31' });
    expect(rows.get(vendor)).toMatchObject({ openExceptions: '2', overdueRemediation: '1', oldestOverdueDueDate: '2026-02-01' });
    expect(rows.get(bare)).toMatchObject({ status: 'NO_ASSURANCE', currentReportId: '', openExceptions: '0', overdueRemediation: '0' });
  });

  it('CSV: a name a spreadsheet would run as a formula is written as text (leading quote)', async () => {
    const { portfolioExport: f } = await api.ok(EXPORT, { format: 'CSV' });
    expect(byId(csvRows(f.content)).get(formula)!.name).toBe(`'=HYPERLINK("http://x")`);
  });

  it('the filter of `organizations` applies: criticality CRITICAL gives only the vendor', async () => {
    const { portfolioExport: f } = await api.ok(EXPORT, { format: 'CSV', filter: { criticality: ['CRITICAL'] } });
    expect(csvRows(f.content).map((r) => r.organizationId)).toEqual([vendor]);
  });

  it('as of 31 January the report and the overdue remediation were not there yet', async () => {
    const asOf = '2026-01-31T23:59:59.000Z';
    const { portfolioExport: f } = await api.ok(EXPORT, { format: 'CSV', asOf });
    expect(f).toMatchObject({ asOf, filename: 'portfolio-2026-01-31.csv' });
    const row = byId(csvRows(f.content)).get(vendor)!;
    const { organizations } = await api.ok(ORGS, { asOf });
    const then = organizations.edges.find((e: any) => e.node.id === vendor).node.assurance;
    expect(row).toMatchObject({ status: then.status, currentReportId: '', coverageEnd: '', openExceptions: '2', overdueRemediation: '0' });
  });

  it('XLSX: the workbook parses back with the same rows, and the same question gives the same bytes', async () => {
    const vars = { format: 'XLSX', knownAt: '2026-03-02T12:00:00.000Z' };
    const { portfolioExport: f } = await api.ok(EXPORT, vars);
    expect(f).toMatchObject({ filename: 'portfolio-2026-03-02.xlsx', encoding: 'BASE64', rowCount: 3 });
    expect(f.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new Workbook();
    await book.xlsx.load(Buffer.from(f.content, 'base64') as never);
    const sheet = book.getWorksheet('Portfolio')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const rows = new Map<string, Record<string, unknown>>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const values = (row.values as unknown[]).slice(1);
      const record = Object.fromEntries(header.map((h, i) => [String(h), values[i] ?? '']));
      rows.set(String(record.organizationId), record);
    });
    expect(rows.get(vendor)).toMatchObject({ name: 'Ledgerly, Inc.', coverageEnd: '2025-12-31', openExceptions: 2, overdueRemediation: 1 });
    expect(rows.get(formula)!.name).toBe('=HYPERLINK("http://x")');
    expect(book.getWorksheet('About')!.getCell('B2').value).toBe('2026-03-02T12:00:00.000Z');
    expect((await api.ok(EXPORT, vars)).portfolioExport.content).toBe(f.content);
  });

  it('XLSX: every part of the file is dated at knownAt, not at the wall clock, so the bytes depend on the question only', async () => {
    const { portfolioExport: f } = await api.ok(EXPORT, { format: 'XLSX', knownAt: '2026-02-27T00:00:00.000Z' });
    const zip = await JSZip.loadAsync(Buffer.from(f.content, 'base64'));
    const dates = new Set(Object.values(zip.files).map((file) => file.date.toISOString()));
    expect([...dates]).toEqual(['2026-02-27T00:00:00.000Z']);
  });

  it('a VIEWER may not export (detail), and a bad format is refused', async () => {
    const viewer = await api.gql(EXPORT, { format: 'CSV' }, { authorization: `Bearer ${api.token('VIEWER')}` });
    expect(onlyError(viewer).extensions?.code).toBe('FORBIDDEN');
    expect(viewer.data?.portfolioExport ?? null).toBeNull();
    const bad = await api.gql(EXPORT, { format: 'PDF' });
    expect(onlyError(bad).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('npm run export-portfolio writes the XLSX file the API answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portfolio-export-'));
    try {
      const out = join(dir, 'p.xlsx');
      const cli = resolve(__dirname, '../dist/apps/api/src/cli/export-portfolio.js');
      const env = { ...process.env, API_URL: api.url, API_TOKEN: api.token('AUDITOR') };
      const { stdout } = await promisify(execFile)(process.execPath, [cli, '--format', 'xlsx', '--criticality', 'critical,high', '--out', out], { env });
      expect(stdout).toContain('Portfolio export: 2 organizations');
      const book = new Workbook();
      await book.xlsx.load(readFileSync(out) as never);
      const ids: unknown[] = [];
      book.getWorksheet('Portfolio')!.eachRow((row, n) => n > 1 && ids.push((row.values as unknown[])[1]));
      expect(ids.sort()).toEqual([vendor, bare].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
