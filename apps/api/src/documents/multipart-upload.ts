import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';

export class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Hands the one `file` part of a multipart request to `store` as a stream, as it arrives: the
 * upload is never buffered whole. Other fields and any further file are ignored; a request with no
 * `file` part is refused.
 * Resolves once the whole request has been read (a refusal still drains it, so the client reads
 * the answer instead of a reset connection).
 */
export function receiveUpload<T>(
  req: IncomingMessage,
  maxBytes: number,
  store: (file: AsyncIterable<Uint8Array>, filename: string) => Promise<T>,
): Promise<T> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fields: 20, fieldSize: 4096, parts: 30, fileSize: maxBytes + 1 } });
    } catch {
      reject(new UploadError(400, 'BAD_REQUEST', 'Send multipart/form-data with the document in the field "file"'));
      return;
    }
    let outcome: Promise<T> | null = null;
    let failure: unknown = null;
    parser.on('file', (name, file, info) => {
      if (name !== 'file' || outcome) {
        file.resume();
        return;
      }
      // Not destroyed when the store stops early: busboy would stall on a destroyed part.
      outcome = store(file.iterator({ destroyOnReturn: false }), info.filename);
      // Whatever happens to the store, the rest of this part is read, so the request can finish.
      outcome.catch((error) => {
        failure ??= error;
        file.resume();
      });
    });
    parser.on('error', (error) => {
      failure ??= new UploadError(400, 'BAD_REQUEST', `Malformed multipart body: ${(error as Error).message}`);
      req.unpipe(parser);
      req.resume();
      finish();
    });
    parser.on('close', finish);
    let finished = false;
    function finish() {
      if (finished) return;
      finished = true;
      if (!outcome) {
        reject(failure ?? new UploadError(400, 'BAD_REQUEST', 'No file: send the document in the multipart field "file"'));
        return;
      }
      outcome.then(
        (value) => (failure ? reject(failure) : resolve(value)),
        (error) => reject(failure ?? error),
      );
    }
    req.pipe(parser);
  });
}
