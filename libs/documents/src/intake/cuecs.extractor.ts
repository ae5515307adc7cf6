import { found, missing, type DraftField, type DraftValue } from './report-draft.types';
import { headingLike, type ReportText } from './report-text';
import type { TextLine } from './pdf-text.reader';
import { readTable } from './table.reader';

const CUEC_HEADING = /^(section\s+[\dIVX]+\s*[:.\-–—]?\s*)?complementary user entity controls( \(CUECs\))?$/i;
const CSOC_HEADING = /^(section\s+[\dIVX]+\s*[:.\-–—]?\s*)?complementary subservice organi[sz]ation controls( \(CSOCs\))?$/i;
const NEXT = headingLike(/^(section\s+[\dIVX]+\b|complementary (user|subservice)|subservice organi[sz]ations?$|other information|appendix|tests? of|description of)/i);
const REF = /^[A-Z]{1,6}[-.]?\d+(?:\.\d+)?$/;
const NUMBERED = /^((?:[A-Z]{1,6}[-.]?)?\d{1,3})[.):]?\s+(.+)$/;

/** CUECs as a table (ref | control) or as a numbered prose list, under their heading. */
export function cuecFields(text: ReportText): DraftField {
  const section = sectionAfter(text.lines, CUEC_HEADING);
  if (section.length === 0) return missing('cuecs', 'the report has no complementary user entity controls section');
  const items = refList(section);
  if (items.length === 0) return missing('cuecs', 'the complementary user entity controls section lists no numbered or referenced controls');
  return found('cuecs', items.map((i) => ({ ref: i.ref, description: i.text })), section[0]!.page, `${items[0]!.ref} ${items[0]!.text}`, 0.85);
}

function sectionAfter(lines: readonly TextLine[], heading: RegExp): TextLine[] {
  const at = lines.findIndex((l) => heading.test(l.text));
  if (at < 0) return [];
  const rest = lines.slice(at + 1);
  const end = rest.findIndex((l) => NEXT.test(l.text));
  return end < 0 ? rest : rest.slice(0, end);
}

/** Items keyed by a ref in the first column, or numbered prose; wrapped lines continue the item above. */
function refList(lines: readonly TextLine[]): Array<{ ref: string; text: string }> {
  const items: Array<{ ref: string; text: string }> = [];
  for (const line of lines) {
    if (/^(page \d+( of \d+)?|\d+)$/i.test(line.text) || (line.cells.length > 1 && /^(ref|#|no\.?)$/i.test(line.cells[0]!.text))) continue;
    const table = line.cells.length > 1 && REF.test(line.cells[0]!.text) ? { ref: line.cells[0]!.text, text: line.cells.slice(1).map((c) => c.text).join(' ') } : null;
    const numbered = table ? null : NUMBERED.exec(line.text);
    if (table) items.push(table);
    // A bare number must be the next in sequence: a wrapped line may start with "30 days …".
    else if (numbered && /\d/.test(numbered[1]!) && (!/^\d+$/.test(numbered[1]!) || Number(numbered[1]) === items.length + 1)) items.push({ ref: numbered[1]!, text: numbered[2]! });
    else if (items.length > 0) items[items.length - 1]!.text += ` ${line.text}`;
  }
  return items;
}

/** Subservice organizations with their method, from a table or from prose; CSOCs attached by name. */
export function subserviceFields(text: ReportText): DraftField {
  const csocs = csocsByOrganization(text);
  const orgs = new Map<string, { method: string; page: number; quote: string }>();
  const tableRows = readTable(text.lines, {
    header: (l) => /subservice organi[sz]ation/i.test(l.cells[0]?.text ?? '') && /\bmethod\b/i.test(l.text) && l.cells.length >= 2,
    rowKey: /^[A-Z]/,
    end: NEXT,
  });
  for (const r of tableRows) {
    const method = /carve/i.test(r.cells.join(' ')) ? 'CARVE_OUT' : /inclusive/i.test(r.cells.join(' ')) ? 'INCLUSIVE' : null;
    if (method && !orgs.has(r.cells[0]!)) orgs.set(r.cells[0]!, { method, page: r.page, quote: r.cells.join(' | ') });
  }
  const NAME = "([A-Z][\\w&'’.-]*(?:,?\\s+(?:[A-Z][\\w&'’.-]*|of|and|&))*)";
  const prose: Array<[RegExp, string]> = [
    [new RegExp(`\\bcontrols (?:of|at|performed by) ${NAME}(?:(?!\\b(?:ex|in)cludes\\b)[^.]){0,80}?\\(?(?:the )?carve-out method`, 'g'), 'CARVE_OUT'],
    [new RegExp(`\\b(?:excludes|carves out) (?:the )?(?:relevant )?controls (?:of|at) ${NAME}`, 'g'), 'CARVE_OUT'],
    [new RegExp(`\\bcontrols (?:of|at|performed by) ${NAME}(?:(?!\\b(?:ex|in)cludes\\b)[^.]){0,80}?\\(?(?:the )?inclusive method`, 'g'), 'INCLUSIVE'],
  ];
  for (const [re, method] of prose) {
    for (const hit of text.findAll(re)) {
      const name = hit.match[1]!.replace(/,$/, '').replace(/\s+(and|of|&)$/, '');
      if (!orgs.has(name)) orgs.set(name, { method, page: hit.page, quote: hit.quote });
    }
  }
  if (orgs.size === 0) return missing('subserviceOrganizations', 'no subservice organization with a carve-out or inclusive method is described');
  const value: DraftValue = [...orgs.entries()].map(([name, o]) => {
    const entry: { [k: string]: DraftValue } = { name, method: o.method };
    const own = csocs.get(name);
    if (own) entry.csocs = own;
    return entry;
  });
  const first = [...orgs.values()][0]!;
  return found('subserviceOrganizations', value, first.page, first.quote, 0.8);
}

/** CSOC table: organization | ref | control; a blank organization cell repeats the one above. */
function csocsByOrganization(text: ReportText): Map<string, Array<{ ref: string; text: string }>> {
  const out = new Map<string, Array<{ ref: string; text: string }>>();
  const section = sectionAfter(text.lines, CSOC_HEADING);
  const rows = readTable(section, { header: (l) => l.cells.length >= 3 && /\bref\b/i.test(l.text), rowKey: REF, end: NEXT, keyColumn: 1 });
  let owner = '';
  for (const r of rows) {
    if (!REF.test(r.cells[1] ?? '')) continue;
    owner = r.cells[0] || owner;
    const list = out.get(owner) ?? [];
    list.push({ ref: r.cells[1]!, text: r.cells[2] ?? '' });
    out.set(owner, list);
  }
  return out;
}
