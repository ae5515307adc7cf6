import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ApiServer } from './support/api-server';

const run = promisify(execFile);
const SEED = resolve(__dirname, '../dist/apps/api/src/cli/seed.js');
jest.setTimeout(60_000);

/** The portfolio block of the README's seed output: "  Name   CRITICALITY  STATUS [FLAGS]". */
function readmePortfolio(): string[] {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const block = /\nRecorded 61 commands\. The portfolio now:\n([\s\S]*?)\n```/.exec(readme);
  if (!block) throw new Error('README.md shows no seed output');
  return block[1]!.split('\n');
}

async function seedOn(day: string): Promise<string[]> {
  const api = await ApiServer.start({ clockStart: `${day}T09:00:00Z`, devSecret: true });
  try {
    const { PATH, HOME } = process.env;
    const { stdout } = await run(process.execPath, [SEED], { env: { PATH, HOME, PORT: String(api.port), DATA_DIR: api.dataDir } });
    return stdout.trimEnd().split('\n');
  } finally {
    await api.stop();
    api.removeData();
  }
}

/**
 * README: "The statuses, flags, counts and reason codes above … are the same on any day", bridge
 * letters between 31 December and 13 February aside. Days spread over the year, month ends,
 * a leap day and the days either side of the bridge window.
 */
describe("the README's seed output on any day", () => {
  const expected = readmePortfolio();

  it.each(['2026-12-04', '2026-12-30', '2027-02-14', '2027-06-15', '2028-02-29'])('%s', async (day) => {
    const out = await seedOn(day);
    expect(out[1]).toBe('Recorded 61 commands. The portfolio now:');
    expect(out.slice(2)).toEqual(expected);
  });

  it.each(['2026-12-31', '2027-02-13'])('%s, in the bridge-letter window: the same statuses, five [BRIDGED]', async (day) => {
    const out = await seedOn(day);
    expect(out[1]).toBe('Recorded 65 commands. The portfolio now:');
    const bridged = out.slice(2).filter((line) => line.endsWith(' [BRIDGED]'));
    expect(bridged).toHaveLength(5);
    expect(out.slice(2).map((line) => line.replace(' [BRIDGED]', ''))).toEqual(expected);
  });
});
