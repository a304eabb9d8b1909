import type { Attestation } from '../attestation.ts';
import type { SubjectName, SubjectValue } from '../attestation-subjects.ts';
import { type DatasetName, type DatasetRecord, datasetScope } from '../dataset-catalogue.ts';
import type { DatasetOutcome, DatasetView, OrgFacts, SiteFacts, SnapshotView } from '../snapshot-view.ts';

// Hand-written snapshots for rule and engine tests: one org with Guard Standard and one site with
// Jira and Confluence Premium, both connected, unless a test says otherwise. Datasets given in
// `datasets` are `ok` at their natural scope (the org, or the first site); `outcomes` overrides.

export const TEST_NOW = new Date('2025-06-01T12:00:00.000Z');

export const TEST_ORG: OrgFacts = { id: 'org-1', name: 'Acme', guard: 'standard', hasCredential: true };

export const TEST_SITE: SiteFacts = {
  cloudId: 'cloud-acme',
  name: 'acme',
  url: 'https://acme.atlassian.net',
  products: { jira: 'premium', confluence: 'premium' },
  hasCredential: true,
};

export interface TestSnapshotInput {
  now?: Date;
  version?: number;
  org?: Partial<OrgFacts>;
  sites?: readonly SiteFacts[];
  datasets?: { [N in DatasetName]?: readonly DatasetRecord<N>[] };
  outcomes?: { [N in DatasetName]?: DatasetOutcome };
  /** More dataset views as they are (other sites, odd scopes). */
  views?: readonly DatasetView[];
}

export function testSnapshot(input: TestSnapshotInput = {}): SnapshotView {
  const sites = input.sites ?? [TEST_SITE];
  const names = new Set([
    ...Object.keys(input.datasets ?? {}),
    ...Object.keys(input.outcomes ?? {}),
  ]) as Set<DatasetName>;
  const views: DatasetView[] = [...names].map((name) => ({
    name,
    scope: datasetScope(name) === 'org' ? 'org' : (sites[0]?.cloudId ?? TEST_SITE.cloudId),
    outcome: input.outcomes?.[name] ?? { status: 'ok' },
    items: (input.datasets?.[name] ?? []) as readonly unknown[],
  }));
  return {
    version: input.version ?? 1,
    now: input.now ?? TEST_NOW,
    org: { ...TEST_ORG, ...input.org },
    sites,
    datasets: [...views, ...(input.views ?? [])],
  };
}

let attestationCount = 0;

/** An attestation made a day before TEST_NOW, valid for 90 days, unless overridden. */
export function testAttestation<N extends SubjectName>(
  subject: N,
  value: SubjectValue<N>,
  overrides: Partial<Attestation> = {},
): Attestation {
  attestationCount += 1;
  return {
    id: `att-${attestationCount}`,
    subject,
    scope: 'org',
    value,
    evidence: { note: 'Screenshot of the admin page attached to SEC-42.' },
    author: { id: 'user-1', name: 'Ada Admin' },
    attestedAt: '2025-05-31T12:00:00.000Z',
    expiresAt: '2025-08-29T12:00:00.000Z',
    ...overrides,
  };
}
