// The PostgreSQL server a bench creates its database on (src/db/testing/scratch-database.ts).

/** `--postgres`, else PALISADE_TEST_POSTGRES_URL (bench/README.md). */
export function benchPostgresUrl(flag: string | undefined): string {
  const url = flag ?? process.env.PALISADE_TEST_POSTGRES_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(
      'this bench needs PostgreSQL: pass --postgres postgres://user@host:5432/db or set PALISADE_TEST_POSTGRES_URL',
    );
  }
  return url;
}
