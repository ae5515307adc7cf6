import { DocumentRefused } from '../document-refused';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;

/** pdf.js is ESM-only; the legacy build runs on Node 20 (pdfjs-dist 5.6.205, as intake uses). */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/**
 * The page count of a PDF, or UNREADABLE_DOCUMENT when pdf.js cannot open it (malformed) or it
 * is encrypted (even with an empty user password: its text could not be read later, and the
 * bytes we would hold as evidence are not the plain document).
 */
export async function inspectPdf(bytes: Buffer): Promise<{ pages: number }> {
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    // Untrusted input: no scripts, no font loading, no network.
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  try {
    const pdf = await task.promise;
    const { info } = (await pdf.getMetadata()) as { info: { EncryptFilterName?: string | null } };
    if (info?.EncryptFilterName) throw new DocumentRefused('UNREADABLE_DOCUMENT', 'The PDF is encrypted');
    if (pdf.numPages < 1) throw new DocumentRefused('UNREADABLE_DOCUMENT', 'The PDF has no pages');
    // Every page must parse, or the intake and a reader would fail later on.
    for (let i = 1; i <= pdf.numPages; i++) await pdf.getPage(i);
    return { pages: pdf.numPages };
  } catch (error) {
    if (error instanceof DocumentRefused) throw error;
    const name = (error as { name?: string })?.name;
    const reason = name === 'PasswordException' ? 'The PDF is encrypted' : 'The PDF is malformed';
    throw new DocumentRefused('UNREADABLE_DOCUMENT', reason);
  } finally {
    await task.destroy();
  }
}
