import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { CORPUS, corpusPdf } from '../../test-corpus/report-corpus';

const run = promisify(execFile);
const CLI = resolve('dist/libs/documents/src/cli/draft-report.cli.js');

/** The built CLI (run `npm run build` first) on corpus PDFs written to disk. */
describe('npm run draft-report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'draft-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function cli(name: string, nodeArgs: string[] = []): Promise<{ code: number; json: any }> {
    const file = join(dir, `${name}.pdf`);
    writeFileSync(file, await corpusPdf(CORPUS.find((e) => e.name === name)!));
    try {
      const { stdout } = await run(process.execPath, [...nodeArgs, CLI, file]);
      return { code: 0, json: JSON.parse(stdout) };
    } catch (error) {
      const e = error as { code: number; stdout: string };
      return { code: e.code, json: JSON.parse(e.stdout) };
    }
  }

  it('prints the draft of a report as JSON, exit 0', async () => {
    const { code, json } = await cli('soc2-type2-qualified-grouped-deviation');
    expect(code).toBe(0);
    const value = (n: string) => json.fields.find((f: { name: string }) => f.name === n).value;
    expect([value('framework'), value('reportType'), value('periodStart'), value('periodEnd'), value('opinion')]).toEqual(['SOC2', 'TYPE_2', '2024-07-01', '2025-06-30', 'QUALIFIED']);
    expect(json.documentId).toMatch(/^[0-9a-f]{64}$/);
    expect(json.exceptions).toHaveLength(1);
  });

  it('reads without the optional @napi-rs/canvas (a production image prunes optional dependencies)', async () => {
    const block = join(dir, 'block-canvas.cjs');
    writeFileSync(
      block,
      `const Module = require('node:module'); const resolve = Module._resolveFilename;
       Module._resolveFilename = function (request, ...rest) {
         if (request.startsWith('@napi-rs/canvas')) throw Object.assign(new Error('Cannot find module ' + request), { code: 'MODULE_NOT_FOUND' });
         return resolve.call(this, request, ...rest);
       };`,
    );
    const { code, json } = await cli('soc1-type2-unmodified', ['--require', block]);
    expect({ code, framework: json.fields?.find((f: { name: string }) => f.name === 'framework')?.value }).toEqual({ code: 0, framework: 'SOC1' });
  });

  it('prints a refusal with its code, exit 2', async () => {
    expect(await cli('scanned-image-only')).toEqual({ code: 2, json: { error: { code: 'NO_TEXT_LAYER', message: expect.any(String) } } });
  });
});
