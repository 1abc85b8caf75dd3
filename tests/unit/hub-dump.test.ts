import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DumpError, readDump, writeDump } from '../../src/main/core/hub/dump';
import { MoveError, type TableRows } from '../../src/main/core/hub/move';

const header = { format: 'm3desk-hub-dump' as const, version: 1 as const, createdAt: '2026-11-27T00:00:00.000Z', migrations: ['schema_migrations:0001_accounts'] };
const tables: TableRows[] = [
  { table: 'families', columns: ['id', 'display_name', 'version'], rows: [{ id: 'f1', display_name: 'Öztürk', version: 2 }, { id: 'f2', display_name: 'Nguyen', version: 1 }] },
  { table: 'office_keys', columns: ['id', 'data'], rows: [{ id: 'k', data: Buffer.from([0, 1, 2, 255]) }] },
  { table: 'drafts', columns: [], rows: [] },
];
async function* each<T>(items: T[]) {
  for (const item of items) yield item;
}
async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The hub backup's content, without a database: what goes in comes out, and a changed row is caught. */
describe('hub dump', () => {
  it('reads back every table, bytes and numbers included', async () => {
    const dump = await readDump(await writeDump(header, each(tables)));
    expect(dump.header).toEqual(header);
    expect(await all(dump.tables)).toEqual(tables);
  });

  it('refuses a row changed after the dump was written, and a file that is no dump', async () => {
    const text = gunzipSync(await writeDump(header, each(tables))).toString().replace('Nguyen', 'Nguyxn');
    const dump = await readDump(gzipSync(text));
    await expect(all(dump.tables)).rejects.toBeInstanceOf(MoveError);
    await expect(readDump(gzipSync('{"format":"something else"}\n'))).rejects.toBeInstanceOf(DumpError);
    // A row cut short.
    const cut = gunzipSync(await writeDump(header, each(tables))).toString().replace('["f2","Nguyen",1]', '["f2","Nguyen"]');
    await expect(all((await readDump(gzipSync(cut))).tables)).rejects.toBeInstanceOf(DumpError);
  });
});
