import type { ApiServer } from './support/api-server';
import { ConsoleBrowser } from './support/browser';
import { startApi } from './support/e2e-fixtures';

/** GraphiQL renders in Chromium with every request answered by this server: it works offline. */
describe('GraphiQL in a browser', () => {
  let api: ApiServer;
  let browser: ConsoleBrowser;
  beforeAll(async () => {
    [api, browser] = await Promise.all([startApi(), ConsoleBrowser.launch()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    api?.removeData();
  });

  it('renders the IDE and runs a query, asking nothing of any other host', async () => {
    const { context, page } = await browser.page();
    const elsewhere: string[] = [];
    const origin = new URL(api.url).origin;
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin + '/') || url.startsWith('data:')) return route.continue();
      elsewhere.push(url);
      return route.abort();
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(api.url);
    await page.locator('.graphiql-container').waitFor();
    // The headers editor carries the token; the query runs against this server.
    await page.evaluate(`localStorage.setItem('graphiql:headers', ${JSON.stringify(JSON.stringify({ authorization: `Bearer ${api.token()}` }))})`);
    await page.evaluate(`localStorage.setItem('graphiql:query', '{ serverTime }')`);
    await page.reload();
    await page.locator('.graphiql-container').waitFor();
    // A click that lands before the editors have loaded the saved query runs nothing: click again.
    const answer = page.locator('.graphiql-response').getByText('serverTime');
    for (let attempt = 1; ; attempt++) {
      await page.locator('.graphiql-execute-button').click();
      try {
        await answer.waitFor({ timeout: 5_000 });
        break;
      } catch (error) {
        if (attempt === 4) throw error;
      }
    }
    expect(errors).toEqual([]);
    expect(elsewhere).toEqual([]);
    await context.close();
  }, 60_000);
});
