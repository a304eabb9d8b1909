import type { CollectorPage } from '../collector.ts';

// A page may say the dataset is knowingly incomplete (the sync run records the dataset as
// `partial` with the reason, so a check reports "unknown because…" instead of passing).
// The note is an extension of CollectorPage that src/sync/run-dataset.ts reads.

export interface PartialNote {
  reason: string;
  /** What would make it complete (a permission, an option). */
  missing?: string;
}

export type NotedPage = CollectorPage & { partial?: PartialNote };

export function withNote(page: CollectorPage, note: PartialNote | undefined): NotedPage {
  return note ? { ...page, partial: note } : page;
}
