import { createHash } from 'node:crypto';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiServer } from './api-server';

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export interface HttpAnswer {
  status: number;
  headers: Headers;
  json: any;
  bytes: Buffer;
}

/** POST /documents as multipart with the field `file` (or `field`), as a browser form would. */
export async function upload(
  api: ApiServer,
  bytes: Buffer,
  filename: string,
  options: { token?: string | null; field?: string; declaredType?: string } = {},
): Promise<HttpAnswer> {
  const form = new FormData();
  form.append(options.field ?? 'file', new Blob([bytes], { type: options.declaredType ?? 'application/octet-stream' }), filename);
  const token = options.token === undefined ? api.token('ANALYST') : options.token;
  const res = await fetch(`http://127.0.0.1:${api.port}/documents`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  return read(res);
}

export async function download(api: ApiServer, documentId: string, token: string | null = api.token('ANALYST')): Promise<HttpAnswer> {
  const res = await fetch(`http://127.0.0.1:${api.port}/documents/${documentId}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return read(res);
}

async function read(res: Response): Promise<HttpAnswer> {
  const bytes = Buffer.from(await res.arrayBuffer());
  let json: any = null;
  if ((res.headers.get('content-type') ?? '').includes('application/json')) json = JSON.parse(bytes.toString('utf8'));
  return { status: res.status, headers: res.headers, json, bytes };
}

/** Every file under the server's document store (temp files included): what a refusal must not add. */
export function storedFiles(api: ApiServer): string[] {
  const root = join(api.dataDir, 'documents');
  if (!existsSync(root)) return [];
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(root);
}
