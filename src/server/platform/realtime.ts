import { sql } from 'drizzle-orm';
import type { Database, DatabaseHandle } from './db/client.js';

/** The one NOTIFY channel of the app; messages say whom they are for. */
export const REALTIME_CHANNEL = 'cg_realtime';

/** NOTIFY payloads must stay under 8000 bytes; messages are small by design, this is the guard. */
const MAX_PAYLOAD = 7900;

export interface LiveMessage {
  /** The person it is for. */
  userId: string;
  /** What kind of update, e.g. `notification`; clients ignore kinds they do not know. */
  type: string;
  data: unknown;
}

/**
 * Sends a message to every process on the database (and so to the person's open streams,
 * wherever they are connected). Inside a transaction it is delivered on commit and never if
 * the transaction rolls back, so nothing is announced that did not happen.
 */
export async function publish(db: Database, message: LiveMessage): Promise<void> {
  const payload = JSON.stringify(message);
  if (Buffer.byteLength(payload) > MAX_PAYLOAD) throw new Error(`a live message of type ${message.type} is too large to send`);
  await db.execute(sql`select pg_notify(${REALTIME_CHANNEL}, ${payload})`);
}

type Listener = (message: LiveMessage) => void;

/**
 * This process's end of the live updates: LISTENs on the database and hands each message to
 * the streams of the person it is for that are connected here.
 */
export class Realtime {
  private readonly listeners = new Map<string, Set<Listener>>();
  private unlisten: (() => Promise<void>) | undefined;

  constructor(private readonly handle: Pick<DatabaseHandle, 'listen'>) {}

  async start(): Promise<void> {
    this.unlisten ??= await this.handle.listen(
      REALTIME_CHANNEL,
      (payload) => this.deliver(payload),
      // Messages may have been missed while the connection was down: every stream here is told
      // to fetch afresh.
      () => this.broadcast({ type: 'resync', data: {} }),
    );
  }

  /** Calls `listener` with every message for `userId` until the returned function is called. */
  subscribe(userId: string, listener: Listener): () => void {
    let set = this.listeners.get(userId);
    if (!set) this.listeners.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(userId) === set) this.listeners.delete(userId);
    };
  }

  /** How many streams are open in this process (for tests and health). */
  get connections(): number {
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  async close(): Promise<void> {
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    this.listeners.clear();
    await unlisten?.();
  }

  private broadcast(message: Omit<LiveMessage, 'userId'>) {
    for (const userId of [...this.listeners.keys()]) this.hand({ ...message, userId });
  }

  private deliver(payload: string) {
    let message: LiveMessage;
    try {
      message = JSON.parse(payload) as LiveMessage;
    } catch {
      return;
    }
    this.hand(message);
  }

  /** Gives the message to each of its person's streams here. */
  private hand(message: LiveMessage) {
    const set = this.listeners.get(message.userId);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(message);
      } catch {
        // One broken stream must not keep the message from the others.
      }
    }
  }
}
