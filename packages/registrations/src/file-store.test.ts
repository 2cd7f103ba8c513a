import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStore, FileStoreError } from './file-store.ts';
import type { Registration } from './registration.ts';

const dir = mkdtempSync(join(tmpdir(), 'regforms-store-'));
const reg = (id: string, status: Registration['status'] = 'open'): Registration => ({
  id,
  registry: 'demo',
  registrationType: 'visit',
  version: '1.0.0',
  formHash: 'h',
  status,
  data: { A: 1 },
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
});

describe('FileStore', () => {
  it('starts empty without a file, writes on flush, reads it back', async () => {
    const path = join(dir, 'a', 'store.json');
    const store = new FileStore(path);
    expect(await store.list()).toEqual([]);
    await store.put(reg('1'));
    await store.put(reg('2', 'sent'));
    store.flush();
    const again = new FileStore(path);
    expect((await again.list({ status: 'sent' })).map((r) => r.id)).toEqual(['2']);
    expect(JSON.parse(readFileSync(path, 'utf8')).registrations).toHaveLength(2);
  });

  it('refuses to change a sent registration, like every store', async () => {
    const store = new FileStore(join(dir, 'b.json'));
    await store.put(reg('1', 'sent'));
    await expect(store.put({ ...reg('1', 'sent'), data: { A: 2 } })).rejects.toThrow(/cannot be changed/);
  });

  it('says plainly when the file is not a store', () => {
    const path = join(dir, 'c.json');
    writeFileSync(path, 'A;B\n');
    expect(() => new FileStore(path)).toThrow(FileStoreError);
    writeFileSync(path, '{"rows": []}');
    expect(() => new FileStore(path)).toThrow(/expected \{ "registrations": \[\.\.\.\] \}/);
  });
});
