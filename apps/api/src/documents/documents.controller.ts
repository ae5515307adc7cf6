import { Controller, Get, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { DocumentRefused } from '../../../../libs/documents/src/document-refused';
import type { DocumentStore, StoredDocument } from '../../../../libs/documents/src/document-store.port';
import { inspectEvidence } from '../../../../libs/documents/src/inspect/evidence-inspector';
import { safeFilename } from '../../../../libs/documents/src/inspect/safe-filename';
import { Authenticator } from '../auth/authenticator';
import { READERS_OF_DETAIL, RECORDERS, type Role } from '../auth/roles';
import type { Caller } from '../common/caller';
import { DocumentAccess } from './document-access';
import { DOCUMENT_STORE, DOCUMENTS_CONFIG, type DocumentsConfig } from './documents.tokens';
import { receiveUpload, UploadError } from './multipart-upload';

const REFUSAL_STATUS: Record<DocumentRefused['code'], number> = {
  UNSUPPORTED_MEDIA_TYPE: 415,
  DOCUMENT_TOO_LARGE: 413,
  EMPTY_DOCUMENT: 400,
  UNREADABLE_DOCUMENT: 422,
};

/**
 * Evidence files over plain HTTP (multipart is not GraphQL's job): upload for the roles that
 * record oversight, download for the roles that may read the organizations a document is attached
 * to. The caller comes from the same bearer token verification as GraphQL. Every answer is JSON
 * with a stable `code` on refusal, and a refusal stores nothing.
 */
@Controller('documents')
export class DocumentsController {
  constructor(
    private readonly auth: Authenticator,
    private readonly access: DocumentAccess,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    @Inject(DOCUMENTS_CONFIG) private readonly config: DocumentsConfig,
  ) {}

  @Post()
  async upload(@Req() req: IncomingMessage, @Res() res: ServerResponse): Promise<void> {
    try {
      const caller = await this.caller(req, RECORDERS);
      const stored = await receiveUpload(req, this.config.maxBytes, (file, filename) =>
        this.store.put(caller.tenantId, file, { filename: safeFilename(filename) }, { maxBytes: this.config.maxBytes, inspect: inspectEvidence }),
      );
      answer(res, 201, describe(stored));
    } catch (error) {
      refuse(res, error, req);
    }
  }

  @Get(':documentId')
  async download(@Req() req: IncomingMessage, @Res() res: ServerResponse, @Param('documentId') documentId: string): Promise<void> {
    try {
      const caller = await this.caller(req, READERS_OF_DETAIL);
      const id = documentId.toLowerCase();
      // A document no organization refers to yet is seen only by those who may upload and attach it.
      const visible = this.access.isAttached(caller.tenantId, id) || (RECORDERS as readonly string[]).includes(caller.actor.role);
      const found = visible ? await this.store.get(caller.tenantId, id) : null;
      if (!found) throw new UploadError(404, 'NOT_FOUND', 'No such document');
      const { document, content } = found;
      res.statusCode = 200;
      res.setHeader('Content-Type', document.mediaType);
      res.setHeader('Content-Length', String(document.size));
      res.setHeader('Content-Disposition', contentDisposition(document.filename));
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Cache-Control', 'private, no-store');
      res.setHeader('ETag', `"${document.sha256}"`);
      await pipeline(content, res);
    } catch (error) {
      if (!res.headersSent) refuse(res, error, req);
      else res.destroy();
    }
  }

  private async caller(req: IncomingMessage, roles: readonly Role[]): Promise<Caller> {
    let caller: Caller;
    try {
      caller = await this.auth.authenticate(req.headers.authorization);
    } catch (error) {
      throw new UploadError(401, 'UNAUTHENTICATED', (error as Error).message);
    }
    if (!(roles as readonly string[]).includes(caller.actor.role)) {
      throw new UploadError(403, 'FORBIDDEN', `Role ${caller.actor.role} may not do this`);
    }
    return caller;
  }
}

function describe(d: StoredDocument) {
  return { documentId: d.documentId, sha256: d.sha256, size: d.size, mediaType: d.mediaType, filename: d.filename, pages: d.pages };
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, error: unknown, req: IncomingMessage): void {
  if (error instanceof DocumentRefused) return answer(res, REFUSAL_STATUS[error.code], { code: error.code, message: error.message });
  if (error instanceof UploadError) return afterBody(req, () => answer(res, error.status, { code: error.code, message: error.message }));
  console.error(error);
  answer(res, 500, { code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
}

/**
 * Answers once the request body is read: a client still sending when the socket closes sees a
 * broken pipe instead of the refusal. Beyond DRAIN_LIMIT bytes the connection is closed instead.
 */
function afterBody(req: IncomingMessage, send: () => void): void {
  if (req.readableEnded || req.destroyed) return send();
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT) {
      req.removeAllListeners('end');
      req.socket.destroy();
    }
  });
  req.once('end', send);
  req.resume();
}
const DRAIN_LIMIT = 64 * 1024 * 1024;

/** RFC 6266: a plain ASCII fallback and the exact name in RFC 5987 encoding. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
