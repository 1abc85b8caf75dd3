/**
 * Child process for the crash-safety test: opens the encrypted database the
 * way the app does and commits numbered transactions in a loop, printing each
 * number only after its COMMIT returned. The parent kills it with SIGKILL.
 */
import { openDatabase } from '../../src/main/core/db/sqlite/open';

const [file, keyHex, startArg] = process.argv.slice(2);
const db = openDatabase(file!, { key: Buffer.from(keyHex!, 'hex') });
db.exec('CREATE TABLE IF NOT EXISTS crash_log (n INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO crash_log (n, payload) VALUES (?, ?)');
const twice = db.transaction((n: number) => {
  insert.run(n, 'x'.repeat(200 + (n % 700)));
  db.prepare('UPDATE crash_log SET payload = payload WHERE n = ?').run(Math.max(0, n - 5));
});
process.stdout.write('ready\n');
for (let n = Number(startArg); ; n += 1) {
  twice(n);
  process.stdout.write(`${n}\n`);
}
