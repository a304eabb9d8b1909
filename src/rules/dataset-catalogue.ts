import * as inventory from '../inventory/datasets/index.ts';

// The inventory datasets rules may read, by name. The records are the normalized ones
// src/inventory/datasets defines (its zod schemas are the one source of their types); the map
// (generated there) turns a dataset name into its record type, so `requires: ['org.domains']` is
// checked by the compiler and `ctx.items('org.domains')` is typed.

export const DATASETS = inventory.DATASETS;

export type DatasetName = keyof typeof DATASETS;
export const DATASET_NAMES = Object.keys(DATASETS) as [DatasetName, ...DatasetName[]];

/** The normalized record type of a dataset. */
export type DatasetRecord<N extends DatasetName> = inventory.RecordOf<(typeof DATASETS)[N]>;

/** Where a dataset lives: the org, or each site. */
export function datasetScope(name: DatasetName): 'org' | 'site' {
  return DATASETS[name].scope;
}

export function isDatasetName(name: string): name is DatasetName {
  return Object.hasOwn(DATASETS, name);
}
