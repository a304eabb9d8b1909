import type { SiteRef } from '../atlassian/api.ts';
import type { AdminRight, DatasetAccess } from '../inventory/datasets/index.ts';

// What the site credential is on each site: the rights that decide how much of an answer Atlassian
// gives. A plain user gets 403 from the admin endpoints and, worse, a shorter 200 from the listing
// ones (spaces it may not view left out, permission lists empty): read as complete, "empty" would
// pass the checks. Discovery (discover-access.ts) establishes the rights; the sync plan then marks
// each dataset whose answer depends on a right the credential lacks `forbidden` or `partial`, as
// the dataset declares (src/inventory/datasets `access`). A right nobody could establish is left
// undefined and judges nothing: the reads then say for themselves what they were refused.

/** Who the credential is on a site, from the strongest right established. */
export type CredentialRole =
  | 'org-admin'
  | 'site-admin'
  | 'product-admin'
  | 'user'
  /** Signed in, but without access to any product of the site. */
  | 'no-access'
  | 'unknown';

/** Each right: true = held, false = not held, undefined = could not be established. */
export interface SiteRights {
  /** Jira product access ("Permission to access Jira"). */
  jiraAccess?: boolean;
  /** The Administer Jira global permission (Jira and site administrators). */
  jiraAdmin?: boolean;
  /** The Jira System Administrators global permission: site administrators only. */
  siteAdmin?: boolean;
  /** Confluence's "Can use" global permission. */
  confluenceAccess?: boolean;
  /** Confluence Administrator (`administer` on `application`). */
  confluenceAdmin?: boolean;
  /** The org admin role (`atlassian/org-admin`), read with the org API key. */
  orgAdmin?: boolean;
}

export interface SiteAccess extends SiteRights {
  cloudId: string;
  /** The account behind the credential, when a product said. */
  accountId: string | null;
  role: CredentialRole;
  /** How each right was established (or why it could not be), one short line each. */
  evidence: string[];
}

/** The site credential's access per site, by cloud id: what the sync target carries. */
export type CredentialAccess = Readonly<Record<string, SiteAccess>>;

/** The role a person reads, from the rights established. */
/** Whether a product's rights are Jira's (Cloud or Data Center) rather than Confluence's. */
const isJira = (p: SiteRef['products'][number]): boolean => p === 'jira' || p === 'jira-data-center';

export function roleOf(rights: SiteRights, products: SiteRef['products']): CredentialRole {
  if (rights.orgAdmin === true) return 'org-admin';
  if (rights.siteAdmin === true) return 'site-admin';
  if (rights.jiraAdmin === true || rights.confluenceAdmin === true) return 'product-admin';
  const access = products.map((p) => (isJira(p) ? rights.jiraAccess : rights.confluenceAccess));
  if (access.some((a) => a === true)) {
    const admins = products.map((p) => (isJira(p) ? rights.jiraAdmin : rights.confluenceAdmin));
    return admins.every((a) => a === false) ? 'user' : 'unknown';
  }
  return access.length > 0 && access.every((a) => a === false) ? 'no-access' : 'unknown';
}

const ROLE_PHRASE: Record<CredentialRole, string> = {
  'org-admin': 'an org admin',
  'site-admin': 'a site admin',
  'product-admin': 'a product admin',
  user: 'a plain user',
  'no-access': 'an account without product access',
  unknown: 'an account of unknown rights',
};

export function describeRole(role: CredentialRole): string {
  return ROLE_PHRASE[role];
}

const RIGHT_LABEL: Record<Exclude<AdminRight, 'product-admin'>, string> = {
  'jira-admin': 'Jira administrator (Administer Jira global permission)',
  'confluence-admin': 'Confluence administrator',
};

/** The per-product rights `product-admin` stands for on a site with these products. */
function concreteRights(
  need: AdminRight,
  products: SiteRef['products'],
): ('jira-admin' | 'confluence-admin')[] {
  if (need !== 'product-admin') return [need];
  return products.map((p) => (isJira(p) ? 'jira-admin' : 'confluence-admin'));
}

function holds(access: SiteRights, right: 'jira-admin' | 'confluence-admin'): boolean | undefined {
  return right === 'jira-admin' ? access.jiraAdmin : access.confluenceAdmin;
}

/** Whether the credential administers a product of the site (undefined: could not tell). */
export function administers(
  access: SiteAccess | undefined,
  product: 'jira' | 'confluence',
): boolean | undefined {
  if (!access) return undefined;
  return holds(access, product === 'jira' ? 'jira-admin' : 'confluence-admin');
}

export function rightLabel(right: 'jira-admin' | 'confluence-admin'): string {
  return RIGHT_LABEL[right];
}

/** What a dataset becomes for this credential before anything is read. */
export type AccessJudgement =
  | { kind: 'whole' }
  | { kind: 'forbidden' | 'partial'; reason: string; missing: string };

/**
 * Judges a dataset's declared access against the credential's rights on a site. Only a right known
 * to be missing judges: `product-admin` is missing when every product of the site is (an
 * administrator of one product reads that product's part; the collector notes the rest).
 */
export function judgeAccess(
  declared: DatasetAccess | undefined,
  access: SiteAccess | undefined,
  products: SiteRef['products'],
): AccessJudgement {
  if (!declared || !access) return { kind: 'whole' };
  const rights = concreteRights(declared.needs, products);
  if (rights.length === 0 || !rights.every((r) => holds(access, r) === false)) return { kind: 'whole' };
  const missing = rights.map(rightLabel).join(' or ');
  const who = `the credential is ${describeRole(access.role)} on this site`;
  return declared.without === 'forbidden'
    ? { kind: 'forbidden', reason: `needs ${missing}; ${who}`, missing }
    : { kind: 'partial', reason: `${declared.why} (complete only for ${missing}; ${who})`, missing };
}
