// Human accounts: staff at the verified domain, a few external and customer accounts, the admins,
// and who gets which product on which site. Product access itself is derived later from groups.
import type { Random } from '../core/random.ts';
import {
  CUSTOMER_DOMAINS,
  DEPARTMENTS,
  EXTERNAL_DOMAINS,
  FIRST_NAMES,
  JOB_TITLES,
  LAST_NAMES,
  TIME_ZONES,
} from './gen-names.ts';
import type { GenSpec } from './gen-spec.ts';
import { accountId, isoDaysAgo, stream } from './gen-util.ts';
import type { Site, User } from './model.ts';

export interface People {
  humans: User[];
  /** Active managed accounts at the verified domain: the pool for admins, leads and owners. */
  staff: User[];
  externals: User[];
  customers: User[];
  orgAdmins: User[];
  /** Per site id. */
  siteAdmins: Map<string, User[]>;
  jiraAdmins: Map<string, User[]>;
  confAdmins: Map<string, User[]>;
  jiraUsers: Map<string, User[]>;
  confUsers: Map<string, User[]>;
  emails: Set<string>;
}

/** A user record with neutral defaults; callers set what matters. */
export function blankUser(fields: Pick<User, 'accountId' | 'name' | 'email'> & Partial<User>): User {
  return {
    accountType: 'atlassian',
    accountStatus: 'active',
    membershipStatus: 'active',
    nickname: fields.name.split(' ')[0] ?? fields.name,
    emailVerified: true,
    claimStatus: 'managed',
    managementSource: 'invited',
    platformRoles: [],
    mfaEnabled: true,
    addedToOrg: new Date(0).toISOString(),
    lastActive: null,
    jobTitle: null,
    department: null,
    timeZone: 'Etc/UTC',
    productAccess: [],
    ...fields,
  };
}

/** `local@domain`, numbered (`ana.silva2@…`) when taken; records it as taken. */
export function uniqueEmail(
  local: string,
  domain: string,
  emails: Set<string>,
  counters?: Map<string, number>,
): string {
  const base = `${local}@${domain}`;
  let n = counters?.get(base) ?? 1;
  let email = n === 1 ? base : `${local}${n}@${domain}`;
  while (emails.has(email)) email = `${local}${++n}@${domain}`;
  counters?.set(base, n);
  emails.add(email);
  return email;
}

type Kind = 'staff' | 'external' | 'customer';

function makeHuman(
  rng: Random,
  spec: GenSpec,
  kind: Kind,
  emails: Set<string>,
  counters: Map<string, number>,
): User {
  const clean = spec.posture === 'clean';
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const domain =
    kind === 'staff'
      ? spec.domain
      : kind === 'external'
        ? rng.pick(EXTERNAL_DOMAINS)
        : rng.pick(CUSTOMER_DOMAINS);
  const email = uniqueEmail(`${first}.${last}`.toLowerCase(), domain, emails, counters);
  const addedDays = Math.floor(rng.next() ** 1.5 * 1500) + 1;
  const roll = rng.next();
  const status: User['accountStatus'] =
    kind === 'customer' ? 'active' : roll < 0.01 ? 'closed' : roll < 0.06 ? 'inactive' : 'active';
  let lastDays: number | null;
  if (status !== 'active') lastDays = rng.chance(0.2) ? null : rng.int(120, 400);
  else if (clean) lastDays = addedDays < 14 && rng.chance(0.3) ? null : rng.next() * 45;
  else {
    const r = rng.next();
    lastDays = r < 0.03 ? null : r < 0.15 ? rng.int(91, 400) : rng.next() * 60;
  }
  if (lastDays !== null) lastDays = Math.min(lastDays, addedDays - 0.1);
  const managed = kind === 'staff' && (clean || !rng.chance(0.02));
  return blankUser({
    accountId: accountId(rng, rng.chance(0.08)),
    accountType: kind === 'customer' ? 'customer' : 'atlassian',
    accountStatus: status,
    membershipStatus: kind === 'customer' ? 'no_membership' : status === 'active' ? 'active' : 'suspended',
    name: `${first} ${last}`,
    nickname: first,
    email,
    emailVerified: clean || rng.chance(0.97),
    claimStatus: managed ? 'managed' : 'unmanaged',
    managementSource: managed ? (spec.scim && rng.chance(0.9) ? 'synced' : 'invited') : null,
    mfaEnabled: kind === 'customer' ? false : clean ? managed : rng.chance(0.7),
    addedToOrg: isoDaysAgo(spec.now, addedDays),
    lastActive: lastDays === null ? null : isoDaysAgo(spec.now, lastDays),
    jobTitle: kind === 'staff' ? rng.pick(JOB_TITLES) : null,
    department: kind === 'staff' ? rng.pick(DEPARTMENTS) : null,
    timeZone: rng.pick(TIME_ZONES),
  });
}

/** Makes an account fit to hold an admin role under the spec's posture (always for the credential). */
function hardenAdmin(rng: Random, spec: GenSpec, user: User, always = false): void {
  if (always || spec.posture === 'clean' || rng.chance(0.85)) {
    user.mfaEnabled = true;
    user.lastActive = isoDaysAgo(spec.now, rng.next() * 5);
    if (Date.parse(user.addedToOrg) > Date.parse(user.lastActive))
      user.addedToOrg = isoDaysAgo(spec.now, 200);
  }
}

const JIRA_SHARE = [0.85, 0.35, 0.2];
const CONF_SHARE = [0.75, 0.3, 0.2];

export function generatePeople(spec: GenSpec, sites: Site[], humanCount: number): People {
  const rng = stream(spec.seed, 'users');
  const clean = spec.posture === 'clean';
  const emails = new Set<string>();
  const counters = new Map<string, number>();
  const humans: User[] = [];
  const staff: User[] = [];
  const externals: User[] = [];
  const customers: User[] = [];
  for (let i = 0; i < humanCount; i++) {
    const r = rng.next();
    const kind: Kind = i < 8 ? 'staff' : r < 0.03 ? 'customer' : !clean && r < 0.08 ? 'external' : 'staff';
    const user = makeHuman(rng, spec, kind, emails, counters);
    humans.push(user);
    if (kind === 'customer') customers.push(user);
    else if (kind === 'external') externals.push(user);
    else if (user.accountStatus === 'active' && user.claimStatus === 'managed') staff.push(user);
  }
  const people: People = {
    humans,
    staff,
    externals,
    customers,
    orgAdmins: [],
    siteAdmins: new Map(),
    jiraAdmins: new Map(),
    confAdmins: new Map(),
    jiraUsers: new Map(),
    confUsers: new Map(),
    emails,
  };
  // Admins come from the front of the staff list (all active and managed); the first is the
  // operator's admin credential.
  let next = 0;
  const takeStaff = (): User => {
    const user = staff[next % staff.length];
    if (!user) throw new Error('the population has no active staff to make admins of');
    hardenAdmin(rng, spec, user, next === 0);
    next++;
    return user;
  };
  for (let i = 0; i < Math.max(1, spec.orgAdmins); i++) {
    const admin = takeStaff();
    admin.platformRoles.push('atlassian/org-admin');
    people.orgAdmins.push(admin);
  }
  const extra = (): number => (clean ? 1 : rng.int(1, 3));
  for (const site of sites) {
    people.siteAdmins.set(site.id, Array.from({ length: extra() }, takeStaff));
    if (site.jira) people.jiraAdmins.set(site.id, Array.from({ length: extra() }, takeStaff));
    if (site.confluence) people.confAdmins.set(site.id, Array.from({ length: extra() }, takeStaff));
  }
  if (!clean && staff.length > 20) {
    const uaa = takeStaff();
    uaa.platformRoles.push('atlassian/user-access-admin');
  }
  const externalSet = new Set(externals);
  const internal = humans.filter((u) => u.accountType === 'atlassian' && !externalSet.has(u));
  sites.forEach((site, index) => {
    const pool = (share: number, admins: User[]): User[] => {
      const members = new Set<User>(admins);
      if (index === 0) for (const u of people.orgAdmins) members.add(u);
      for (const u of internal) if (rng.chance(share)) members.add(u);
      if (index === 0) for (const u of externals) if (rng.chance(0.8)) members.add(u);
      return [...members];
    };
    if (site.jira) {
      const share = JIRA_SHARE[index] ?? 0.15;
      people.jiraUsers.set(site.id, pool(share, people.jiraAdmins.get(site.id) ?? []));
    }
    if (site.confluence) {
      const share = CONF_SHARE[index] ?? 0.15;
      people.confUsers.set(site.id, pool(share, people.confAdmins.get(site.id) ?? []));
    }
  });
  return people;
}
