import type { Page } from 'playwright-core';
import { ApiServer } from './support/api-server';
import { ConsoleBrowser, inPage, runSeed, signInWithToken } from './support/browser';

/**
 * The coverage chart as a new user met it (issue 11, "Console"), in Chromium against the real,
 * seeded server: a day-count label past the chart's edge, the ordinary time before the next
 * report is due drawn as a gap, and "1 days".
 */
jest.setTimeout(120_000);

let api: ApiServer;
let browser: ConsoleBrowser;
const origin = () => `http://127.0.0.1:${api.port}`;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  api = await ApiServer.start();
  runSeed(api.url, api.token('ADMIN'));
  // An organization whose accepted report ended yesterday: today alone is not yet covered (1 day).
  const send = (m: string, input: Record<string, unknown>) =>
    api.ok(`mutation($input: ${m.charAt(0).toUpperCase()}${m.slice(1)}Input!) { ${m}(input: $input) { revision } }`, { input });
  await send('registerOrganization', { id: 'oneday-hosting', name: 'Oneday Hosting', role: 'VENDOR', category: 'SAAS', criticality: 'LOW', owner: 'e2e', effectiveAt: `${day(-400)}T09:00:00Z` });
  await send('recordReportReceived', {
    organizationId: 'oneday-hosting', reportId: 'oneday-soc2', framework: 'SOC2', reportType: 'TYPE_2', periodStart: day(-365), periodEnd: day(-1),
    opinionDate: day(0), serviceAuditor: 'e2e LLP', opinion: 'UNMODIFIED', criteria: ['SECURITY'], effectiveAt: new Date().toISOString(),
  });
  await send('concludeReportReview', { organizationId: 'oneday-hosting', reportId: 'oneday-soc2', decision: 'ACCEPTED', reviewer: 'e2e', effectiveAt: new Date().toISOString() });
  browser = await ConsoleBrowser.launch();
});

afterAll(async () => {
  await browser?.close();
  await api?.stop();
  api?.removeData();
});

async function openOrg(page: Page, id: string, role = 'AUDITOR'): Promise<void> {
  await signInWithToken(page, origin(), api.token(role), `/console/org/${id}`);
  await page.getByTestId('coverage-chart').waitFor();
}

/** Every box of every gap label, and the SVG's own box, in CSS pixels. */
const labelBoxes = (page: Page) =>
  inPage<{ svg: { left: number; right: number }; boxes: Array<{ left: number; right: number }> }>(
    page,
    `(() => {
      const svg = document.querySelector('svg[data-testid=coverage-chart]').getBoundingClientRect();
      const boxes = [...document.querySelectorAll('[data-testid=coverage-gap] rect, [data-testid=coverage-gap-label] rect, [data-testid=coverage-gap-label] text')]
        .map((e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right }; });
      return { svg: { left: svg.left, right: svg.right }, boxes };
    })()`,
  );

describe('console coverage chart (issue 11)', () => {
  it('keeps a gap label inside the chart when the gap lies at its right edge', async () => {
    const { context, page } = await browser.page();
    await openOrg(page, 'eastbay-colocation');
    const { svg, boxes } = await labelBoxes(page);
    expect(boxes.length).toBeGreaterThanOrEqual(3);
    for (const b of boxes) expect([b.left >= svg.left - 0.5, b.right <= svg.right + 0.5]).toEqual([true, true]);
    await context.close();
  });

  it('draws time not yet covered and not yet due apart from a gap a rule counts, each with its legend entry', async () => {
    const { context, page } = await browser.page();
    const { organization } = await api.ok(`{ organization(id: "eastbay-colocation") { assurance { status expiresAt } } }`);
    const { coverageTimeline: t } = await api.ok(`{ coverageTimeline(organizationId: "eastbay-colocation") { gaps { from to code } fiscalYearEnds { date coverage } } }`);
    // Assured, the gap after the last report ends before it expires and holds no fiscal year end: no rule counts it.
    expect(organization.assurance.status).toBe('ASSURED');
    expect(t.gaps).toEqual([expect.objectContaining({ code: 'AFTER_LAST_REPORT' })]);
    expect(t.gaps[0].to <= organization.assurance.expiresAt).toBe(true);
    expect(t.fiscalYearEnds.filter((f: { date: string }) => f.date >= t.gaps[0].from)).toEqual([]);

    await openOrg(page, 'eastbay-colocation');
    const gap = page.locator('[data-testid=coverage-gap]');
    await expect(gap.getAttribute('data-counted')).resolves.toBe('false');
    await expect(gap.locator('rect').first().getAttribute('fill')).resolves.not.toBe('url(#gap-hatch)');
    await expect(gap.locator('title').textContent()).resolves.toMatch(/^Not yet covered, not yet due/);
    await expect(page.locator('.legend').textContent()).resolves.toContain('Not yet covered, not yet due');

    // Northgate is EXPIRED and its gap holds uncovered fiscal year ends: that gap counts, hatched.
    await page.goto(`${origin()}/console/org/northgate-data-centers`);
    await page.getByTestId('coverage-chart').waitFor();
    await expect(gap.getAttribute('data-counted')).resolves.toBe('true');
    await expect(gap.locator('rect').first().getAttribute('fill')).resolves.toBe('url(#gap-hatch)');
    await expect(page.locator('.legend').textContent()).resolves.toContain('Uncovered gap a rule counts');
    await context.close();
  });

  it('says "1 day", not "1 days"', async () => {
    const { context, page } = await browser.page();
    const { coverageTimeline: t } = await api.ok(`{ coverageTimeline(organizationId: "oneday-hosting") { gaps { days } } }`);
    expect(t.gaps.map((g: { days: number }) => g.days)).toEqual([1]);
    await openOrg(page, 'oneday-hosting');
    await expect(page.locator('[data-testid=coverage-gap-label] .gap-label').textContent()).resolves.toBe('1 day');
    await expect(page.locator('#coverage-desc').textContent()).resolves.not.toMatch(/\b1 days\b/);
    await expect(inPage<string>(page, 'document.body.innerText')).resolves.not.toMatch(/\b1 days\b/);
    await context.close();
  });
});
