import { describe, expect, it } from 'vitest';
import { users } from '../../src/server/platform/db/schema.js';
import { safeFailure } from '../../src/server/platform/errors.js';
import { createTestDatabase, storageEngines } from '../support/engines.js';

describe.each(storageEngines())('safeFailure on %s', (engine) => {
  it('keeps the database’s words and drops the SQL, the parameters and the row values of a real failed query', async () => {
    const database = await createTestDatabase(engine);
    const handle = database.handle;
    try {
      const row = { email: 'dup@example.org', name: 'Dup', passwordHash: 'SECRET-HASH-MARKER' };
      await handle.db.insert(users).values(row);
      const failure = await handle.db.insert(users).values(row).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(Error);
      expect(String((failure as Error).message)).toContain('SECRET-HASH-MARKER');
      const safe = safeFailure(failure);
      expect(safe.code).toBe('23505');
      expect(safe.message).toMatch(/duplicate key/);
      expect(JSON.stringify(safe)).not.toContain('SECRET-HASH-MARKER');
      expect(JSON.stringify(safe)).not.toContain('dup@example.org');
      expect(JSON.stringify(safe)).not.toMatch(/insert into/i);
    } finally {
      await database.drop();
    }
  });

  it('puts anything thrown on one line', () => {
    expect(safeFailure('two\n  lines').message).toBe('two lines');
    expect(safeFailure(new Error('plain')).message).toBe('plain');
  });
});
