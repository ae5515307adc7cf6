import { createHash, randomUUID } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { DocumentRefused } from '../document-refused';

export const HEAD_BYTES = 4096;

export interface StagedFile {
  path: string;
  size: number;
  sha256: string;
  head: Buffer;
}

/**
 * Streams bytes into a new temp file in `dir`, hashing as it goes, and fsyncs it. Past `maxBytes`
 * it stops reading and removes the file (DOCUMENT_TOO_LARGE); memory stays one chunk whatever
 * the size.
 */
export async function stageFile(dir: string, bytes: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StagedFile> {
  const path = join(dir, `.tmp-${randomUUID()}`);
  const file = await open(path, 'wx', 0o600);
  const hash = createHash('sha256');
  const heads: Buffer[] = [];
  let size = 0;
  let headSize = 0;
  try {
    for await (const chunk of bytes) {
      size += chunk.length;
      if (size > maxBytes) throw new DocumentRefused('DOCUMENT_TOO_LARGE', `The document is larger than ${maxBytes} bytes`);
      hash.update(chunk);
      if (headSize < HEAD_BYTES) {
        heads.push(Buffer.from(chunk.subarray(0, HEAD_BYTES - headSize)));
        headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
      }
      await writeAll(file, chunk);
    }
    await file.sync();
    await file.close();
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(path, { force: true });
    throw error;
  }
  return { path, size, sha256: hash.digest('hex'), head: Buffer.concat(heads) };
}

async function writeAll(file: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await file.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/** Writes a small file durably: temp file, fsync, rename over the target. */
export async function writeDurably(dir: string, name: string, content: string | Buffer): Promise<void> {
  const temp = join(dir, `.tmp-${randomUUID()}`);
  const file = await open(temp, 'wx', 0o600);
  try {
    await file.writeFile(content);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, join(dir, name));
}

/** After a rename, the directory entry itself must reach the disk for the file to survive a crash. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
