import { dirname, join } from 'node:path';
import { IntakeError } from './intake.errors';

/** A piece of text on a line, at its x position (PDF points from the left). */
export interface TextCell {
  x: number;
  end: number;
  text: string;
}
/** One visual line: the items sharing a baseline, left to right. */
export interface TextLine {
  page: number;
  y: number;
  cells: TextCell[];
  text: string;
}
export interface PdfText {
  pages: number;
  lines: TextLine[];
}

interface PdfjsItem {
  str?: string;
  transform?: number[];
  width?: number;
}
interface Pdfjs {
  getDocument(src: object): { promise: Promise<PdfjsDocument> };
}
interface PdfjsDocument {
  numPages: number;
  getPage(n: number): Promise<{ getTextContent(): Promise<{ items: PdfjsItem[] }>; cleanup(): void }>;
  destroy(): Promise<void>;
}

let pdfjs: Pdfjs | undefined;
/**
 * pdfjs-dist 5 is ESM only. Node ≥ 20.19 loads it with its own `require`; we reach that one
 * through `process.getBuiltinModule` because jest's module system (which replaces `require`
 * and `node:module`) cannot evaluate `import.meta`.
 */
function nodeRequire(): NodeJS.Require {
  const nodeModule = (process as unknown as { getBuiltinModule(id: string): typeof import('node:module') }).getBuiltinModule('module');
  return nodeModule.createRequire(__filename);
}

function loadPdfjs(): Pdfjs {
  if (pdfjs) return pdfjs;
  const req = nodeRequire();
  // pdf.js builds a DOMMatrix when it loads, even to read text. It takes one from the optional
  // @napi-rs/canvas, which a production image prunes (--omit=optional); then a pure-JS shim.
  if (!(globalThis as { DOMMatrix?: unknown }).DOMMatrix && !canLoad(req, '@napi-rs/canvas')) {
    (globalThis as { DOMMatrix?: unknown }).DOMMatrix = req('@thednp/dommatrix');
  }
  pdfjs = req('pdfjs-dist/legacy/build/pdf.mjs') as Pdfjs;
  return pdfjs;
}

function canLoad(req: NodeJS.Require, id: string): boolean {
  try {
    req(id);
    return true;
  } catch {
    return false;
  }
}

function fontsDir(): string {
  return join(dirname(nodeRequire().resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';
}

/** Text with positions, grouped into lines (same y) sorted by x; lines top to bottom, page by page. */
export async function readPdfText(bytes: Uint8Array): Promise<PdfText> {
  // Outside the try: a broken installation is not the document's fault.
  const lib = loadPdfjs();
  let doc: PdfjsDocument;
  try {
    // A copy: pdf.js transfers (detaches) the buffer it is given.
    doc = await lib.getDocument({ data: new Uint8Array(bytes), standardFontDataUrl: fontsDir(), verbosity: 0, isEvalSupported: false }).promise;
  } catch (error) {
    throw new IntakeError('UNREADABLE_DOCUMENT', `not a readable PDF: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const lines: TextLine[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      lines.push(...groupLines(n, content.items));
      page.cleanup();
    }
    if (!lines.some((l) => /[A-Za-z]{3}/.test(l.text))) {
      throw new IntakeError('NO_TEXT_LAYER', 'the PDF has no text layer (a scanned image?); it must be read by a person or OCR first');
    }
    return { pages: doc.numPages, lines: withoutRunningLines(lines, doc.numPages) };
  } finally {
    await doc.destroy();
  }
}

/**
 * Running heads and footers ("Page 3 of 40", the report's name on every page) would otherwise be
 * read into table cells and lists: a page's first or last line repeated at the same height on at
 * least half the pages (three or more), digits aside, is dropped.
 */
function withoutRunningLines(lines: TextLine[], pages: number): TextLine[] {
  const key = (l: TextLine) => `${Math.round(l.y / 4)}|${l.text.replace(/\d+/g, '#')}`;
  const edge = (l: TextLine, i: number) => lines[i - 1]?.page !== l.page || lines[i + 1]?.page !== l.page;
  const pagesOf = new Map<string, Set<number>>();
  lines.forEach((l, i) => edge(l, i) && pagesOf.set(key(l), (pagesOf.get(key(l)) ?? new Set()).add(l.page)));
  const running = (l: TextLine, i: number) => {
    const n = edge(l, i) ? pagesOf.get(key(l))!.size : 0;
    return n >= 3 && n * 2 >= pages;
  };
  return lines.filter((l, i) => !running(l, i));
}

function groupLines(page: number, items: readonly PdfjsItem[]): TextLine[] {
  const byY = new Map<number, TextCell[]>();
  for (const item of items) {
    const text = item.str ?? '';
    if (text.trim() === '' || !item.transform) continue;
    const x = item.transform[4]!;
    // Baselines within a point are one line (rounding noise between items of one row).
    const y = Math.round(item.transform[5]!);
    const key = [...byY.keys()].find((k) => Math.abs(k - y) <= 1) ?? y;
    const cells = byY.get(key) ?? [];
    cells.push({ x, end: x + (item.width ?? 0), text: text.trim() });
    byY.set(key, cells);
  }
  return [...byY.entries()]
    .sort(([a], [b]) => b - a)
    .map(([y, cells]) => {
      const sorted = mergeAdjacent(cells.sort((a, b) => a.x - b.x));
      return { page, y, cells: sorted, text: sorted.map((c) => c.text).join(' ') };
    });
}

/** Items closer than a few points are one cell (a word split by a font change). */
function mergeAdjacent(cells: TextCell[]): TextCell[] {
  const out: TextCell[] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last && c.x - last.end < 6) {
      last.text = `${last.text} ${c.text}`;
      last.end = c.end;
    } else out.push({ ...c });
  }
  return out;
}
