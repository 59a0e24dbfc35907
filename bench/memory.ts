// My people at scale: one person who met N others (an encounter, an exchange of contacts and a
// note each), on PGlite in memory; the reads of My people, one person, the follow-up digest,
// the vCard file of all exchanged contacts and the export of one's data, as the services answer
// them (no HTTP). Medians of RUNS.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { exportMyData } from '../src/server/accounts/my-data.service.js';
import { exchangedVCards, followUpDigest, getMyPerson, listMyPeople } from '../src/server/memory/memory.service.js';
import { loadConfig } from '../src/server/platform/config.js';
import type { Actor, ServiceContext } from '../src/server/platform/context.js';
import { openDatabase } from '../src/server/platform/db/client.js';
import type { BenchRow } from './recommendations.js';

const SIZES = [100, 1000];
const RUNS = 7;

const log = (text: string) => process.stderr.write(`${text}\n`);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export async function benchMemory(rows: BenchRow[]): Promise<void> {
  for (const size of SIZES) {
    log(`my people, ${size} people…`);
    const handle = await openDatabase({ dataDir: 'memory://' });
    try {
      await handle.migrate();
      const ctx: ServiceContext = { db: handle.db, engine: handle.engine, config: loadConfig({}, { logLevel: 'silent' }), now: () => new Date() };
      const me = randomUUID();
      const eventId = randomUUID();
      const others = Array.from({ length: size }, () => randomUUID());
      const ids = [me, ...others];
      await ctx.db.execute(sql`insert into users (id, email, name, password_hash)
        select id, id::text || '@example.org', 'Person ' || n, 'x' from unnest(${`{${ids.join(',')}}`}::uuid[]) with ordinality as t(id, n)`);
      await ctx.db.execute(sql`insert into profiles (user_id, display_name, headline, interests, contact_email)
        select id, 'Person ' || n, 'Bakes bread', '{Baking,Cycling}', id::text || '@example.org'
        from unnest(${`{${ids.join(',')}}`}::uuid[]) with ordinality as t(id, n)`);
      await ctx.db.execute(sql`insert into events (id, slug, name, time_zone, starts_at, ends_at)
        values (${eventId}, ${`bench-${eventId.slice(0, 8)}`}, 'Bench mixer', 'Europe/Lisbon', now() - interval '1 day', now())`);
      const others_ = `{${others.join(',')}}`;
      await ctx.db.execute(sql`insert into encounters (event_id, user_low, user_high, source, met_at)
        select ${eventId}, least(${me}::uuid, o), greatest(${me}::uuid, o), 'tap', now() - interval '2 days'
        from unnest(${others_}::uuid[]) as t(o)`);
      await ctx.db.execute(sql`insert into contact_shares (owner_id, person_id, email)
        select ${me}::uuid, o, true from unnest(${others_}::uuid[]) as t(o)
        union all select o, ${me}::uuid, true from unnest(${others_}::uuid[]) as t(o)`);
      await ctx.db.execute(sql`insert into memories (owner_id, person_id, note, tags, follow_up_days, follow_up_set_at)
        select ${me}::uuid, o, 'Talked about sourdough and **cargo bikes**', '{bakers}', 1 + (n % 14)::int, now() - interval '3 days'
        from unnest(${others_}::uuid[]) with ordinality as t(o, n)`);
      const actor: Actor = { kind: 'user', userId: me, isAdmin: false };
      const measures: [string, () => Promise<unknown>][] = [
        ['My people list', () => listMyPeople(ctx, actor)],
        ['My people search (q=cargo)', () => listMyPeople(ctx, actor, { q: 'cargo' })],
        ['one person', () => getMyPerson(ctx, actor, others[0]!)],
        ['follow-up digest', () => followUpDigest(ctx, actor)],
        ['vCard file of all exchanged contacts', () => exchangedVCards(ctx, actor)],
        ['export of my data (JSON)', () => exportMyData(ctx, actor)],
      ];
      for (const [label, run] of measures) {
        rows.push({ measure: `${label}, ${size} people met`, engine: 'pglite', value: `${(await timed(run)).toFixed(0)} ms`, note: `median of ${RUNS}, service call` });
      }
    } finally {
      await handle.close();
    }
  }
}
