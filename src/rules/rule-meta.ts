import { z } from 'zod';
import { APP_GOVERNANCE } from './app-governance.ts';
import { AREA_IDS } from './areas.ts';
import { SUBJECT_NAMES } from './attestation-subjects.ts';
import { FRAMEWORK_IDS } from './compliance/framework.ts';
import { DATASET_NAMES } from './dataset-catalogue.ts';
import { RULE_PLANS } from './plans.ts';
import { RESOURCE_TYPES } from './resource-types.ts';
import { SEVERITIES } from './severity.ts';

// A rule's metadata, validated when the rule module loads (defineRule) and again by the catalogue
// registry test. It is everything the baseline document, the UI and reports say about a rule.

const sentence = z.string().trim().min(10);
const step = z.string().trim().min(3);

const controlIds = z.array(z.string().min(1)).min(1);

export const ruleMetaSchema = z.strictObject({
  /** Snake case, as in CHECKS.md; also the file name (`<id>.rule.ts`). */
  id: z.string().regex(/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/, 'snake_case with at least two words'),
  /** States the secure configuration: "No permission-scheme grant to Anyone". */
  title: sentence,
  area: z.enum(AREA_IDS),
  severity: z.enum(SEVERITIES),
  /** `org`: evaluated once for the organization; `site`: once per site that has the area's product. */
  scope: z.enum(['org', 'site']),
  /** What each result is about. */
  resourceType: z.enum(RESOURCE_TYPES),
  /**
   * Datasets, attestation subjects and Palisade's app governance state the verdict needs; if one
   * is missing, the result is `unknown`.
   */
  requires: z.array(z.enum([...DATASET_NAMES, ...SUBJECT_NAMES, APP_GOVERNANCE])).min(1),
  /**
   * Site datasets that stand in for one another by kind of site (the Cloud app inventory, a Data
   * Center instance's plugins): on each site, those its kind can have are required like `requires`;
   * a site that can have none of them makes the rule not applicable there.
   */
  requiresOneOf: z.array(z.enum(DATASET_NAMES)).default([]),
  /** Datasets read only for context (names in a message); the verdict must not depend on them. */
  optional: z.array(z.enum(DATASET_NAMES)).default([]),
  /** The lowest plan or Guard tier where the control exists. */
  plan: z.enum(RULE_PLANS),
  /** The credential its datasets are read with (`none`: anonymous probes, attestations, Palisade's own state). */
  credential: z.enum(['org-api-key', 'site-admin', 'none']),
  /** What the rule checks and how (which setting or API field). */
  description: sentence,
  /** Why it matters: what an attacker or an accident does with the gap. */
  risk: sentence,
  remediation: z.strictObject({
    /** Steps in the admin UI, in order. */
    ui: z.array(step).min(1),
    /** Steps through the REST API; null when no public API can change the setting. */
    api: z.array(step).min(1).nullable(),
  }),
  references: z.array(z.strictObject({ title: z.string().min(1), url: z.url() })).min(1),
  /** Control ids per framework (see compliance/); each must exist in the framework's file. */
  compliance: z
    .strictObject(
      Object.fromEntries(FRAMEWORK_IDS.map((id) => [id, controlIds.optional()])) as {
        [K in (typeof FRAMEWORK_IDS)[number]]: z.ZodOptional<typeof controlIds>;
      },
    )
    .default({}),
});

export type RuleMetaInput = z.input<typeof ruleMetaSchema>;
export type RuleMeta = z.output<typeof ruleMetaSchema>;
