import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../db/dialect-of.ts';
import { fromJsonColumn, toJsonColumn } from '../db/json-column.ts';
import type { Database, InventoryItemsTable } from '../db/schema.ts';
import { assertNoCredentials } from './credential-guard.ts';
import type { DatasetRef } from './dataset-rollback.ts';
import { hashItem } from './item-hash.ts';

// Writes one dataset (for one scope) into a building snapshot version, page by page, rewriting
// nothing unchanged: each item's hash is compared with the current row for its key (the open
// key→hash map is loaded once, ~100 bytes per key), and only new or changed items produce a row.
// Page writes run inside the caller's transaction (with the page's checkpoint), and the in-memory
// map is updated only once that transaction has committed (`commit`).

export interface WriteItem {
  key: string;
  data: unknown;
}

export interface DatasetWriterOptions extends DatasetRef {
  version: number;
  /** `snapshot`: keys not seen by the end are closed; `append`: rows are never closed. */
  kind: 'snapshot' | 'append';
}

export interface PageWrite {
  /** Items in the page after de-duplication by key (the last one wins). */
  items: number;
  added: number;
  changed: number;
  unchanged: number;
  /** Effects on the open map, applied by `commit` after the transaction. */
  readonly updates: ReadonlyMap<string, OpenRow>;
}

export interface CompleteResult {
  /** Rows closed because their key was not seen in this version (snapshot datasets). */
  removed: number;
}

interface OpenRow {
  hash: string;
  addedIn: number;
}

// Keeps a multi-row INSERT under SQLite's and PostgreSQL's bound-parameter limits.
const INSERT_CHUNK = 500;
const KEY_CHUNK = 500;

export class DatasetWriter {
  readonly #options: DatasetWriterOptions;
  readonly #open: Map<string, OpenRow>;

  private constructor(options: DatasetWriterOptions, open: Map<string, OpenRow>) {
    this.#options = options;
    this.#open = open;
  }

  /** Loads the open rows for the dataset; rows this version already wrote (a resume) included. */
  static async open(db: Kysely<Database>, options: DatasetWriterOptions): Promise<DatasetWriter> {
    const rows = await db
      .selectFrom('inventory_items')
      .select(['key', 'hash', 'added_in'])
      .where('connection_id', '=', options.connectionId)
      .where('dataset', '=', options.dataset)
      .where('scope', '=', options.scope)
      .where('removed_in', 'is', null)
      .execute();
    const open = new Map<string, OpenRow>();
    for (const row of rows) open.set(row.key, { hash: row.hash, addedIn: row.added_in });
    return new DatasetWriter(options, open);
  }

  get openKeys(): number {
    return this.#open.size;
  }

  /** Stores one page (page numbers start at 0 and follow the run's stored page count). */
  async writePage(
    trx: Kysely<Database>,
    page: { index: number; items: readonly WriteItem[]; cursor?: string | undefined },
  ): Promise<PageWrite> {
    const { connectionId, dataset, scope, version, kind } = this.#options;
    const byKey = new Map<string, WriteItem>();
    for (const item of page.items) {
      if (typeof item.key !== 'string' || item.key.length === 0) {
        throw new TypeError(`an item of ${dataset} has no key`);
      }
      byKey.set(item.key, item);
    }

    const inserts: InventoryItemsTable[] = [];
    const toClose: string[] = [];
    const inPlace: { key: string; hash: string; data: string }[] = [];
    const updates = new Map<string, OpenRow>();
    let added = 0;
    let changed = 0;
    let unchanged = 0;
    for (const item of byKey.values()) {
      assertNoCredentials(dataset, item.key, item.data);
      const { json, hash } = hashItem(item.data);
      const current = this.#open.get(item.key);
      if (current?.hash === hash) {
        unchanged++;
        continue;
      }
      if (current === undefined) added++;
      else changed++;
      updates.set(item.key, { hash, addedIn: version });
      if (current?.addedIn === version) {
        // Seen earlier in this same version (a duplicate across pages, or a resumed page):
        // its row is not visible to anyone yet, so it is corrected in place.
        inPlace.push({ key: item.key, hash, data: json });
        continue;
      }
      if (current !== undefined) toClose.push(item.key);
      inserts.push({
        connection_id: connectionId,
        dataset,
        scope,
        key: item.key,
        hash,
        data: json,
        added_in: version,
        removed_in: null,
      });
    }

    if (dialectOf(trx) === 'postgres') {
      // A page commits with its checkpoint, so losing the last few page commits in a server
      // crash only makes the resume redo those pages: no need to wait for the WAL flush (it
      // makes page writes ~1.6x faster). The publish is a separate, fully durable commit.
      await sql`set local synchronous_commit = off`.execute(trx);
    }
    // Close before insert: the open-row unique index allows one current row per key.
    await this.#close(trx, toClose);
    for (let i = 0; i < inserts.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('inventory_items')
        .values(inserts.slice(i, i + INSERT_CHUNK))
        .execute();
    }
    for (const row of inPlace) {
      await trx
        .updateTable('inventory_items')
        .set({ hash: row.hash, data: row.data })
        .where('connection_id', '=', connectionId)
        .where('dataset', '=', dataset)
        .where('scope', '=', scope)
        .where('key', '=', row.key)
        .where('added_in', '=', version)
        .execute();
    }

    if (kind === 'snapshot') {
      // Kept per page (not in memory) so a sync resumed in another process still knows which
      // keys the pages before the crash carried when it closes the unseen ones.
      const keys = toJsonColumn([...byKey.keys()]);
      await trx
        .insertInto('inventory_page_keys')
        .values({ connection_id: connectionId, version, dataset, scope, page: page.index, keys })
        .onConflict((oc) =>
          oc.columns(['connection_id', 'version', 'dataset', 'scope', 'page']).doUpdateSet({ keys }),
        )
        .execute();
    } else if (page.cursor !== undefined) {
      await trx
        .insertInto('inventory_cursors')
        .values({ connection_id: connectionId, dataset, scope, version, cursor: page.cursor })
        .onConflict((oc) =>
          oc.columns(['connection_id', 'dataset', 'scope', 'version']).doUpdateSet({ cursor: page.cursor }),
        )
        .execute();
    }
    return { items: byKey.size, added, changed, unchanged, updates };
  }

  /** Applies a committed page to the open map. Call only after its transaction committed. */
  commit(write: PageWrite): void {
    for (const [key, row] of write.updates) this.#open.set(key, row);
  }

  /**
   * Finishes the dataset in the caller's transaction. Snapshot datasets close every open row
   * whose key no page of this version carried; `pending` is a page written in the same
   * transaction and not yet committed.
   */
  async complete(trx: Kysely<Database>, pending?: PageWrite): Promise<CompleteResult> {
    const { connectionId, dataset, scope, version, kind } = this.#options;
    if (kind === 'append') return { removed: 0 };
    const pages = await trx
      .selectFrom('inventory_page_keys')
      .select('keys')
      .where('connection_id', '=', connectionId)
      .where('version', '=', version)
      .where('dataset', '=', dataset)
      .where('scope', '=', scope)
      .execute();
    const seen = new Set<string>();
    for (const page of pages) for (const key of fromJsonColumn<string[]>(page.keys)) seen.add(key);
    const unseen: string[] = [];
    for (const key of this.#open.keys()) if (!seen.has(key) && !pending?.updates.has(key)) unseen.push(key);
    await this.#close(trx, unseen);
    await trx
      .deleteFrom('inventory_page_keys')
      .where('connection_id', '=', connectionId)
      .where('version', '=', version)
      .where('dataset', '=', dataset)
      .where('scope', '=', scope)
      .execute();
    return { removed: unseen.length };
  }

  async #close(trx: Kysely<Database>, keys: string[]): Promise<void> {
    const { connectionId, dataset, scope, version } = this.#options;
    for (let i = 0; i < keys.length; i += KEY_CHUNK) {
      await trx
        .updateTable('inventory_items')
        .set({ removed_in: version })
        .where('connection_id', '=', connectionId)
        .where('dataset', '=', dataset)
        .where('scope', '=', scope)
        .where('removed_in', 'is', null)
        .where('key', 'in', keys.slice(i, i + KEY_CHUNK))
        .execute();
    }
  }
}
