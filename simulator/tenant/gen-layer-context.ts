// What every scenario layer shares: the tenant being edited, lookups by the names a scenario uses
// (e-mail, group name, site name) and `fail`, which names the file and the scenario field.
import type { Random } from '../core/random.ts';
import { AuditWriter } from './gen-audit.ts';
import {
  confAdminsGroup,
  confUsersGroup,
  jiraAdminsGroup,
  jiraUsersGroup,
  siteAdminsGroup,
} from './gen-groups.ts';
import { stream } from './gen-util.ts';
import type { ConfluenceSite, Group, JiraSite, Site, Tenant, User } from './model.ts';

export class ScenarioError extends Error {
  override name = 'ScenarioError';
}

export class LayerContext {
  readonly file: string;
  readonly tenant: Tenant;
  readonly now: Date;
  readonly seed: number;
  readonly writer: AuditWriter;
  readonly usersByEmail: Map<string, User>;
  readonly groupsByName: Map<string, Group>;
  /** E-mails the scenario names: misconfigurations never pick these users at random. */
  readonly named = new Set<string>();
  /** Accounts a misconfiguration already changed, so two toggles do not pick the same person. */
  readonly touched = new Set<string>();

  constructor(file: string, tenant: Tenant, seed: number, now: Date) {
    this.file = file;
    this.tenant = tenant;
    this.seed = seed;
    this.now = now;
    this.writer = new AuditWriter(stream(seed, 'scenario-audit'), tenant, now);
    this.usersByEmail = new Map(tenant.users.map((u) => [u.email.toLowerCase(), u]));
    this.groupsByName = new Map(tenant.groups.map((g) => [g.name, g]));
  }

  rng(label: string): Random {
    return stream(this.seed, `scenario:${label}`);
  }

  fail(path: string, message: string): never {
    throw new ScenarioError(`${this.file}: ${path}: ${message}`);
  }

  site(name: string, path: string): Site {
    const site = this.tenant.sites.find((s) => s.name === name);
    if (!site)
      this.fail(path, `unknown site "${name}" (sites: ${this.tenant.sites.map((s) => s.name).join(', ')})`);
    return site;
  }

  jira(name: string, path: string): { site: Site; jira: JiraSite } {
    const site = this.site(name, path);
    if (!site.jira) this.fail(path, `site "${name}" has no Jira`);
    return { site, jira: site.jira };
  }

  confluence(name: string, path: string): { site: Site; confluence: ConfluenceSite } {
    const site = this.site(name, path);
    if (!site.confluence) this.fail(path, `site "${name}" has no Confluence`);
    return { site, confluence: site.confluence };
  }

  user(email: string, path: string): User {
    const user = this.usersByEmail.get(email.toLowerCase());
    if (!user) this.fail(path, `unknown user e-mail "${email}" (declare it under users:)`);
    return user;
  }

  group(name: string, path: string): Group {
    const group = this.groupsByName.get(name);
    if (!group) this.fail(path, `unknown group "${name}" (declare it under groups:)`);
    return group;
  }

  addUser(user: User): void {
    this.tenant.users.push(user);
    this.usersByEmail.set(user.email.toLowerCase(), user);
    this.writer.know(user);
  }

  addGroup(group: Group): void {
    this.tenant.groups.push(group);
    this.groupsByName.set(group.name, group);
  }

  addMember(group: Group, user: User): void {
    if (!group.memberIds.includes(user.accountId)) group.memberIds.push(user.accountId);
  }

  siteAdminsGroup(site: Site): Group {
    const primary = this.tenant.sites[0] === site;
    return this.group(siteAdminsGroup(site.name, primary), 'sites');
  }

  productGroup(site: Site, product: 'jira' | 'confluence', admin: boolean): Group {
    const name =
      product === 'jira'
        ? admin
          ? jiraAdminsGroup(site.name)
          : jiraUsersGroup(site.name)
        : admin
          ? confAdminsGroup(site.name)
          : confUsersGroup(site.name);
    return this.group(name, 'sites');
  }

  get admin(): User {
    const id = this.tenant.credentials.adminAccountId;
    const admin = this.tenant.users.find((u) => u.accountId === id);
    if (!admin) throw new Error('the tenant has no admin credential');
    return admin;
  }

  /** Active managed staff nobody named and no toggle touched, in a stable random order. */
  staff(label: string, filter: (u: User) => boolean = (u) => u.platformRoles.length === 0): User[] {
    const c = this.tenant.credentials;
    const pool = this.tenant.users.filter(
      (u) =>
        u.accountType === 'atlassian' &&
        u.accountStatus === 'active' &&
        u.claimStatus === 'managed' &&
        u.accountId !== c.adminAccountId &&
        u.accountId !== c.memberAccountId &&
        !this.named.has(u.email.toLowerCase()) &&
        !this.touched.has(u.accountId) &&
        filter(u),
    );
    const rng = this.rng(label);
    const keyed = pool.map((u) => ({ u, k: rng.next() }));
    keyed.sort((a, b) => a.k - b.k);
    return keyed.map((x) => x.u);
  }

  take(label: string, count: number, path: string, filter?: (u: User) => boolean): User[] {
    const chosen = this.staff(label, filter).slice(0, count);
    if (chosen.length < count)
      this.fail(path, `needs ${count} eligible users, the tenant has ${chosen.length}`);
    for (const u of chosen) this.touched.add(u.accountId);
    return chosen;
  }
}
