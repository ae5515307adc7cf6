import { timelineCsv, type PackEvent, type StatusAfterEvent } from './status-timeline';

/** RFC 4180 cells of one CSV document (quoted cells, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

function event(revision: number, actorId: string): PackEvent {
  return {
    streamId: 'organization-default~x', revision: String(revision), position: String(revision), eventId: `e${revision}`,
    type: 'OrganizationRegistered', data: {}, metadata: { actor: { id: actorId, role: 'ANALYST' }, hash: 'ab'.repeat(32) },
  };
}

function status(revision: number): StatusAfterEvent {
  return {
    eventId: `e${revision}`, revision: String(revision), type: 'OrganizationRegistered', effectiveAt: '2026-01-01T10:00:00.000Z',
    recordedAt: '2026-01-01T10:00:00.000Z', status: 'NO_ASSURANCE', flags: [], reasons: [],
  };
}

/** An evidence pack's CSV is opened in spreadsheets: no cell may run as a formula. */
describe('evidence pack CSV: formula injection', () => {
  const hostile = ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];

  it.each(hostile)('an actor id starting %j is written with a leading quote, as text', (id) => {
    const rows = parseCsv(timelineCsv([event(0, id)], [status(0)], () => true));
    expect(rows[0]![5]).toBe('actor');
    expect(rows[1]![5]).toBe(`'${id} (ANALYST)`);
  });

  it('leaves ordinary values as they are, and quotes commas and quotes', () => {
    const rows = parseCsv(timelineCsv([event(0, 'alice'), event(1, 'Baker, "Lane"')], [status(0), status(1)], () => true));
    expect(rows.map((r) => r[5])).toEqual(['actor', 'alice (ANALYST)', 'Baker, "Lane" (ANALYST)']);
    expect(rows[1]).toEqual(['0', '2026-01-01T10:00:00.000Z', '2026-01-01T10:00:00.000Z', 'OrganizationRegistered', 'e0', 'alice (ANALYST)', 'NO_ASSURANCE', '', '', 'ab'.repeat(32)]);
  });
});
