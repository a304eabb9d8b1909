// Bitbucket Cloud misconfigurations (see gen-misconfig-schema.ts for the catalogue and check
// ids). Each changes the tenant's workspace in one way a workspace admin could by mistake; the
// rest of the workspace stays clean, so each finding maps to one toggle.

import type { BitbucketRepository, BitbucketWorkspace } from './bitbucket-model.ts';
import { deployKey, variable, webhook } from './gen-bitbucket.ts';
import type { LayerContext } from './gen-layer-context.ts';
import type { Misconfiguration } from './gen-misconfig-schema.ts';

function workspace(ctx: LayerContext, path: string): BitbucketWorkspace {
  const ws = ctx.tenant.bitbucket?.[0];
  if (!ws) ctx.fail(path, 'the tenant has no Bitbucket workspace');
  return ws;
}

function repository(
  ctx: LayerContext,
  ws: BitbucketWorkspace,
  slug: string,
  path: string,
): BitbucketRepository {
  const repo = ws.repositories.find((r) => r.slug === slug);
  if (!repo) {
    ctx.fail(
      path,
      `unknown repository "${slug}" (repositories: ${ws.repositories.map((r) => r.slug).join(', ')})`,
    );
  }
  return repo;
}

/** The restrictions that protect the repository's main branch (by name, or through the branching model). */
function onMainBranch(repo: BitbucketRepository) {
  return (r: BitbucketRepository['branchRestrictions'][number]) =>
    r.branchMatchKind === 'glob' ? r.pattern === repo.mainBranch : r.branchType === 'development';
}

/** Applies a `bitbucket_*` misconfiguration; false for any other kind. */
export function applyBitbucketMisconfiguration(
  ctx: LayerContext,
  m: Misconfiguration,
  path: string,
): boolean {
  const now = ctx.now;
  switch (m.kind) {
    case 'bitbucket_public_repository': {
      const ws = workspace(ctx, path);
      const repo = repository(ctx, ws, m.repository ?? 'web', `${path}.repository`);
      repo.isPrivate = false;
      repo.forkPolicy = 'allow_forks';
      // Private projects cannot hold public repositories: the project was opened first.
      const project = ws.projects.find((p) => p.key === repo.projectKey);
      if (project) project.isPrivate = false;
      ws.isPrivacyEnforced = false;
      return true;
    }
    case 'bitbucket_unprotected_default_branch': {
      const ws = workspace(ctx, path);
      const repo = repository(ctx, ws, m.repository ?? 'billing', `${path}.repository`);
      const protects = onMainBranch(repo);
      repo.branchRestrictions = repo.branchRestrictions.filter((r) => !protects(r));
      return true;
    }
    case 'bitbucket_force_push_allowed': {
      const ws = workspace(ctx, path);
      const repo = repository(ctx, ws, m.repository ?? 'auth', `${path}.repository`);
      const protects = onMainBranch(repo);
      repo.branchRestrictions = repo.branchRestrictions.filter((r) => !(r.kind === 'force' && protects(r)));
      return true;
    }
    case 'bitbucket_old_deploy_key': {
      const ws = workspace(ctx, path);
      const repo = repository(ctx, ws, m.repository ?? 'infra', `${path}.repository`);
      const ids = ws.repositories.flatMap((r) => r.deployKeys.map((k) => k.id));
      const id = Math.max(1000, ...ids) + 1;
      repo.deployKeys.push(
        deployKey(
          ctx.rng(path),
          now,
          id,
          m.label ?? 'jenkins-legacy',
          m.addedDaysAgo ?? 900,
          m.lastUsedDaysAgo ?? null,
        ),
      );
      return true;
    }
    case 'bitbucket_webhook_insecure': {
      const ws = workspace(ctx, path);
      const repo = repository(ctx, ws, m.repository ?? 'data', `${path}.repository`);
      const host = m.host ?? `builds.${ctx.tenant.org.name.toLowerCase()}.example`;
      repo.webhooks.push(
        webhook(ctx.rng(path), now, `http://${host}/notify`, 'Build notifier', ['repo:push'], false),
      );
      return true;
    }
    case 'bitbucket_webhook_unknown_host': {
      const ws = workspace(ctx, path);
      const host = m.host ?? 'webhook.site';
      const rng = ctx.rng(path);
      ws.webhooks.push(
        webhook(rng, now, `https://${host}/${rng.uuid()}`, 'testing', [
          'repo:push',
          'pullrequest:created',
          'repo:created',
        ]),
      );
      return true;
    }
    case 'bitbucket_unsecured_secret_variable': {
      const ws = workspace(ctx, path);
      const repo = repository(ctx, ws, m.repository ?? 'search', `${path}.repository`);
      const rng = ctx.rng(path);
      repo.variables.push(
        variable(rng, m.key ?? 'AWS_SECRET_ACCESS_KEY', `wJalrXUtnFEMI/K7MDENG/${rng.uuid()}`, false),
      );
      return true;
    }
    case 'bitbucket_too_many_admins': {
      const ws = workspace(ctx, path);
      const owners = () => ws.members.filter((x) => x.permission === 'owner').length;
      for (const member of ws.members) {
        if (owners() >= m.total) break;
        if (member.permission !== 'owner' && member.accountId !== ctx.tenant.credentials.memberAccountId) {
          member.permission = 'owner';
        }
      }
      if (owners() < m.total)
        ctx.fail(`${path}.total`, `the workspace has too few members for ${m.total} owners`);
      return true;
    }
    default:
      return false;
  }
}
