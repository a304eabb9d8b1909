import { z } from 'zod';
import { DISMISSAL_REASONS, SETTABLE_STATUSES, WORKFLOW_STATUSES } from '../../findings/workflow.ts';
import { AREA_IDS, PRODUCTS } from '../../rules/areas.ts';

// The request and response shapes of the findings API.

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), requestId: z.string() }),
});

/** A multi-valued filter: repeated (`?severity=critical&severity=high`) or comma-separated. */
const many = z.union([z.string().max(4000), z.array(z.string().max(400)).max(100)]).optional();
const one = z.string().max(400).optional();
const time = z.iso.datetime({ offset: true }).optional();

/** The filters of the list, shared by the bulk change. */
export const FilterFields = {
  connectionId: one.describe('a connection id'),
  severity: many.describe('critical, high, medium, low'),
  status: many.describe(WORKFLOW_STATUSES.join(', ')),
  product: many.describe(PRODUCTS.join(', ')),
  area: many.describe(`a rule area: ${AREA_IDS.join(', ')}`),
  site: many.describe('a site cloud id, or org'),
  rule: many.describe('rule ids'),
  control: many.describe('framework:control, e.g. cis-v8:4.1 or nist-800-53-r5:AC-2'),
  app: one.describe("an app's key: the findings about it"),
  firstSeenFrom: time,
  firstSeenTo: time,
  q: z.string().max(200).optional().describe('free text over title, message and resource'),
  assignee: one.describe('a user id, or none'),
};

export const ListQuery = z.object({
  ...FilterFields,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

export const FindingParams = z.object({ id: z.string().min(1).max(200) });

const Person = z.object({ id: z.string(), name: z.string() });

export const FindingItem = z.object({
  id: z.string(),
  connectionId: z.string(),
  ruleId: z.string(),
  title: z.string(),
  severity: z.string(),
  status: z.enum(WORKFLOW_STATUSES),
  dismissalReason: z.enum(DISMISSAL_REASONS).nullable(),
  assignee: Person.nullable(),
  exceptionId: z.string().nullable(),
  area: z.string(),
  product: z.string(),
  site: z.string().describe('org, or the cloud id of the site'),
  resource: z.object({ type: z.string(), id: z.string(), name: z.string().nullable(), key: z.string() }),
  message: z.string(),
  scanState: z.string().describe("the scan's own state: open, excepted or resolved"),
  firstSeen: z.string(),
  firstSeenVersion: z.number(),
  lastSeen: z.string(),
  updatedAt: z.string(),
});

export const ListAnswer = z.object({
  items: z.array(FindingItem),
  total: z.number(),
  nextCursor: z.string().nullable(),
});

export const HistoryItem = z.object({
  at: z.string(),
  actor: Person.nullable().describe('null: the scan'),
  kind: z.enum(['status', 'assignee', 'comment']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  text: z.string().nullable(),
  snapshotVersion: z.number().nullable(),
});

export const FindingDetail = FindingItem.extend({
  description: z.string().nullable(),
  risk: z.string().nullable(),
  evidence: z.record(z.string(), z.unknown()).nullable(),
  remediation: z.object({ ui: z.array(z.string()), api: z.array(z.string()) }),
  references: z.array(z.object({ title: z.string(), url: z.string() })),
  compliance: z.array(z.object({ framework: z.string(), control: z.string() })),
  history: z.array(HistoryItem),
});

const change = {
  status: z.enum(SETTABLE_STATUSES).optional(),
  dismissalReason: z.enum(DISMISSAL_REASONS).optional(),
  exceptionExpiresAt: z.iso.datetime({ offset: true }).optional(),
  comment: z.string().trim().min(1).max(5000).optional(),
};

export const PatchBody = z.object({
  ...change,
  assignee: z.string().min(1).max(200).nullable().optional().describe('a user id; null unassigns'),
});

export const BulkBody = z.object({
  filter: z.object(FilterFields),
  set: z.object({ ...change, status: z.enum(SETTABLE_STATUSES) }),
});

export const CommentBody = z.object({ text: z.string().trim().min(1).max(5000) });

export const FindingAnswer = z.object({ finding: FindingDetail });

export const BulkAnswer = z.object({ updated: z.number().describe('how many findings changed') });
