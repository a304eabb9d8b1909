import assert from 'node:assert/strict';
import { test } from 'node:test';
import { datasets } from '../inventory/datasets/index.ts';
import { DATASETS } from './dataset-catalogue.ts';

// Completeness is not required: a dataset the inventory adds becomes nameable in `requires` once
// someone adds its line to DATASETS (the compiler then checks every use).

test('every dataset a rule can name is one the inventory stores, under the same name', () => {
  const stored = new Map(datasets.map((d) => [d.name, d]));
  for (const [name, dataset] of Object.entries(DATASETS)) {
    assert.equal(dataset.name, name);
    assert.equal(stored.get(name), dataset, `${name} is in src/inventory/datasets`);
  }
});
