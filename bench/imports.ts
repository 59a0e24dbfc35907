// Attendee import at scale: a Luma-shaped export of N guests (ticket columns and two questions),
// previewed, imported into a new event, and imported again (all unchanged), as the service runs
// them (no HTTP), on PGlite in memory and on PostgreSQL when there is one. Medians of RUNS, each
// run into an event of its own.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { importAttendees } from '../src/server/imports/imports.service.js';
import { loadConfig } from '../src/server/platform/config.js';
import type { Actor, ServiceContext } from '../src/server/platform/context.js';
import { openDatabase, queryRows, type DatabaseHandle } from '../src/server/platform/db/client.js';
import type { BenchRow } from './recommendations.js';

const SIZES = [1_000, 10_000];
const RUNS = 3;

const log = (text: string) => process.stderr.write(`${text}\n`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A Luma guest export of `size` guests; one in twenty declined, one in ten checked in. */
export function lumaExport(size: number, tag: string): string {
  const header = 'api_id,name,first_name,last_name,email,phone_number,created_at,approval_status,checked_in_at,qr_code_url,ticket_name,amount,currency,What brings you here?,Company';
  const lines = [header];
  for (let i = 0; i < size; i++) {
    const status = i % 20 === 19 ? 'declined' : 'approved';
    const checkedIn = i % 10 === 3 ? '2026-11-12T18:31:02.004Z' : '';
    lines.push(
      `gst-${i},Guest ${i} Example,Guest ${i},Example,guest.${i}+${tag}@example.org,,2026-10-02T16:04:11.512Z,${status},${checkedIn},https://lu.ma/check-in/${i},General,0,USD,"Meeting people, ${i % 7} ideas",Company ${i % 50}`,
    );
  }
  return lines.join('\n');
}

async function benchOn(engine: 'pglite' | 'postgres', handle: DatabaseHandle, rows: BenchRow[]) {
  const ctx: ServiceContext = { db: handle.db, engine: handle.engine, config: loadConfig({}, { logLevel: 'silent' }), now: () => new Date() };
  const [owner] = await queryRows<{ id: string }>(
    handle.db,
    sql`insert into users (email, name, password_hash) values (${`owner.${Date.now()}@example.org`}, 'Owner', 'x') returning id`,
  );
  const ownerId = owner!.id;
  const actor: Actor = { kind: 'user', userId: ownerId, isAdmin: false };
  let n = 0;
  const newEvent = async () => {
    n++;
    const slug = `bench-import-${Date.now()}-${n}`;
    const [event] = await queryRows<{ id: string }>(
      handle.db,
      sql`insert into events (slug, name, time_zone, starts_at, ends_at, owner_id)
        values (${slug}, 'Bench import', 'Europe/Lisbon', now(), now() + interval '4 hours', ${ownerId}) returning id`,
    );
    const eventId = event!.id;
    await handle.db.execute(sql`insert into memberships (event_id, user_id, role, status) values (${eventId}, ${ownerId}, 'organizer', 'joined')`);
    return eventId;
  };
  for (const size of SIZES) {
    log(`attendee import, ${size.toLocaleString('en')} rows, ${engine}…`);
    const samples = { preview: [] as number[], first: [] as number[], again: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      const csv = lumaExport(size, `${engine}${size}r${run}`);
      const eventId = await newEvent();
      let start = performance.now();
      await importAttendees(ctx, actor, eventId, { csv, dryRun: true });
      samples.preview.push(performance.now() - start);
      start = performance.now();
      const report = await importAttendees(ctx, actor, eventId, { csv });
      samples.first.push(performance.now() - start);
      if (report.totals.create !== size - Math.floor(size / 20)) throw new Error(`expected ${size - size / 20} created, got ${report.totals.create}`);
      start = performance.now();
      const again = await importAttendees(ctx, actor, eventId, { csv });
      samples.again.push(performance.now() - start);
      if (again.totals.unchanged !== report.totals.create) throw new Error('the second import changed something');
      // Rate limits are per hour; a benchmark is not a person.
      await handle.db.execute(sql`delete from rate_limits`);
    }
    const note = `median of ${RUNS}, service call, Luma-shaped`;
    const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    rows.push({ measure: `import preview (dry run), ${size.toLocaleString('en')} rows`, engine, value: seconds(median(samples.preview)), note });
    rows.push({ measure: `import into a new event, ${size.toLocaleString('en')} rows`, engine, value: seconds(median(samples.first)), note: `${note}; goal < 10 s for 10,000 on PGlite` });
    rows.push({ measure: `same file again (all unchanged), ${size.toLocaleString('en')} rows`, engine, value: seconds(median(samples.again)), note });
  }
}

export async function benchImports(rows: BenchRow[], postgresUrl: string | undefined): Promise<void> {
  const pglite = await openDatabase({ dataDir: 'memory://' });
  try {
    await pglite.migrate();
    await benchOn('pglite', pglite, rows);
  } finally {
    await pglite.close();
  }
  if (!postgresUrl) {
    rows.push({ measure: 'attendee import', engine: 'postgres', value: 'skipped', note: 'no PostgreSQL server' });
    return;
  }
  const postgres = await openDatabase({ databaseUrl: postgresUrl });
  try {
    await postgres.migrate();
    await benchOn('postgres', postgres, rows);
  } finally {
    await postgres.close();
  }
}
