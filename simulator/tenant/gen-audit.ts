// Audit trails: Jira audit records, Confluence audit records and org events. App installs write to
// all three (category `apps`, summary `App installed`, action `ecosystem_app_installed`), so a
// collector can recover who installed what and when, as on a real tenant.
import type { Random } from '../core/random.ts';
import { docIp, GEOS, isoDaysAgo } from './gen-util.ts';
import type { App, Installation, OrgEvent, Site, Tenant, User } from './model.ts';

export class AuditWriter {
  private readonly rng: Random;
  private readonly tenant: Tenant;
  private readonly names: Map<string, string>;
  private readonly now: Date;

  constructor(rng: Random, tenant: Tenant, now: Date) {
    this.rng = rng;
    this.tenant = tenant;
    this.now = now;
    this.names = new Map(tenant.users.map((u) => [u.accountId, u.name]));
  }

  /** Records a user created after the writer was made, so events can name them. */
  know(user: User): void {
    this.names.set(user.accountId, user.name);
  }

  private nameOf(accountId: string): string {
    return this.names.get(accountId) ?? 'Unknown user';
  }

  jira(
    site: Site,
    time: string,
    author: string,
    summary: string,
    category: string,
    object: { id: string; name: string; typeName: string },
    changed: { fieldName: string; changedFrom: string; changedTo: string }[] = [],
    description?: string,
  ): void {
    if (!site.jira) return;
    site.jira.audit.push({
      id: 0,
      summary,
      created: time,
      category,
      eventSource: '',
      authorAccountId: author,
      remoteAddress: docIp(this.rng),
      objectItem: object,
      changedValues: changed,
      ...(description === undefined ? {} : { description }),
    });
  }

  confluence(
    site: Site,
    time: string,
    author: string,
    summary: string,
    category: string,
    object: { name: string; objectType: string },
    changed: { name: string; oldValue: string; newValue: string }[] = [],
    description = '',
  ): void {
    if (!site.confluence) return;
    site.confluence.audit.push({
      authorAccountId: author,
      remoteAddress: docIp(this.rng),
      creationDate: Date.parse(time),
      summary,
      description,
      category,
      sysAdmin: category === 'Apps' || category === 'Permissions',
      affectedObject: object,
      changedValues: changed,
    });
  }

  org(time: string, action: string, actorId: string, context: OrgEvent['context'], site?: Site): void {
    this.tenant.events.push({
      id: this.rng.uuid(),
      time,
      action,
      actor: { id: actorId, name: this.nameOf(actorId) },
      context,
      container: site
        ? [
            {
              id: site.id,
              type: 'sites',
              attributes: { siteName: site.name, siteHostName: `${site.name}.atlassian.net` },
            },
          ]
        : [{ id: this.tenant.org.id, type: 'orgs', attributes: { orgName: this.tenant.org.name } }],
      location: { ip: docIp(this.rng), geo: this.rng.pick(GEOS) },
    });
  }

  userContext(accountId: string): OrgEvent['context'][number] {
    return { id: accountId, type: 'users', attributes: { name: this.nameOf(accountId) } };
  }

  appInstalled(installation: Installation, app: App): void {
    const site = this.tenant.sites.find((s) => s.id === installation.siteId);
    if (!site) return;
    const by = installation.installedBy;
    const at = installation.installedAt;
    const later = new Date(
      Math.min(this.now.getTime(), Date.parse(at) + 3_600_000 * this.rng.int(1, 400)),
    ).toISOString();
    let disabledAt = later;
    if (later < at) disabledAt = at;
    if (installation.product === 'jira') {
      const object = { id: app.key, name: app.name, typeName: 'PLUGIN' };
      this.jira(
        site,
        at,
        by,
        'App installed',
        'apps',
        object,
        [{ fieldName: 'Version', changedFrom: '', changedTo: app.version }],
        `${app.name} ${app.version} was installed`,
      );
      if (!installation.enabled) this.jira(site, disabledAt, by, 'App disabled', 'apps', object);
    } else {
      const object = { name: app.name, objectType: 'Plugin' };
      this.confluence(
        site,
        at,
        by,
        'App installed',
        'Apps',
        object,
        [],
        `${app.name} ${app.version} was installed`,
      );
      if (!installation.enabled) this.confluence(site, disabledAt, by, 'App disabled', 'Apps', object);
    }
    const context = [
      {
        id: app.appId ?? app.key,
        type: 'apps',
        attributes: { name: app.name, key: app.key, product: installation.product },
      },
    ];
    this.org(at, 'ecosystem_app_installed', by, context, site);
  }
}

export interface AuditInputs {
  rng: Random;
  now: Date;
  tenant: Tenant;
  admins: string[];
  scale: number;
}

/** Everyday admin activity on every site and in the org, spread over the last 180 days. */
export function generateAudit(writer: AuditWriter, input: AuditInputs): void {
  const { rng, now, tenant, admins } = input;
  const humans = tenant.users.filter((u) => u.accountType === 'atlassian');
  if (humans.length === 0 || admins.length === 0) return;
  const when = (): string => isoDaysAgo(now, rng.next() * 179);
  const groups = tenant.groups;
  for (const site of tenant.sites) {
    const jira = site.jira;
    for (let i = 0; jira && i < input.scale; i++) {
      const author = rng.pick(admins);
      const user = rng.pick(humans);
      const r = rng.next();
      if (r < 0.35) {
        const group = rng.pick(groups);
        writer.jira(
          site,
          when(),
          author,
          'User added to group',
          'group management',
          { id: user.accountId, name: user.name, typeName: 'USER' },
          [{ fieldName: 'Group', changedFrom: '', changedTo: group.name }],
        );
      } else if (r < 0.5) {
        writer.jira(site, when(), author, 'User created', 'user management', {
          id: user.accountId,
          name: user.name,
          typeName: 'USER',
        });
      } else if (r < 0.7 && jira.permissionSchemes.length > 0) {
        const scheme = rng.pick(jira.permissionSchemes);
        writer.jira(
          site,
          when(),
          author,
          'Permission scheme updated',
          'permissions',
          { id: String(scheme.id), name: scheme.name, typeName: 'PERMISSION_SCHEME' },
          [{ fieldName: 'Permission', changedFrom: '', changedTo: 'Edit Issues: Project Role (Developers)' }],
        );
      } else if (r < 0.85 && jira.projects.length > 0) {
        const project = rng.pick(jira.projects);
        writer.jira(
          site,
          when(),
          author,
          'Project roles changed',
          'projects',
          { id: project.id, name: project.name, typeName: 'PROJECT' },
          [{ fieldName: 'Developers', changedFrom: '', changedTo: user.name }],
        );
      } else {
        writer.jira(site, when(), author, 'Workflow updated', 'workflows', {
          id: String(rng.int(10_000, 10_100)),
          name: 'Software Simplified Workflow',
          typeName: 'WORKFLOW',
        });
      }
    }
    const confluence = site.confluence;
    for (let i = 0; confluence && i < input.scale; i++) {
      const author = rng.pick(admins);
      const user = rng.pick(humans);
      const r = rng.next();
      if (r < 0.4) {
        const group = rng.pick(groups);
        writer.confluence(
          site,
          when(),
          author,
          'User added to group',
          'Users and groups',
          { name: user.name, objectType: 'User' },
          [{ name: 'Group', oldValue: '', newValue: group.name }],
        );
      } else if (r < 0.75 && confluence.spaces.length > 0) {
        const space = rng.pick(confluence.spaces);
        writer.confluence(
          site,
          when(),
          author,
          'Space permission added',
          'Permissions',
          { name: space.name, objectType: 'Space' },
          [{ name: 'Permission', oldValue: '', newValue: `Add page: ${user.name}` }],
        );
      } else if (confluence.spaces.length > 0) {
        const space = rng.pick(confluence.spaces);
        writer.confluence(site, when(), author, 'Space created', 'Spaces', {
          name: space.name,
          objectType: 'Space',
        });
      }
    }
  }
  const orgCount = input.scale * 2;
  for (let i = 0; i < orgCount; i++) {
    const actor = rng.pick(admins);
    const user = rng.pick(humans);
    const r = rng.next();
    const group = rng.pick(groups);
    const groupContext = { id: group.id, type: 'groups', attributes: { name: group.name } };
    if (r < 0.35)
      writer.org(when(), 'user_added_to_group', actor, [writer.userContext(user.accountId), groupContext]);
    else if (r < 0.45)
      writer.org(when(), 'user_removed_from_group', actor, [
        writer.userContext(user.accountId),
        groupContext,
      ]);
    else if (r < 0.55)
      writer.org(when(), 'user_granted_role', actor, [
        { ...writer.userContext(user.accountId), attributes: { name: user.name, role: 'atlassian/user' } },
      ]);
    else if (r < 0.7)
      writer.org(when(), 'api_token_created', user.accountId, [writer.userContext(user.accountId)]);
    else if (r < 0.8) writer.org(when(), 'user_invited', actor, [writer.userContext(user.accountId)]);
    else if (r < 0.87) writer.org(when(), 'group_created', actor, [groupContext]);
    else if (r < 0.93 && tenant.policies.length > 0) {
      const policy = rng.pick(tenant.policies);
      writer.org(when(), 'policy_updated', actor, [
        { id: policy.id, type: 'policies', attributes: { name: policy.name, type: policy.type } },
      ]);
    } else writer.org(when(), 'user_deactivated', actor, [writer.userContext(user.accountId)]);
  }
}
