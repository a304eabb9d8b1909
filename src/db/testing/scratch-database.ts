import pg from 'pg';

// A whole PostgreSQL database of its own on a server (created empty, dropped at the end), for
// what a schema cannot isolate: a pg_dump and pg_restore of a database (test/deploy) and the
// benchmarks' fleets, whose processes and pg-boss each keep their own schemas inside it.

export interface ScratchDatabase {
  /** The server URL with this database's name. */
  url: string;
  drop(): Promise<void>;
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Creates `name` on the server of `serverUrl` (dropping a leftover of an earlier run first). */
export async function createScratchDatabase(serverUrl: string, name: string): Promise<ScratchDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name: ${name}`);
  await onServer(serverUrl, `drop database if exists ${name} with (force)`);
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`),
  };
}
