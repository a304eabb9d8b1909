import pg from 'pg';

// A PostgreSQL database of the benchmark's own on the server it is given (created at start,
// dropped at the end), so that a bench never touches another database and two benches never
// meet; pg-boss keeps its schema inside it.

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** The server to use: `--postgres`, else PALISADE_TEST_POSTGRES_URL (bench/README.md). */
export function benchPostgresUrl(flag: string | undefined): string {
  const url = flag ?? process.env.PALISADE_TEST_POSTGRES_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(
      'this bench needs PostgreSQL: pass --postgres postgres://user@host:5432/db or set PALISADE_TEST_POSTGRES_URL',
    );
  }
  return url;
}

export async function createBenchDatabase(serverUrl: string, name: string): Promise<BenchDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name: ${name}`);
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
