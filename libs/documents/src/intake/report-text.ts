import type { PdfText, TextLine } from './pdf-text.reader';

export interface Hit {
  page: number;
  match: RegExpExecArray;
  /** The sentence around the match, as written. */
  quote: string;
}

/**
 * The report as a reader sees it: each page's lines joined into flowing text (for wording found
 * in prose), and the positioned lines themselves (for tables and headings).
 */
export class ReportText {
  readonly pageTexts: string[];
  readonly lines: readonly TextLine[];

  constructor(readonly pdf: PdfText) {
    this.lines = pdf.lines.filter((l) => !isContentsEntry(l));
    this.pageTexts = Array.from({ length: pdf.pages }, (_, i) =>
      this.lines
        .filter((l) => l.page === i + 1)
        .map((l) => l.text)
        .join(' ')
        .replace(/\s+/g, ' '),
    );
  }

  /** The first sentence matching `pattern` (pages in order), or null. */
  find(pattern: RegExp, fromPage = 1): Hit | null {
    return this.findAll(pattern, fromPage)[0] ?? null;
  }

  findAll(pattern: RegExp, fromPage = 1): Hit[] {
    const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    const hits: Hit[] = [];
    this.pageTexts.forEach((text, i) => {
      if (i + 1 < fromPage) return;
      for (const match of text.matchAll(new RegExp(pattern.source, flags))) {
        hits.push({ page: i + 1, match: match as RegExpExecArray, quote: sentenceAround(text, match.index, match.index + match[0].length) });
      }
    });
    return hits;
  }

  /** Lines after the first heading matching `start`, up to (not including) a line matching `end`. */
  section(start: RegExp, end: RegExp): TextLine[] {
    const from = this.lines.findIndex((l) => start.test(l.text));
    if (from < 0) return [];
    const rest = this.lines.slice(from + 1);
    const to = rest.findIndex((l) => end.test(l.text));
    return to < 0 ? rest : rest.slice(0, to);
  }
}

/**
 * A heading line matching `pattern`: short and unpunctuated, since a wrapped line of prose or of
 * a table cell may start with the same words ("description of its system …").
 */
export function headingLike(pattern: RegExp): RegExp {
  return { test: (line: string) => line.length < 90 && !/[.:,;]$/.test(line) && pattern.test(line) } as RegExp;
}

/**
 * A table-of-contents entry ("Section I: Independent Service Auditor's Report ..... 3", or the
 * page number in its own column) names every heading: read as one, it would start each section
 * on the contents page.
 */
function isContentsEntry(line: TextLine): boolean {
  if (/\.{4,}\s*\d{1,3}$/.test(line.text)) return true;
  const last = line.cells[line.cells.length - 1]!;
  const title = /^(?:Section|SECTION|Appendix|APPENDIX)\b|^[IVX]+\.|^\d+\.|^[A-Z][\w'’]*(?:\s+(?:[A-Z][\w'’,.]*|of|and|to|on|for|by|at|the|a)){1,12}$/;
  return line.cells.length === 2 && /^\d{1,3}$/.test(last.text) && title.test(line.cells[0]!.text);
}

/** From the end of the previous sentence to the end of this one, at most ~500 characters. */
function sentenceAround(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 300), start);
  const cut = Math.max(before.lastIndexOf('. '), before.lastIndexOf(': '));
  const from = cut < 0 ? Math.max(0, start - 300) : start - before.length + cut + 2;
  const after = text.slice(end, end + 200);
  const stop = after.search(/\.(\s|$)/);
  const to = stop < 0 ? end + after.length : end + stop + 1;
  return text.slice(from, to).trim();
}
