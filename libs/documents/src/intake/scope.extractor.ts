import { found, missing, type DraftField } from './report-draft.types';
import type { ReportText } from './report-text';
import type { TextLine } from './pdf-text.reader';

const CATEGORIES: Array<[RegExp, string]> = [
  [/\bsecurity\b/i, 'SECURITY'],
  [/\bavailability\b/i, 'AVAILABILITY'],
  [/\bprocessing integrity\b/i, 'PROCESSING_INTEGRITY'],
  [/\bconfidentiality\b/i, 'CONFIDENTIALITY'],
  [/\bprivacy\b/i, 'PRIVACY'],
];
const HEADING = /^(section\s+[\dIVX]+\b|[A-Z][A-Za-z ,&'’-]{2,60}$)/;
const ITEM = /^(?:[•▪◦*-]|\d{1,2}[.)])\s+(.*)$/;

export function scopeFields(text: ReportText, framework: string | null): DraftField[] {
  return [criteria(text, framework), controlObjectives(text), listed(text, 'servicesCovered', /^(services (covered|provided|in scope)|scope of services)$/i, /\bfollowing services\b[^:.]*:/i, 'services'), listed(text, 'sitesCovered', /^((data center |data centre )?(facilities|locations|sites)( covered| in scope)?|(facilities|locations|sites) (covered|in scope))$/i, /\bfollowing (?:facilities|locations|sites|data cent(?:er|re)s)\b[^:.]*:/i, 'facilities or sites')];
}

const CATEGORY = '(?:security|availability|processing integrity|confidentiality|privacy)';
const CLAUSE = '([^().;]{3,200}?)(?=\\s*\\(|\\s+set forth\\b|[.;]|$)';
/** The scope's own clause: the title of TSP section 100 ("… Criteria for Security, Availability, …") names all five. */
const SCOPE = [
  new RegExp(`\\btrust services criteria relevant to (?:the )?${CLAUSE}`, 'i'),
  new RegExp(`\\btrust services categories (?:in scope|covered|included) (?:are|were|include)\\s+${CLAUSE}`, 'i'),
  new RegExp(`\\brelevant to (${CATEGORY}(?:(?:,\\s*(?:and\\s+)?|\\s+and\\s+)${CATEGORY})*)`, 'i'),
];

function criteria(text: ReportText, framework: string | null): DraftField {
  for (const re of SCOPE) {
    const hit = text.find(re);
    const names = hit ? CATEGORIES.filter(([cat]) => cat.test(hit.match[1]!)).map(([, n]) => n) : [];
    if (hit && names.length > 0) return found('criteria', names, hit.page, hit.quote, 0.9);
  }
  return missing('criteria', framework === 'SOC1' || framework === 'ISAE3402' ? 'a report on control objectives states no trust services criteria' : 'no trust services categories are stated');
}

/** "Control Objective 1: Controls provide reasonable assurance that …", wrapped lines joined. */
function controlObjectives(text: ReportText): DraftField {
  const out: Array<{ line: TextLine; text: string }> = [];
  const seen = new Set<string>();
  let current: { line: TextLine; text: string } | null = null;
  for (const line of text.lines) {
    // One paragraph line, not a table row whose ref looks alike ("CO1-01").
    const start = line.cells.length === 1 ? /^(control objective \d+|CO-?\d+)\s*[:.\-–]\s+(.+)$/i.exec(line.text) : null;
    if (start) {
      current = seen.has(start[1]!.toLowerCase()) ? null : { line, text: line.text };
      if (current) {
        seen.add(start[1]!.toLowerCase());
        out.push(current);
      }
    } else if (current && !/[.]$/.test(current.text) && current.text.length < 600) {
      // A statement runs on until its full stop.
      current.text = `${current.text} ${line.text}`;
    } else current = null;
  }
  if (out.length === 0) return missing('controlObjectives', 'no "Control Objective n:" statements were found');
  return found('controlObjectives', out.map((o) => o.text), out[0]!.line.page, out[0]!.text, 0.85);
}

/** A headed list ("Services Covered" then one item a line) or a sentence "… the following services: a, b and c." */
function listed(text: ReportText, name: string, heading: RegExp, sentence: RegExp, what: string): DraftField {
  const at = text.lines.findIndex((l) => heading.test(l.text));
  if (at >= 0) {
    const items: string[] = [];
    for (const line of text.lines.slice(at + 1)) {
      const item = ITEM.exec(line.text);
      if (item) items.push(item[1]!.trim());
      else if (items.length > 0 && !HEADING.test(line.text) && line.cells[0]!.x > text.lines[at]!.cells[0]!.x + 4) items[items.length - 1] += ` ${line.text}`;
      else break;
    }
    if (items.length > 0) return found(name, items, text.lines[at]!.page, `${text.lines[at]!.text}: ${items.join('; ')}`, 0.85);
  }
  const hit = text.find(sentence);
  if (hit) {
    const list = hit.quote.replace(/^.*?:\s*/, '').replace(/\.$/, '');
    const items = list.split(/;\s*|,\s*(?:and\s+)?|\s+and\s+/).map((s) => s.trim()).filter((s) => s.length > 0);
    return found(name, items, hit.page, hit.quote, 0.75);
  }
  return missing(name, `no list of ${what} covered was found`);
}
