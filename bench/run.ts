// `npm run bench`: the figures of the foundation, printed as one table with the machine's details.
// Every figure is a median of repeated runs; ratios compare figures measured in this same run.
import { benchInsights } from './insights.js';
import { benchMeetings } from './meetings.js';
import { benchMixer } from './mixer.js';
import { benchImports } from './imports.js';
import { benchMemory } from './memory.js';
import { benchRecommendations } from './recommendations.js';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { createUser } from '../src/server/accounts/accounts.service.js';
import { sessionCookieName, startSession } from '../src/server/platform/auth/sessions.js';
import { loadConfig } from '../src/server/platform/config.js';
import type { Actor, ServiceContext } from '../src/server/platform/context.js';
import { openDatabase, type OpenDatabaseOptions } from '../src/server/platform/db/client.js';
import { createDemoEvent } from '../src/server/demo/demo.service.js';
import { updateMyProfile, type ProfileInput } from '../src/server/profiles/profiles.service.js';
import { unsafeListEventPeople } from '../src/server/recommendations/recommendations.repository.js';
import { peopleToMeet } from '../src/server/recommendations/recommendations.service.js';

const ATTENDEES = Number(process.env.BENCH_ATTENDEES ?? 2000);
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
const START_RUNS = 5;
const PASSWORD = 'bench password 1';
const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/**
 * `BENCH_ONLY=people` runs the people-to-meet rows alone; `BENCH_ONLY=engine` the engine's rows; `BENCH_ONLY=meetings` the
 * scheduler's; `BENCH_ONLY=mixer` the mixer planner's (BENCH_MIXER_SEEDS, BENCH_MIXER_LIMITS: see bench/mixer.ts);
 * `BENCH_ONLY=memory` the reads of My people for one person who met many; `BENCH_ONLY=import` attendee imports of
 * 1,000 and 10,000 rows; `BENCH_ONLY=insights` the who-met-whom picture's layout for 100, 300 and 500 people.
 */
const ONLY = process.env.BENCH_ONLY;
const MEET_ATTENDEES = 5000;
/** Attendees with a session, asking for their suggestions at random. */
const MEET_VIEWERS = 200;
const MEET_REQUESTS = Number(process.env.BENCH_MEET_REQUESTS ?? 2000);
const MEET_CONCURRENCY = 10;
const MEET_EDIT_EVERY_MS = 500;
/** The run with profile edits lasts at least this long, so that it sees many rebuilds. */
const MEET_EDIT_SECONDS = 15;

interface Row {
  measure: string;
  engine: string;
  value: string;
  note?: string;
}
const rows: Row[] = [];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const log = (text: string) => process.stderr.write(`${text}\n`);

async function freePort(): Promise<number> {
  const probe = Fastify();
  await probe.listen({ port: 0, host: '127.0.0.1' });
  const address = probe.server.address();
  await probe.close();
  return typeof address === 'object' && address ? address.port : 0;
}

interface ServerProcess {
  url: string;
  stop(): Promise<void>;
}

/** Starts the compiled server (what `npm start` runs) and measures the time to its first healthy answer. */
async function startCompiled(env: Record<string, string>): Promise<ServerProcess & { millisToHealth: number }> {
  const port = await freePort();
  const started = performance.now();
  // BENCH_SERVER_ARGS passes flags to the server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'dist/server/main.js'], {
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const millisToHealth = performance.now() - started;
  return {
    url,
    millisToHealth,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function benchStart() {
  const fresh: number[] = [];
  const existing: number[] = [];
  const dirs: string[] = [];
  for (let run = 0; run < START_RUNS; run++) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-'));
    dirs.push(dataDir);
    const first = await startCompiled({ DATA_DIR: dataDir });
    fresh.push(first.millisToHealth);
    await first.stop();
    const again = await startCompiled({ DATA_DIR: dataDir });
    existing.push(again.millisToHealth);
    await again.stop();
  }
  dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  rows.push({ measure: 'start → first /api/health, fresh data dir', engine: 'pglite', value: ms(median(fresh)), note: `median of ${START_RUNS}` });
  rows.push({ measure: 'start → first /api/health, existing data dir', engine: 'pglite', value: ms(median(existing)), note: `median of ${START_RUNS}` });
}

/** A database holding a 2,000-attendee demo event and a member who can sign in. */
async function seed(options: { dataDir?: string; databaseUrl?: string }) {
  const handle = await openDatabase(options);
  await handle.migrate();
  const ctx: ServiceContext = { db: handle.db, engine: handle.engine, config: loadConfig({}), now: () => new Date() };
  const email = `bench-${Date.now()}@example.org`;
  await createUser(ctx, { email, name: 'Bench Organizer', password: PASSWORD });
  const started = performance.now();
  const demo = await createDemoEvent(ctx, { attendees: ATTENDEES, seed: 42, organizer: { email, mustExist: true } });
  const seedMillis = performance.now() - started;
  await handle.close();
  return { email, eventId: demo.eventId, seedMillis };
}

async function signIn(url: string, email: string): Promise<{ cookie: string; millis: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const millis = performance.now() - started;
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return { cookie: response.headers.get('set-cookie')!.split(';')[0]!, millis };
}

async function load(url: string, headers: Record<string, string> = {}) {
  // A short warm-up first, so compilation and cold caches are not in the figures.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: LOAD_SECONDS, headers });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function benchBare() {
  const app = Fastify();
  app.get('/bare', async () => ({ status: 'ok' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const figures = await load(`http://127.0.0.1:${port}/bare`);
  await app.close();
  rows.push({
    measure: `bare Fastify route, ${CONNECTIONS} connections`,
    engine: '—',
    value: `${figures.rps.toFixed(0)} req/s`,
    note: `p50 ${figures.p50} ms, p99 ${figures.p99} ms (reference)`,
  });
  return figures.rps;
}

/** An empty database of the engine for one section: how to open it, the server's environment, and clean-up. */
async function benchDatabase(engine: 'pglite' | 'postgres') {
  if (engine === 'pglite') {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cg-bench-'));
    return {
      options: { dataDir } as OpenDatabaseOptions,
      env: { DATA_DIR: dataDir } as Record<string, string>,
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `cg_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    options: { databaseUrl: url.toString() } as OpenDatabaseOptions,
    env: { DATABASE_URL: url.toString() } as Record<string, string>,
    cleanup: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function benchEngine(engine: 'pglite' | 'postgres', bareRps: number) {
  const { options, env, cleanup } = await benchDatabase(engine);
  const seeded = await seed(options);
  rows.push({ measure: `seed a ${ATTENDEES}-attendee demo event`, engine, value: ms(seeded.seedMillis) });
  const server = await startCompiled(env);
  try {
    const samples: number[] = [];
    let cookie = '';
    for (let i = 0; i < 30; i++) {
      const result = await signIn(server.url, seeded.email);
      samples.push(result.millis);
      cookie = result.cookie;
    }
    rows.push({ measure: 'sign-in latency (argon2id, over HTTP)', engine, value: ms(median(samples)), note: `p95 ${ms(quantile(samples, 0.95))}, 30 sign-ins` });
    const figures = await load(`${server.url}/api/events/${seeded.eventId}/directory?limit=50`, { cookie });
    rows.push({
      measure: `directory of ${ATTENDEES} attendees (page of 50), ${CONNECTIONS} connections`,
      engine,
      value: `${figures.rps.toFixed(0)} req/s`,
      note: `p50 ${figures.p50} ms, p99 ${figures.p99} ms, ${((figures.rps / bareRps) * 100).toFixed(1)}% of bare Fastify`,
    });
  } finally {
    await server.stop();
    await cleanup();
  }
}

const editedProfile = (edit: number): ProfileInput => ({
  displayName: 'Bench Editor',
  headline: `Edit ${edit}`,
  bio: '',
  interests: edit % 2 ? ['Chess', 'Sailing', 'Rust'] : ['Chess', 'Cooking', 'Python'],
  offers: [],
  seeking: [],
  questions: [],
  contact: { email: '', phone: '', links: [] },
});

/**
 * A demo event of MEET_ATTENDEES attendees; sessions for MEET_VIEWERS of them and for one more
 * who edits their profile, made in the database rather than by signing in (argon2 would dominate);
 * and, in process, what one rebuild of the prepared event costs.
 */
async function seedMeet(options: OpenDatabaseOptions) {
  const handle = await openDatabase(options);
  await handle.migrate();
  const ctx: ServiceContext = { db: handle.db, engine: handle.engine, config: loadConfig({}), now: () => new Date() };
  try {
    const demo = await createDemoEvent(ctx, {
      attendees: MEET_ATTENDEES,
      seed: 7,
      organizer: { fallback: `bench-organizer-${Date.now()}@example.org` },
    });
    const loaded = await unsafeListEventPeople(ctx.db, demo.eventId);
    const attendees = (loaded?.people ?? []).filter((person) => person.role === 'attendee').map((person) => person.userId);
    const step = Math.floor(attendees.length / MEET_VIEWERS);
    const viewers = Array.from({ length: MEET_VIEWERS }, (_, i) => attendees[i * step]!);
    const editor = attendees[1]!;
    const cookieOf = async (userId: string) => `${sessionCookieName(ctx.config.secureCookies)}=${(await startSession(ctx, userId)).token}`;
    const cookies: string[] = [];
    for (const userId of viewers) cookies.push(await cookieOf(userId));

    const asUser = (userId: string): Actor => ({ kind: 'user', userId, isAdmin: false });
    await peopleToMeet(ctx, asUser(viewers[0]!), demo.eventId, {});
    const cold: number[] = [];
    const warm: number[] = [];
    const loading: number[] = [];
    for (let edit = 0; edit < 7; edit++) {
      await updateMyProfile(ctx, asUser(editor), editedProfile(edit));
      let started = performance.now();
      await peopleToMeet(ctx, asUser(viewers[edit]!), demo.eventId, {});
      cold.push(performance.now() - started);
      started = performance.now();
      await peopleToMeet(ctx, asUser(viewers[edit + 1]!), demo.eventId, {});
      warm.push(performance.now() - started);
      started = performance.now();
      await unsafeListEventPeople(ctx.db, demo.eventId);
      loading.push(performance.now() - started);
    }
    return {
      eventId: demo.eventId,
      cookies,
      editorCookie: await cookieOf(editor),
      rebuild: { cold: median(cold), warm: median(warm), loading: median(loading), runs: cold.length },
    };
  } finally {
    await handle.close();
  }
}

/**
 * GET people-to-meet for random viewers, MEET_CONCURRENCY at a time, at least `requests` of them
 * and for at least `seconds`; with `editorCookie`, that person's profile changes every
 * MEET_EDIT_EVERY_MS meanwhile, so that every change rebuilds the prepared event.
 */
async function meetLatencies(url: string, eventId: string, cookies: string[], requests: number, seconds = 0, editorCookie?: string) {
  const target = `${url}/api/events/${eventId}/people-to-meet`;
  const latencies: number[] = [];
  let issued = 0;
  let failures = 0;
  const started = performance.now();
  const more = () => issued < requests || performance.now() - started < seconds * 1000;
  let edits = 0;
  let editing = editorCookie !== undefined;
  const editor = (async () => {
    while (editing) {
      await new Promise((r) => setTimeout(r, started + (edits + 1) * MEET_EDIT_EVERY_MS - performance.now()));
      if (!editing) break;
      const response = await fetch(`${url}/api/me/profile`, {
        method: 'PUT',
        headers: { cookie: editorCookie!, 'content-type': 'application/json' },
        body: JSON.stringify(editedProfile(edits)),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`profile edit failed: ${response.status}`);
      edits++;
    }
  })();
  await Promise.all(
    Array.from({ length: MEET_CONCURRENCY }, async () => {
      while (more()) {
        // A spread of viewers without Math.random, the same in every run.
        const cookie = cookies[(issued++ * 7919) % cookies.length]!;
        const before = performance.now();
        const response = await fetch(target, { headers: { cookie } });
        await response.arrayBuffer();
        latencies.push(performance.now() - before);
        if (!response.ok) failures++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  editing = false;
  await editor;
  if (failures > 0) throw new Error(`people-to-meet: ${failures} of ${latencies.length} requests failed`);
  return {
    count: latencies.length,
    rps: latencies.length / elapsed,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
    max: Math.max(...latencies),
    edits,
  };
}

async function benchPeopleToMeet(engine: 'pglite' | 'postgres') {
  const { options, env, cleanup } = await benchDatabase(engine);
  try {
    const seeded = await seedMeet(options);
    const { rebuild } = seeded;
    const title = `people to meet via the API, ${MEET_ATTENDEES.toLocaleString('en')} attendees`;
    rows.push({
      measure: `${title}: rebuild after a profile edit (in process)`,
      engine,
      value: ms(rebuild.cold - rebuild.warm),
      note: `first request after an edit ${ms(rebuild.cold)} vs cached ${ms(rebuild.warm)}; loading the people ${ms(rebuild.loading)}; median of ${rebuild.runs}`,
    });
    const server = await startCompiled(env);
    try {
      // The first request builds the prepared event; the rest of a warm-up run keeps compilation out of the figures.
      await meetLatencies(server.url, seeded.eventId, seeded.cookies, 1000);
      const steady = await meetLatencies(server.url, seeded.eventId, seeded.cookies, MEET_REQUESTS);
      rows.push({
        measure: `${title}, ${MEET_CONCURRENCY} concurrent: steady`,
        engine,
        value: `p99 ${ms(steady.p99)}`,
        note: `p50 ${ms(steady.p50)}, max ${ms(steady.max)}, ${steady.count} requests, ${steady.rps.toFixed(0)} req/s, ${MEET_VIEWERS} viewers`,
      });
      const edited = await meetLatencies(server.url, seeded.eventId, seeded.cookies, MEET_REQUESTS, MEET_EDIT_SECONDS, seeded.editorCookie);
      rows.push({
        measure: `${title}, ${MEET_CONCURRENCY} concurrent: a profile edited every ${MEET_EDIT_EVERY_MS} ms`,
        engine,
        value: `p99 ${ms(edited.p99)}`,
        note: `p50 ${ms(edited.p50)}, max ${ms(edited.max)}, ${edited.count} requests, ${edited.rps.toFixed(0)} req/s, ${edited.edits} edits = rebuilds`,
      });
    } finally {
      await server.stop();
    }
  } finally {
    await cleanup();
  }
}

async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function printTable() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    `\nCommon Ground bench — ${new Date().toISOString()}\n` +
      `machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}\n\n`,
  );
  const header = ['measure', 'engine', 'value', 'notes'];
  const table = rows.map((r) => [r.measure, r.engine, r.value, r.note ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(`${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n`);
  for (const row of table) process.stdout.write(`${line(row)}\n`);
}

async function peopleToMeetSection() {
  log('people to meet, PGlite…');
  await benchPeopleToMeet('pglite');
  if (await postgresAvailable()) {
    log('people to meet, PostgreSQL…');
    await benchPeopleToMeet('postgres');
  } else {
    rows.push({ measure: 'people to meet via the API', engine: 'postgres', value: 'skipped', note: `no server at ${POSTGRES_URL}` });
  }
}

async function main() {
  if (ONLY === 'meetings') {
    benchMeetings(rows);
    printTable();
    return;
  }
  if (ONLY === 'mixer') {
    benchMixer(rows);
    printTable();
    return;
  }
  if (ONLY === 'insights') {
    benchInsights(rows);
    printTable();
    return;
  }
  if (ONLY === 'memory') {
    await benchMemory(rows);
    printTable();
    return;
  }
  if (ONLY === 'import') {
    await benchImports(rows, (await postgresAvailable()) ? POSTGRES_URL : undefined);
    printTable();
    return;
  }
  if (!existsSync('dist/server/main.js')) throw new Error('dist/server/main.js is missing: run `npm run build` first');
  if (ONLY === 'people') {
    await peopleToMeetSection();
    printTable();
    return;
  }
  if (ONLY === 'engine') {
    await benchRecommendations(rows);
    printTable();
    return;
  }
  log('start-up…');
  await benchStart();
  log('bare Fastify…');
  const bareRps = await benchBare();
  log('PGlite…');
  await benchEngine('pglite', bareRps);
  if (await postgresAvailable()) {
    log('PostgreSQL…');
    await benchEngine('postgres', bareRps);
  } else {
    rows.push({ measure: 'PostgreSQL rows', engine: 'postgres', value: 'skipped', note: `no server at ${POSTGRES_URL}` });
  }
  await peopleToMeetSection();
  await benchRecommendations(rows);
  benchMeetings(rows);
  benchMixer(rows);
  benchInsights(rows);
  printTable();
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
