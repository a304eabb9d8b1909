// Scenario files: a generated base (a size preset or explicit counts) plus named records and
// misconfigurations layered on top. Parsed with zod at the edge; every error names the file and
// the path of the offending field, e.g. `demo.yaml: apps[3].scopes[0]: Invalid option: …`.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { misconfigurationSchema } from './gen-misconfig-schema.ts';

const siteName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a site name is a lower-case sub-domain (acme)');
const product = z.enum(['jira', 'confluence']);
const plan = z.enum(['FREE', 'STANDARD', 'PREMIUM', 'ENTERPRISE']);
const daysAgo = z.number().min(0);
const domain = z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'expected a domain name such as acme.example');

const siteSchema = z.strictObject({
  name: siteName,
  title: z.string().min(1).optional(),
  products: z
    .strictObject({ jira: plan.optional(), confluence: plan.optional() })
    .refine((p) => p.jira || p.confluence, 'a site needs jira, confluence or both'),
  /** A sandbox site (the admin API's workspaces mark it `sandbox.type: CHILD`). */
  sandbox: z.boolean().optional(),
  /** Names the site had before a rename: each still answers, with a 301 to the site. */
  formerNames: z.array(siteName).optional(),
});

/** A Jira or Confluence Data Center site, built clean or with the demo's planted problems (tenant/data-center.ts). */
const dataCenterSiteSchema = z.strictObject({
  name: siteName,
  product: z.enum(['jira-data-center', 'confluence-data-center']),
  /** The host it stands for (an operator's own domain, never *.atlassian.net). */
  host: domain,
  posture: z.enum(['clean', 'misconfigured']).default('clean'),
});

const apiTokenSchema = z.strictObject({
  label: z.string().min(1),
  createdDaysAgo: daysAgo.optional(),
  /** null: never used. */
  lastUsedDaysAgo: daysAgo.nullable().optional(),
  revoked: z.boolean().optional(),
});

const access = z.strictObject({ site: siteName, product });

const userSchema = z.strictObject({
  email: z.email(),
  name: z.string().min(1).optional(),
  accountType: z.enum(['atlassian', 'customer']).optional(),
  status: z.enum(['active', 'inactive', 'closed']).optional(),
  managed: z.boolean().optional(),
  orgAdmin: z.boolean().optional(),
  userAccessAdmin: z.boolean().optional(),
  siteAdmin: z.array(siteName).optional(),
  jiraAdmin: z.array(siteName).optional(),
  confluenceAdmin: z.array(siteName).optional(),
  products: z.array(access).optional(),
  groups: z.array(z.string().min(1)).optional(),
  mfa: z.boolean().optional(),
  /** null: never active. */
  lastActiveDaysAgo: daysAgo.nullable().optional(),
  addedDaysAgo: daysAgo.optional(),
  jobTitle: z.string().optional(),
  department: z.string().optional(),
  apiTokens: z.array(apiTokenSchema).optional(),
});

const groupSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'group names are lower-case words joined by - . _'),
  description: z.string().optional(),
  members: z.array(z.email()).optional(),
  grants: z
    .array(z.strictObject({ site: siteName, product, role: z.enum(['user', 'admin', 'site-admin']) }))
    .optional(),
  managedBy: z.enum(['admins', 'external', 'team-members']).optional(),
});

const projectSchema = z.strictObject({
  site: siteName,
  key: z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/, 'a project key is 2-10 upper-case letters or digits'),
  name: z.string().min(1),
  type: z.enum(['software', 'service_desk', 'business']).optional(),
  teamManaged: z.boolean().optional(),
  private: z.boolean().optional(),
  lead: z.email().optional(),
  scheme: z.string().optional(),
  team: z.string().optional(),
});

const spaceSchema = z.strictObject({
  site: siteName,
  key: z.string().regex(/^[A-Z0-9]{1,10}$/, 'a space key is 1-10 upper-case letters or digits'),
  name: z.string().min(1),
  type: z.enum(['global', 'collaboration', 'knowledge_base']).optional(),
  owner: z.email().optional(),
  team: z.string().optional(),
  /** Only `team` (not the product-access group) can read the space. */
  restricted: z.boolean().optional(),
});

const vendorSchema = z.strictObject({
  id: z.int().positive(),
  name: z.string().min(1),
  isAtlassian: z.boolean().optional(),
  topVendor: z.enum(['approved', 'not-requested', 'rejected']).optional(),
  cloudSecurityApproved: z.boolean().optional(),
  homePage: z.url(),
  email: z.email().optional(),
});

const installationSchema = z.strictObject({
  site: siteName,
  product,
  enabled: z.boolean().optional(),
  userInstalled: z.boolean().optional(),
  /** E-mail of the installer (default: the admin credential). */
  installedBy: z.email().optional(),
  installedDaysAgo: daysAgo.optional(),
  license: z.enum(['commercial', 'evaluation', 'expired-evaluation', 'expired', 'free', 'none']).optional(),
  environment: z.enum(['PRODUCTION', 'STAGING', 'DEVELOPMENT']).optional(),
});

const marketplaceSchema = z.strictObject({
  listingId: z.int().positive().optional(),
  cloudFortified: z.enum(['approved', 'rejected', 'not-requested']).optional(),
  bugBounty: z.enum(['approved', 'not-requested']).optional(),
  storesPersonalData: z.boolean().optional(),
  installs: z.int().min(0),
  users: z.int().min(0).optional(),
  downloads: z.int().min(0).optional(),
  stars: z.number().min(0).max(5).optional(),
  reviews: z.int().min(0).optional(),
  lastReleaseDaysAgo: daysAgo.optional(),
  paymentModel: z.enum(['atlassian', 'free', 'vendor']).optional(),
  privacy: z
    .strictObject({
      storesDataOutsideAtlassian: z.boolean(),
      sharesWithThirdParties: z.boolean(),
      dataResidencySupported: z.boolean(),
      diskEncryption: z.boolean(),
      subProcessors: z.array(z.string()).optional(),
    })
    .nullable()
    .optional(),
});

export const CONNECT_SCOPES = [
  'READ',
  'WRITE',
  'DELETE',
  'PROJECT_ADMIN',
  'SPACE_ADMIN',
  'ADMIN',
  'ACT_AS_USER',
  'ACCESS_EMAIL_ADDRESSES',
] as const;

const appCommon = {
  key: z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, 'an app key is letters, digits, dots, dashes'),
  name: z.string().min(1),
  description: z.string().optional(),
  version: z.string().optional(),
  /** A vendor name from `vendors:` (or `Atlassian`) for listed apps; `{ name, url }` for unlisted ones. */
  vendor: z.union([z.string().min(1), z.strictObject({ name: z.string().min(1), url: z.url() })]),
  appId: z.uuid().optional(),
  listed: z.boolean(),
  developmentMode: z.boolean().optional(),
  products: z.array(product).min(1).optional(),
  /** When the app's account was last active (null: never). */
  lastActiveDaysAgo: daysAgo.nullable().optional(),
  installations: z.array(installationSchema).min(1),
  marketplace: marketplaceSchema.optional(),
};

const appSchema = z.discriminatedUnion('framework', [
  z.strictObject({
    framework: z.literal('connect'),
    ...appCommon,
    scopes: z.array(z.enum(CONNECT_SCOPES)),
    baseUrl: z.url().optional(),
  }),
  z.strictObject({
    framework: z.literal('forge'),
    ...appCommon,
    scopes: z.array(z.string().regex(/^[a-z]+:[a-z0-9.:-]+$/, 'a Forge scope looks like read:jira-work')),
    egress: z
      .array(z.string().regex(/^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'an egress entry is a domain'))
      .optional(),
  }),
  z.strictObject({ framework: z.literal('system'), ...appCommon, scopes: z.array(z.string()).optional() }),
]);

export const scenarioSchema = z
  .strictObject({
    name: z.string().min(1),
    description: z.string().min(1),
    seed: z.int().min(0).default(1),
    base: z.strictObject({ size: z.enum(['small', 'large', 'xl']) }).optional(),
    population: z
      .strictObject({
        users: z.int().min(20),
        groups: z.int().min(0),
        projects: z.int().min(0),
        spaces: z.int().min(0),
        apps: z.int().min(0).default(0),
        orgAdmins: z.int().min(1).max(50).optional(),
      })
      .optional(),
    posture: z.enum(['clean', 'realistic']).default('clean'),
    org: z.strictObject({
      name: z.string().min(1),
      domain,
      pendingDomain: domain.nullable().optional(),
      scim: z.boolean().optional(),
    }),
    sites: z.array(siteSchema).min(1),
    credentials: z.strictObject({ admin: z.email().optional(), member: z.email().optional() }).optional(),
    groups: z.array(groupSchema).default([]),
    users: z.array(userSchema).default([]),
    projects: z.array(projectSchema).default([]),
    spaces: z.array(spaceSchema).default([]),
    vendors: z.array(vendorSchema).default([]),
    apps: z.array(appSchema).default([]),
    misconfigurations: z.array(misconfigurationSchema).default([]),
    dataCenter: z.array(dataCenterSiteSchema).default([]),
  })
  .superRefine((s, ctx) => {
    if (Boolean(s.base) === Boolean(s.population)) {
      ctx.addIssue({
        code: 'custom',
        path: ['base'],
        message: 'give exactly one of base: { size } or population: { … }',
      });
    }
  });

export type ScenarioSpec = z.infer<typeof scenarioSchema>;
export type ScenarioApp = ScenarioSpec['apps'][number];
/** A parsed scenario and the file it came from (for error messages). */
export type Scenario = ScenarioSpec & { file: string };

/** `apps[3].scopes[0]` from zod's `['apps', 3, 'scopes', 0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path)
    out += typeof part === 'number' ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || '(root)';
}

export function parseScenario(text: string, file: string): Scenario {
  let data: unknown;
  try {
    data = extname(file) === '.json' ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (error) {
    throw new Error(
      `${file}: not valid ${extname(file) === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    );
  }
  const result = scenarioSchema.safeParse(data);
  if (!result.success) {
    const lines = result.error.issues.slice(0, 10).map((i) => `${file}: ${formatPath(i.path)}: ${i.message}`);
    throw new Error(lines.join('\n'));
  }
  return { ...result.data, file };
}

const SCENARIO_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'scenarios');

/** Loads `simulator/scenarios/<name>.yaml` for a bare name, or the file at a path. */
export function loadScenario(pathOrName: string): Scenario {
  const bare = !/[/\\]/.test(pathOrName) && extname(pathOrName) === '';
  const path = bare ? join(SCENARIO_DIR, `${pathOrName}.yaml`) : resolve(pathOrName);
  if (!existsSync(path)) {
    throw new Error(`scenario ${bare ? `"${pathOrName}"` : 'file'} not found: ${path}`);
  }
  return parseScenario(readFileSync(path, 'utf8'), basename(path));
}
