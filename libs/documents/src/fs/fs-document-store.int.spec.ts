import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunksOf, documentStoreContract } from '../contract';
import { FsDocumentStore } from './fs-document-store';

documentStoreContract('FsDocumentStore', async () => {
  const root = mkdtempSync(join(tmpdir(), 'documents-'));
  const store = new FsDocumentStore(root);
  return { store, cleanup: async () => rmSync(root, { recursive: true, force: true }) };
});

describe('FsDocumentStore on disk', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'documents-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));

  it('lays the bytes out by tenant and hash, once, with no temp file left', async () => {
    const store = new FsDocumentStore(root);
    const bytes = Buffer.from('same bytes twice');
    const a = await store.put('acme', chunksOf(bytes), { filename: 'a.txt' });
    await store.put('acme', chunksOf(bytes), { filename: 'b.txt' });
    expect(files(root).sort()).toEqual([`acme/${a.sha256.slice(0, 2)}/${a.sha256}`, `acme/${a.sha256.slice(0, 2)}/${a.sha256}.json`]);
  });

  it('leaves no temp file after a refusal', async () => {
    const store = new FsDocumentStore(root);
    await expect(store.put('acme', chunksOf(Buffer.alloc(5000, 1)), { filename: 'x' }, { maxBytes: 4000 })).rejects.toThrow();
    expect(files(root)).toEqual([]);
  });

  it('treats bytes without their metadata (a crash between the renames) as absent, and completes them on the next put', async () => {
    const store = new FsDocumentStore(root);
    const bytes = Buffer.from('half written');
    const d = await store.put('acme', chunksOf(bytes), { filename: 'a.txt' });
    rmSync(join(root, 'acme', d.sha256.slice(0, 2), `${d.sha256}.json`));
    expect(await store.head('acme', d.sha256)).toBeNull();
    writeFileSync(join(root, 'acme', d.sha256.slice(0, 2), d.sha256), 'truncat');
    const again = await store.put('acme', chunksOf(bytes), { filename: 'again.txt' });
    expect(again).toMatchObject({ documentId: d.sha256, size: bytes.length, filename: 'again.txt' });
  });
});
