import { randomFillSync } from 'node:crypto';

let last = 0;
let seq = 0;
// random bytes drawn 4 KiB at a time: one call to the CSPRNG per ~680 ids, not one per id
const pool = Buffer.alloc(4096);
let offset = pool.length;

function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const s = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return s;
}

/**
 * A time-ordered unique id (like a ULID): 9 base-36 chars of milliseconds, 3 of a per-ms counter,
 * then random. New rows then land at the end of the B-tree indexes (runs, journal, outbox, tasks
 * all key on the run id) instead of at random pages, which keeps SQLite's page cache hot.
 */
export function timeId(now = Date.now()): string {
  if (now === last) seq++;
  else {
    last = now;
    seq = 0;
  }
  return `${now.toString(36).padStart(9, '0')}${seq.toString(36).padStart(3, '0')}${randomHex(6)}`;
}
