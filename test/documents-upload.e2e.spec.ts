import type { ApiServer } from './support/api-server';
import { startApi } from './support/e2e-fixtures';
import { download, sha256, storedFiles, upload } from './support/documents-client';
import {
  docxBytes,
  gifBytes,
  jpegBytes,
  pdfBytes,
  plainZipBytes,
  pngBytes,
  xlsxBytes,
} from '../libs/documents/src/inspect/evidence.fixtures';

/** POST /documents and GET /documents/:id over real HTTP against the built server. */
jest.setTimeout(60_000);

describe('documents: upload and download', () => {
  let api: ApiServer;
  beforeAll(async () => {
    api = await startApi({ env: { DOCUMENT_MAX_BYTES: String(256 * 1024) } });
  });
  afterAll(async () => {
    await api?.stop();
    api?.removeData();
  });

  it('stores a PDF and answers 201 with its hash, size, kind, label and pages; download gives the same bytes', async () => {
    const pdf = await pdfBytes(3);
    const up = await upload(api, pdf, 'SOC2 Type 2 FY25.pdf');
    expect(up.status).toBe(201);
    expect(up.json).toEqual({
      documentId: sha256(pdf),
      sha256: sha256(pdf),
      size: pdf.length,
      mediaType: 'application/pdf',
      filename: 'SOC2 Type 2 FY25.pdf',
      pages: 3,
    });
    const down = await download(api, up.json.documentId);
    expect(down.status).toBe(200);
    expect(down.bytes.equals(pdf)).toBe(true);
    expect(down.headers.get('content-type')).toBe('application/pdf');
    expect(down.headers.get('content-disposition')).toMatch(/^attachment; filename="SOC2 Type 2 FY25.pdf"/);
    expect(down.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['PNG', pngBytes(), 'image/png'],
    ['JPEG', jpegBytes(), 'image/jpeg'],
    ['XLSX', xlsxBytes(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['DOCX', docxBytes(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['CSV', Buffer.from('ref,result\nCC6.1,No exceptions noted\nCC7.2,Exception noted\n'), 'text/csv'],
    ['plain text', Buffer.from('Bridge letter: no material changes.\n'), 'text/plain'],
  ])('accepts %s by its bytes, whatever its name says', async (_kind, bytes, mediaType) => {
    const up = await upload(api, bytes, 'evidence.bin', { declaredType: 'application/pdf' });
    expect(up.status).toBe(201);
    expect(up.json).toMatchObject({ mediaType, pages: null, size: bytes.length });
  });

  it('stores the same bytes once, and answers the first upload again', async () => {
    const bytes = Buffer.from(`dedupe ${Date.now()}\n`);
    const first = await upload(api, bytes, 'one.txt');
    const before = storedFiles(api).length;
    const second = await upload(api, bytes, 'two.txt');
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect(storedFiles(api).length).toBe(before);
  });

  it('keeps a filename with path parts only as a sanitized label', async () => {
    const up = await upload(api, Buffer.from('label test\n'), '../../etc/passwd');
    expect(up.status).toBe(201);
    expect(up.json.filename).toBe('passwd');
    expect(storedFiles(api).every((f) => f.startsWith(`${api.dataDir}/documents/default/`))).toBe(true);
  });

  describe('refusals: a JSON error with a stable code, and nothing stored', () => {
    it.each([
      ['another kind (GIF)', async () => gifBytes(), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['a ZIP that is not an Office document', async () => plainZipBytes(), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['a file over DOCUMENT_MAX_BYTES', async () => Buffer.alloc(256 * 1024 + 1, 0x41), 413, 'DOCUMENT_TOO_LARGE'],
      ['an empty file', async () => Buffer.alloc(0), 400, 'EMPTY_DOCUMENT'],
      ['a malformed PDF', async () => Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage'), 422, 'UNREADABLE_DOCUMENT'],
      ['a truncated PDF', async () => (await pdfBytes(2)).subarray(0, 300), 422, 'UNREADABLE_DOCUMENT'],
      ['an encrypted PDF', async () => pdfBytes(1, { userPassword: 'secret' }), 422, 'UNREADABLE_DOCUMENT'],
    ])('%s', async (_what, make, status, code) => {
      const bytes = await make();
      const before = storedFiles(api);
      const up = await upload(api, bytes, 'x.pdf');
      expect(up.status).toBe(status);
      expect(up.json.code).toBe(code);
      expect(storedFiles(api)).toEqual(before);
      if (bytes.length > 0) expect((await download(api, sha256(bytes))).status).toBe(404);
    });

    it('a request with no field "file", or not multipart', async () => {
      const other = await upload(api, Buffer.from('x\n'), 'x.txt', { field: 'attachment' });
      expect(other.status).toBe(400);
      expect(other.json.code).toBe('BAD_REQUEST');
      const res = await fetch(`http://127.0.0.1:${api.port}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.token('ANALYST')}`, 'content-type': 'application/json' },
        body: '{"file":"x"}',
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).code).toBe('BAD_REQUEST');
    });

    it('no token, a bad token, or a role that may not upload (AUDITOR, VIEWER)', async () => {
      const bytes = Buffer.from(`auth ${Date.now()}\n`);
      const before = storedFiles(api);
      expect((await upload(api, bytes, 'a.txt', { token: null })).json.code).toBe('UNAUTHENTICATED');
      expect((await upload(api, bytes, 'a.txt', { token: 'not-a-jwt' })).status).toBe(401);
      for (const role of ['AUDITOR', 'VIEWER']) {
        const up = await upload(api, bytes, 'a.txt', { token: api.token(role) });
        expect(up.status).toBe(403);
        expect(up.json.code).toBe('FORBIDDEN');
      }
      expect(storedFiles(api)).toEqual(before);
    });
  });

  it('refuses a large upload without a token with a readable 401, not a broken pipe', async () => {
    for (let i = 0; i < 3; i++) {
      const up = await upload(api, Buffer.alloc(8 * 1024 * 1024, 0x41), 'big.txt', { token: null });
      expect([up.status, up.json.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
  });

  it('tenant isolation: another tenant neither downloads nor learns of a document, and stores its own copy', async () => {
    const bytes = Buffer.from(`tenant secret ${Date.now()}\n`);
    const mine = await upload(api, bytes, 'mine.txt');
    const theirs = api.token('ANALYST', 'globex');
    expect((await download(api, mine.json.documentId, theirs)).status).toBe(404);
    const copy = await upload(api, bytes, 'theirs.txt', { token: theirs });
    expect(copy.status).toBe(201);
    expect(copy.json.filename).toBe('theirs.txt');
    expect(storedFiles(api).filter((f) => f.endsWith(mine.json.documentId))).toHaveLength(2);
  });

  it('an unattached document is not shown to AUDITOR or VIEWER; bad ids are 404', async () => {
    const up = await upload(api, Buffer.from(`unattached ${Date.now()}\n`), 'u.txt');
    expect((await download(api, up.json.documentId, api.token('AUDITOR'))).status).toBe(404);
    expect((await download(api, up.json.documentId, api.token('VIEWER'))).status).toBe(403);
    expect((await download(api, '..%2F..%2Fevents.db')).status).toBe(404);
    expect((await download(api, up.json.documentId, null)).status).toBe(401);
  });
});
