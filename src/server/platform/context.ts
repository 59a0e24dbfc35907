import type { Config } from './config.js';
import type { Database, Engine } from './db/client.js';
import type { Realtime } from './realtime.js';

/** Who is acting: a signed-in user, or nobody. */
export type Actor = { kind: 'user'; userId: string; isAdmin: boolean } | { kind: 'anonymous' };

export const anonymous: Actor = { kind: 'anonymous' };

/** What every service needs from the platform; the clock is injected so tests can move it. */
export interface ServiceContext {
  db: Database;
  engine: Engine;
  config: Config;
  now: () => Date;
  /** Live updates to connected clients; absent in one-off tools (CLI, bench) that serve no one. */
  realtime?: Realtime;
}
