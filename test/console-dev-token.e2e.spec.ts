import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer } from './support/api-server';
import { ConsoleBrowser, inPage, screenshot } from './support/browser';

/**
 * How the console is served, and its local-development role picker: offered only on the local
 * development secret (no JWT_SECRET / JWKS), and then a real token of the role picked.
 */
jest.setTimeout(90_000);

function post(port: number, path: string, body: unknown, host = `127.0.0.1:${port}`): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { host, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

describe('console on the local development secret', () => {
  let api: ApiServer;
  let browser: ConsoleBrowser;
  beforeAll(async () => {
    // No JWT_SECRET at all (an empty one is refused as too short): the server runs on its local
    // development secret. child_process leaves out variables whose value is undefined.
    api = await ApiServer.start({ env: { JWT_SECRET: undefined as unknown as string } });
    browser = await ConsoleBrowser.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    api?.removeData();
  });

  it('serves the console and its SPA paths, but not a missing asset', async () => {
    const base = `http://127.0.0.1:${api.port}`;
    const page = await fetch(`${base}/console`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    const asset = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    expect((await fetch(`${base}${asset}`)).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/console/org/eastbay-colocation/replay`)).status).toBe(200);
    expect((await fetch(`${base}/console/assets/nope.js`)).status).toBe(404);
    // No external resource: no font, script or style from another origin.
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('signs a token of the role asked for, which the API accepts with that role', async () => {
    const minted = await post(api.port, '/console/dev-token', { role: 'viewer', tenant: 'default' });
    expect(minted.status).toBe(200);
    expect(minted.body).toMatchObject({ role: 'VIEWER', tenant: 'default' });
    const auth = { authorization: `Bearer ${minted.body.token}` };
    expect((await api.gql('{ serverTime }', {}, auth)).errors).toBeUndefined();
    const detail = await api.gql('{ oversightHistory(organizationId: "x") { totalCount } }', {}, auth);
    expect(detail.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    expect((await post(api.port, '/console/dev-token', { role: 'root' })).status).toBe(400);
    // Addressed by a name other than a loopback one (DNS rebinding): not there.
    expect((await post(api.port, '/console/dev-token', { role: 'admin' }, `rebound.example:${api.port}`)).status).toBe(404);
  });

  it('offers a role picker in the browser and signs in with it', async () => {
    const { context, page } = await browser.page();
    await page.goto(`http://127.0.0.1:${api.port}/console`);
    await page.getByTestId('dev-signin').waitFor();
    await page.getByRole('radio', { name: /AUDITOR/ }).check();
    await screenshot(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in as AUDITOR' }).click();
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toContain('AUDITOR');
    // The token lives in this tab's sessionStorage only.
    await expect(inPage(page, 'sessionStorage.length')).resolves.toBe(1);
    await expect(inPage(page, 'localStorage.length')).resolves.toBe(0);
    await context.close();
  });
});

describe('console with a configured key', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await ApiServer.start({ env: { CONSOLE_DIR: mkdtempSync(join(tmpdir(), 'console-missing-')) } });
  });
  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  it('has no dev-token endpoint (JWT_SECRET is set)', async () => {
    expect((await fetch(`http://127.0.0.1:${api.port}/console/dev-token`)).status).toBe(404);
    expect((await post(api.port, '/console/dev-token', { role: 'admin' })).status).toBe(404);
  });

  it('says how to build the console when its bundle is missing', async () => {
    const res = await fetch(`http://127.0.0.1:${api.port}/console`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build:console');
  });
});
