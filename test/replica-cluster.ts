import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, chownSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/**
 * A throwaway PostgreSQL primary with a streaming replica, made with Debian's cluster tools
 * (`pg_createcluster`, `pg_basebackup -R`) on two free ports, as root. It never touches the main
 * cluster. `drop()` stops and removes both. Where that is impossible, `replicaPairUnavailable()`
 * says why, so the test can skip with that message.
 */
export type ReplicaPair = {
  primaryUrl(database: string): string;
  replicaUrl(database: string): string;
  /** Waits until the replica has replayed everything the primary has written so far. */
  caughtUp(): Promise<void>;
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stopReplica(): Promise<void>;
  drop(): Promise<void>;
};

const TOOLS = ['pg_createcluster', 'pg_ctlcluster', 'pg_dropcluster', 'pg_lsclusters', 'pg_basebackup', 'runuser'];

function onPath(tool: string): boolean {
  return (process.env.PATH ?? '/usr/bin:/bin').split(':').some((dir) => existsSync(`${dir}/${tool}`));
}

function postgresVersion(): string | undefined {
  if (!existsSync('/usr/lib/postgresql')) return undefined;
  return readdirSync('/usr/lib/postgresql')
    .filter((v) => /^\d+$/.test(v) && statSync(`/usr/lib/postgresql/${v}`).isDirectory())
    .sort((a, b) => Number(b) - Number(a))[0];
}

/** Why a replica pair cannot be made here, or undefined when it can. */
export function replicaPairUnavailable(): string | undefined {
  if (process.env.TEST_ENGINES === 'pglite') return 'TEST_ENGINES=pglite (the year-ahead run): PostgreSQL tests are skipped';
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return 'needs root on Linux to create PostgreSQL clusters with pg_createcluster';
  const missing = TOOLS.filter((t) => !onPath(t));
  if (missing.length) return `needs Debian's PostgreSQL cluster tools (missing: ${missing.join(', ')}; apt-get install postgresql)`;
  if (!postgresVersion()) return 'no PostgreSQL server under /usr/lib/postgresql';
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Clusters a killed run left behind (down, with our prefix); running ones may belong to another run. */
async function dropLeftovers(version: string) {
  const { stdout } = await run('pg_lsclusters', ['-h']);
  for (const line of stdout.split('\n')) {
    const [ver, cluster, , status] = line.trim().split(/\s+/);
    if (ver === version && cluster?.startsWith('waymark_rr_') && status === 'down') {
      await run('pg_dropcluster', [version, cluster]).catch(() => undefined);
    }
  }
}

export async function startReplicaPair(): Promise<ReplicaPair> {
  const version = postgresVersion()!;
  await dropLeftovers(version);
  const name = `waymark_rr_${randomBytes(3).toString('hex')}`;
  const primary = { cluster: `${name}_primary`, port: await freePort() };
  const replica = { cluster: `${name}_replica`, port: await freePort() };
  const url = (port: number, database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const created: string[] = [];
  // Throwaway clusters: no fsync, trust for local connections and replication (as the main cluster).
  const create = async (cluster: string, port: number) => {
    await run('pg_createcluster', [version, cluster, '-p', String(port), '-o', 'fsync=off', '--', '--auth=trust', '--no-sync']);
    created.push(cluster);
  };
  const ctl = (cluster: string, action: string) => run('pg_ctlcluster', ['--skip-systemctl-redirect', version, cluster, action]);
  const drop = async () => {
    for (const cluster of created.reverse()) await run('pg_dropcluster', ['--stop', version, cluster]).catch(() => undefined);
    created.length = 0;
  };
  try {
    await create(primary.cluster, primary.port);
    await ctl(primary.cluster, 'start');
    await create(replica.cluster, replica.port);
    // The replica's data directory becomes a base backup of the primary, with -R writing
    // standby.signal and primary_conninfo so it starts as a hot standby that streams from it.
    const dataDir = `/var/lib/postgresql/${version}/${replica.cluster}`;
    await run('rm', ['-rf', dataDir]);
    mkdirSync(dataDir, { mode: 0o700 });
    const { uid, gid } = statSync(`/var/lib/postgresql/${version}/${primary.cluster}`);
    chownSync(dataDir, uid, gid);
    await run('runuser', [
      '-u',
      'postgres',
      '--',
      'pg_basebackup',
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      dataDir,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    await ctl(replica.cluster, 'start');
  } catch (error) {
    await drop();
    throw error;
  }
  const primaryAdmin = url(primary.port, 'postgres');
  const replicaAdmin = url(replica.port, 'postgres');
  return {
    primaryUrl: (database) => url(primary.port, database),
    replicaUrl: (database) => url(replica.port, database),
    async caughtUp() {
      const [{ lsn } = { lsn: '' }] = await query<{ lsn: string }>(primaryAdmin, 'select pg_current_wal_lsn()::text as lsn');
      for (let i = 0; i < 600; i++) {
        const [row] = await query<{ done: boolean }>(replicaAdmin, 'select coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) as done', [lsn]);
        if (row?.done) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('the replica did not catch up within 30 seconds');
    },
    async pauseReplay() {
      await query(replicaAdmin, 'select pg_wal_replay_pause()');
    },
    async resumeReplay() {
      await query(replicaAdmin, 'select pg_wal_replay_resume()');
    },
    async stopReplica() {
      await ctl(replica.cluster, 'stop');
    },
    drop,
  };
}
