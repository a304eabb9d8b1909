import type { Dataset } from '../../inventory/datasets/index.ts';
import type { CollectedItem } from '../collector.ts';
import { CollectorError } from './errors.ts';

// Every record passes its dataset's schema before it leaves a collector: zod objects drop any key
// the schema does not declare (so nothing credential-like slips through with the rest of a
// response), and a missing field fails loudly, naming the field but never its value.

export function toItem<T>(dataset: Dataset<T>, raw: unknown): CollectedItem {
  const parsed = dataset.schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
      .join('; ');
    throw new CollectorError('normalization', dataset.name, `record does not match the dataset: ${problems}`);
  }
  return { key: dataset.key(parsed.data), data: parsed.data };
}

export function toItems<T>(dataset: Dataset<T>, raws: readonly unknown[]): CollectedItem[] {
  return raws.map((raw) => toItem(dataset, raw));
}
