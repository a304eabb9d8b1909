// The Bitbucket Cloud workspace of a generated tenant: one per org, its slug the main site's name,
// its size proportional to the tenant's (a repository per four Jira projects, at least eight).
// `clean`: every repository private with forks kept private, its main branch protected (push
// restricted, no force pushes, no deletion, two approvals, a passing build, approvals reset when
// the pull request changes, merge checks enforced), deploy keys used and added within the
// rotation window (days before the tenant's clock, never a fixed date), signed HTTPS webhooks to
// the org's own hosts and Slack, every secret-like variable secured, three owners. `realistic`
// adds the odd public repository, unprotected branch, old key, plain-HTTP webhook and unsecured
// secret at low rates. Scenario misconfigurations (gen-misconfig-bitbucket.ts) plant the demo's on
// top of a clean workspace.

import type { Random } from '../core/random.ts';
import type {
  BitbucketBranchRestriction,
  BitbucketDeployKey,
  BitbucketMember,
  BitbucketProject,
  BitbucketRepository,
  BitbucketVariable,
  BitbucketWebhook,
  BitbucketWorkspace,
} from './bitbucket-model.ts';
import type { Posture } from './gen-spec.ts';
import { isoDaysAgo, randomDaysAgo, stream } from './gen-util.ts';
import type { Tenant, User } from './model.ts';

export interface BitbucketSpec {
  rng: Random;
  now: Date;
  posture: Posture;
  slug: string;
  name: string;
  /** The org's verified domain: clean webhooks deliver to hosts under it. */
  domain: string;
  repositories: number;
  /** Owners first (the admin credential among them), then the other members. */
  owners: readonly User[];
  members: readonly User[];
}

/** What a scanner's workspace access token needs to read every dataset (read-only scopes). */
export const SCANNER_TOKEN_SCOPES = [
  'account',
  'project',
  'project:admin',
  'repository',
  'repository:admin',
  'webhook',
  'pipeline',
] as const;

const REPO_WORDS = [
  'api',
  'web',
  'billing',
  'auth',
  'search',
  'mobile',
  'infra',
  'data',
  'payments',
  'gateway',
  'notifications',
  'reporting',
  'design-system',
  'ops-scripts',
  'ledger',
  'catalog',
] as const;
const LANGUAGES = ['typescript', 'java', 'go', 'python', 'kotlin', 'terraform'] as const;

/**
 * The age limit of an access key (bb_keys_rotated's default, 180 days), less a margin so that a
 * tenant a served demo keeps for weeks still has its clean keys inside it.
 */
const FRESH_KEY_MAX_DAYS = 120;

/** `{8-4-4-4-12}`: Bitbucket writes uuids in braces. */
export const braced = (rng: Random): string => `{${rng.uuid()}}`;

function publicKey(rng: Random, label: string): string {
  const bytes = Array.from({ length: 32 }, () => rng.int(0, 255));
  const body = Buffer.from([0, 0, 0, 11, ...Buffer.from('ssh-ed25519'), 0, 0, 0, 32, ...bytes]);
  return `ssh-ed25519 ${body.toString('base64')} ${label}`;
}

export function deployKey(
  rng: Random,
  now: Date,
  id: number,
  label: string,
  addedDaysAgo: number,
  lastUsedDaysAgo: number | null,
): BitbucketDeployKey {
  return {
    id,
    label,
    key: publicKey(rng, label),
    addedOn: isoDaysAgo(now, addedDaysAgo),
    lastUsed: lastUsedDaysAgo === null ? null : isoDaysAgo(now, lastUsedDaysAgo),
  };
}

export function webhook(
  rng: Random,
  now: Date,
  url: string,
  description: string,
  events: string[],
  secretSet = true,
): BitbucketWebhook {
  return {
    uuid: braced(rng),
    url,
    description,
    active: true,
    events,
    secretSet,
    skipCertVerification: false,
    createdAt: randomDaysAgo(rng, now, 20, 400),
  };
}

export function variable(rng: Random, key: string, value: string, secured: boolean): BitbucketVariable {
  return { uuid: braced(rng), key, value: secured ? '' : value, secured };
}

/**
 * The main branch's protection: who may push, no history rewrite, no deletion, reviewed and built
 * merges whose approvals are reset when the pull request changes, the merge checks enforced.
 */
export function mainBranchProtection(
  nextId: () => number,
  branchMatchKind: 'glob' | 'branching_model',
  mainBranch: string,
): BitbucketBranchRestriction[] {
  const target =
    branchMatchKind === 'glob'
      ? { branchMatchKind, pattern: mainBranch, branchType: null }
      : { branchMatchKind, pattern: '', branchType: 'development' };
  const r = (
    kind: string,
    value: number | null = null,
    groups: string[] = [],
  ): BitbucketBranchRestriction => ({
    id: nextId(),
    kind,
    ...target,
    value,
    users: [],
    groups,
  });
  return [
    r('push', null, ['release-managers']),
    r('force'),
    r('delete'),
    r('require_approvals_to_merge', 2),
    r('require_passing_builds_to_merge', 1),
    r('reset_pullrequest_approvals_on_change'),
    // Merge checks that block the merge, not only warn (Premium: bb_merge_checks_enforced's requireEnforcement).
    r('enforce_merge_checks'),
  ];
}

function repository(
  spec: BitbucketSpec,
  index: number,
  slug: string,
  project: BitbucketProject,
  nextId: () => number,
): BitbucketRepository {
  const { rng, now, posture } = spec;
  const messy = posture === 'realistic';
  const mainBranch = rng.chance(0.8) ? 'main' : 'master';
  // Every third repository protects its main branch through the branching model's type.
  const matchKind = index % 3 === 2 ? 'branching_model' : 'glob';
  let restrictions = mainBranchProtection(nextId, matchKind, mainBranch);
  const mess = messy ? rng.next() : 1;
  if (mess < 0.1) restrictions = [];
  else if (mess < 0.2) restrictions = restrictions.filter((r) => r.kind !== 'force');
  // A feature-branch rule beside the main branch's: it applies elsewhere.
  restrictions.push({
    id: nextId(),
    kind: 'delete',
    branchMatchKind: 'glob',
    pattern: 'release/*',
    branchType: null,
    value: null,
    users: [],
    groups: [],
  });
  const keys: BitbucketDeployKey[] = [];
  if (index % 3 === 0) {
    const old = messy && rng.chance(0.2);
    keys.push(
      deployKey(
        rng,
        now,
        nextId(),
        `${slug}-ci`,
        old ? rng.int(400, 1200) : rng.int(20, FRESH_KEY_MAX_DAYS),
        old ? null : rng.int(0, 10),
      ),
    );
  }
  const hooks = [
    webhook(rng, now, `https://ci.${spec.domain}/hooks/bitbucket/${slug}`, 'CI builds', [
      'repo:push',
      'pullrequest:created',
      'pullrequest:updated',
    ]),
  ];
  if (messy && rng.chance(0.05)) {
    hooks.push(
      webhook(rng, now, `http://builds.${spec.domain}/notify`, 'Legacy build notifier', ['repo:push'], false),
    );
  }
  const variables = [
    variable(rng, 'NODE_ENV', 'production', false),
    variable(rng, 'SENTRY_DSN_TOKEN', 'secured', true),
  ];
  if (messy && rng.chance(0.05)) variables.push(variable(rng, 'NPM_TOKEN', 'npm_AbCdEf0123456789', false));
  const environments =
    index % 2 === 0
      ? [
          {
            uuid: braced(rng),
            name: 'Staging',
            type: 'Staging',
            variables: [variable(rng, 'DEPLOY_HOST', `staging.${spec.domain}`, false)],
          },
          {
            uuid: braced(rng),
            name: 'Production',
            type: 'Production',
            variables: [
              variable(rng, 'DEPLOY_HOST', `app.${spec.domain}`, false),
              variable(rng, 'AWS_SECRET_ACCESS_KEY', 'secured', true),
            ],
          },
        ]
      : [];
  const isPublic = messy && rng.chance(0.05);
  const createdOn = randomDaysAgo(rng, now, 200, 1500);
  return {
    uuid: braced(rng),
    slug,
    name: slug,
    projectKey: project.key,
    isPrivate: !isPublic,
    forkPolicy: isPublic || (messy && rng.chance(0.1)) ? 'allow_forks' : 'no_public_forks',
    mainBranch,
    parent: null,
    language: rng.pick(LANGUAGES),
    createdOn,
    updatedOn: randomDaysAgo(rng, now, 0, 60),
    branchRestrictions: restrictions,
    branchingModel: { development: null, production: null, productionEnabled: false },
    deployKeys: keys,
    webhooks: hooks,
    variables,
    environments,
  };
}

export function generateBitbucket(spec: BitbucketSpec): BitbucketWorkspace {
  const { rng, now } = spec;
  let id = 1;
  const nextId = () => id++;
  const projectCount = Math.max(2, Math.ceil(spec.repositories / 6));
  const projects: BitbucketProject[] = Array.from({ length: projectCount }, (_, i) => ({
    uuid: braced(rng),
    key: i === 0 ? 'CORE' : `P${String(i).padStart(2, '0')}`,
    name: i === 0 ? 'Core platform' : `Product ${i}`,
    description: '',
    isPrivate: true,
    createdOn: randomDaysAgo(rng, now, 800, 1500),
    updatedOn: randomDaysAgo(rng, now, 0, 200),
    deployKeys: [],
  }));
  const core = projects[0] as BitbucketProject;
  core.deployKeys.push(
    deployKey(rng, now, nextId(), 'backup-mirror', rng.int(30, FRESH_KEY_MAX_DAYS), rng.int(0, 3)),
  );
  const slugs = new Set<string>();
  const repositories = Array.from({ length: spec.repositories }, (_, i) => {
    const word = REPO_WORDS[i % REPO_WORDS.length] as string;
    const round = Math.floor(i / REPO_WORDS.length);
    const slug = round === 0 ? word : `${word}-${round + 1}`;
    slugs.add(slug);
    return repository(spec, i, slug, projects[i % projects.length] as BitbucketProject, nextId);
  });
  const member = (u: User, permission: BitbucketMember['permission']): BitbucketMember => ({
    accountId: u.accountId,
    uuid: braced(rng),
    permission,
    addedOn: randomDaysAgo(rng, now, 100, 1200),
    lastAccessed: randomDaysAgo(rng, now, 0, 20),
  });
  const seen = new Set<string>();
  const members: BitbucketMember[] = [];
  for (const u of spec.owners)
    if (!seen.has(u.accountId) && seen.add(u.accountId)) members.push(member(u, 'owner'));
  for (const u of spec.members)
    if (!seen.has(u.accountId) && seen.add(u.accountId)) members.push(member(u, 'member'));
  return {
    uuid: braced(rng),
    slug: spec.slug,
    name: spec.name,
    isPrivate: true,
    isPrivacyEnforced: spec.posture === 'clean',
    forkingMode: 'internal_only',
    createdOn: isoDaysAgo(now, 1500),
    updatedOn: randomDaysAgo(rng, now, 0, 30),
    members,
    projects,
    repositories,
    webhooks: [
      webhook(rng, now, 'https://hooks.slack.com/services/T0ACME/B0BUILD/wsEvents', 'Slack: #eng-activity', [
        'repo:created',
        'repo:deleted',
        'project:updated',
      ]),
    ],
    variables: [
      variable(rng, 'REGISTRY_URL', `registry.${spec.domain}`, false),
      variable(rng, 'SONAR_TOKEN', 'secured', true),
    ],
    accessTokens: [
      {
        id: rng.uuid(),
        name: 'palisade-scanner',
        secret: `ATCTT3xFfGN0${rng.uuid().replace(/-/g, '')}`,
        scopes: [...SCANNER_TOKEN_SCOPES],
        createdOn: randomDaysAgo(rng, now, 1, 30),
      },
    ],
  };
}

/**
 * The operator's credentials reach the workspace: the admin credential's user is an owner, the
 * member credential's a plain member (a scenario may name other users than the generator did).
 */
export function ensureCredentialMembers(tenant: Tenant): void {
  const { adminAccountId, memberAccountId } = tenant.credentials;
  for (const ws of tenant.bitbucket ?? []) {
    const rng = stream(tenant.builtAt.length + ws.members.length, `bitbucket-credentials:${ws.slug}`);
    const now = new Date(tenant.builtAt);
    for (const [accountId, permission] of [
      [adminAccountId, 'owner'],
      [memberAccountId, 'member'],
    ] as const) {
      if (!accountId) continue;
      const found = ws.members.find((m) => m.accountId === accountId);
      if (found) found.permission = permission;
      else {
        ws.members.unshift({
          accountId,
          uuid: braced(rng),
          permission,
          addedOn: isoDaysAgo(now, 400),
          lastAccessed: isoDaysAgo(now, 1),
        });
      }
    }
  }
}
