import type { z } from 'zod';
import type { WorkflowFilter } from '../../findings/store/workflow-query.ts';
import { WORKFLOW_STATUSES, type WorkflowStatus } from '../../findings/workflow.ts';
import { AREA_IDS, PRODUCTS } from '../../rules/areas.ts';
import { catalogue } from '../../rules/catalogue/index.ts';
import { FRAMEWORK_IDS, type FrameworkId } from '../../rules/compliance/framework.ts';
import { SEVERITIES } from '../../rules/severity.ts';
import { RequestError } from '../request-error.ts';
import type { FilterFields } from './findings-schemas.ts';

// The list's query (and the bulk change's filter) as the store's filter: each multi-valued field
// checked against its values, a framework control turned into the rules mapped to it.

type FilterInput = { [K in keyof typeof FilterFields]?: z.output<(typeof FilterFields)[K]> };

/** Short names people type for the frameworks (`cis-v8:4.1`). */
const FRAMEWORK_ALIASES: Record<string, FrameworkId> = {
  'cis-v8': 'cis-controls-v8',
  cis: 'cis-controls-v8',
  nist: 'nist-800-53-r5',
  'nist-800-53': 'nist-800-53-r5',
  iso: 'iso-27001-2022',
  'iso-27001': 'iso-27001-2022',
  iso27001: 'iso-27001-2022',
};

function values(field: string, input: string | string[] | undefined): string[] | undefined {
  if (input === undefined) return undefined;
  const list = (Array.isArray(input) ? input : [input])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (list.length === 0)
    throw new RequestError('invalid_input', `${field} is empty: give at least one value`);
  return list;
}

function oneOf<T extends string>(field: string, input: string | string[] | undefined, allowed: readonly T[]) {
  const list = values(field, input);
  if (list === undefined) return undefined;
  for (const v of list) {
    if (!(allowed as readonly string[]).includes(v)) {
      throw new RequestError(
        'invalid_input',
        `${field}: "${v.slice(0, 60)}" is not one of ${allowed.join(', ')}`,
      );
    }
  }
  return list as T[];
}

function rulesOfControls(input: string | string[] | undefined): string[] | undefined {
  const list = values('control', input);
  if (list === undefined) return undefined;
  const rules = new Set<string>();
  for (const v of list) {
    const at = v.indexOf(':');
    const name = at > 0 ? v.slice(0, at).toLowerCase() : '';
    const framework = (FRAMEWORK_IDS as readonly string[]).includes(name)
      ? (name as FrameworkId)
      : FRAMEWORK_ALIASES[name];
    if (!framework || at === v.length - 1) {
      throw new RequestError(
        'invalid_input',
        `control: "${v.slice(0, 60)}" is not framework:control (frameworks: ${FRAMEWORK_IDS.join(', ')}, or cis-v8, nist, iso)`,
      );
    }
    const control = v.slice(at + 1);
    for (const { rule } of catalogue) {
      if (rule.meta.compliance[framework]?.includes(control)) rules.add(rule.meta.id);
    }
  }
  return [...rules];
}

export function toWorkflowFilter(input: FilterInput): WorkflowFilter {
  const filter: WorkflowFilter = {};
  if (input.connectionId !== undefined) filter.connectionIds = [input.connectionId];
  const severities = oneOf('severity', input.severity, SEVERITIES);
  if (severities) filter.severities = severities;
  const statuses = oneOf<WorkflowStatus>('status', input.status, WORKFLOW_STATUSES);
  if (statuses) filter.statuses = statuses;
  const products = oneOf('product', input.product, PRODUCTS);
  if (products) filter.products = products;
  const areas = oneOf('area', input.area, AREA_IDS);
  if (areas) filter.areas = areas;
  const sites = values('site', input.site);
  if (sites) filter.sites = sites;
  const rules = values('rule', input.rule);
  const controlled = rulesOfControls(input.control);
  if (rules && controlled) filter.ruleIds = rules.filter((r) => controlled.includes(r));
  else if (rules ?? controlled) filter.ruleIds = rules ?? controlled;
  if (input.app !== undefined) filter.appKey = input.app;
  if (input.firstSeenFrom !== undefined) filter.firstSeenFrom = new Date(input.firstSeenFrom).toISOString();
  if (input.firstSeenTo !== undefined) filter.firstSeenTo = new Date(input.firstSeenTo).toISOString();
  if (input.q !== undefined && input.q.trim() !== '') filter.q = input.q;
  if (input.assignee !== undefined) filter.assigneeId = input.assignee;
  return filter;
}

/** Whether a filter names anything (a bulk change with none would change every finding). */
export function filterNamesSomething(filter: WorkflowFilter): boolean {
  return Object.keys(filter).length > 0;
}
