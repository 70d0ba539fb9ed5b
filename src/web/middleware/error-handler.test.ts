import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { createApp } from '../../app.ts';
import { testConfig } from '../../config.ts';
import type { Db } from '../../data/database.ts';
import { fixedClock } from '../../domain/clock.ts';
import type { Logger } from '../../logger.ts';
import { createServices } from '../../services.ts';
import { ENGINES } from '../../../test/engines.ts';
import { TEST_NOW } from '../../../test/test-app.ts';
import { isDatabaseError, loggableError, statusForDatabaseError } from './error-handler.ts';

const SECRET = 'Dorothy Secretname';

describe('statusForDatabaseError', () => {
  it('answers input the database refuses with 4xx, and its own failures with 500', () => {
    expect(statusForDatabaseError('23505')).toBe(409); // unique
    expect(statusForDatabaseError('23503')).toBe(422); // foreign key
    expect(statusForDatabaseError('23514')).toBe(422); // check
    expect(statusForDatabaseError('22P02')).toBe(422); // invalid text for a type
    expect(statusForDatabaseError('22008')).toBe(422); // date out of range
    expect(statusForDatabaseError('53300')).toBe(500); // too many connections
    expect(statusForDatabaseError('42P01')).toBe(500); // our SQL is wrong
  });
});

describe.each(ENGINES)('Database errors reach the logs without what people typed ($name)', (engine) => {
  let db: Db & { drop(): Promise<void> };
  let app: FastifyInstance;
  const lines: string[] = [];

  beforeAll(async () => {
    db = await engine.open();
    const config = testConfig();
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) }) as unknown as Logger;
    app = await createApp(createServices({ db, config, clock: fixedClock(TEST_NOW) }), config, logger);
    // Stand-ins for a repository handed what someone typed, and for SQL that is simply wrong.
    app.get('/test/bad-uuid', async (request) => db.query('select $1::uuid', [(request.query as { v: string }).v]));
    app.get('/test/duplicate', async () => {
      await db.query('create temporary table if not exists t_unique (v text unique)');
      await db.query('insert into t_unique (v) values ($1)', [SECRET]);
      return db.query('insert into t_unique (v) values ($1)', [SECRET]);
    });
    app.get('/test/broken-sql', async (request) => db.query(`select * from no_such_table where name = $1`, [(request.query as { v: string }).v]));
    await app.ready();
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('tells the database error apart and keeps only its code', async () => {
    const err = await db.query('select $1::uuid', [SECRET]).catch((e: unknown) => e);
    expect(isDatabaseError(err)).toBe(true);
    expect(JSON.stringify(loggableError(err))).not.toContain('Dorothy');
    expect(loggableError(err)).toMatchObject({ kind: 'database', code: '22P02' });
  });

  it('answers 422 for a value the database cannot read, 409 for a duplicate, 500 for broken SQL, and logs none of the values', async () => {
    const bad = await app.inject({ method: 'GET', url: `/test/bad-uuid?v=${encodeURIComponent(SECRET)}` });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).not.toContain('Dorothy');
    expect((await app.inject({ method: 'GET', url: '/test/duplicate' })).statusCode).toBe(409);
    const broken = await app.inject({ method: 'GET', url: `/test/broken-sql?v=${encodeURIComponent(SECRET)}` });
    expect(broken.statusCode).toBe(500);
    const log = lines.join('');
    expect(log).toContain('22P02');
    expect(log).toContain('23505');
    expect(log).toContain('42P01');
    expect(log).not.toContain('Dorothy');
    expect(log).not.toContain('no_such_table');
  });
});
