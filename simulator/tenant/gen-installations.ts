// Where each app is installed, by whom, under which licence, and the app's own account.
import type { Random } from '../core/random.ts';
import type { GenSpec } from './gen-spec.ts';
import type { People } from './gen-users.ts';
import { blankUser } from './gen-users.ts';
import { accountId, isoDaysAgo, randomDaysAgo, stream } from './gen-util.ts';
import type { App, Installation, MarketplaceListing, Site, User } from './model.ts';

/** The `accountType: app` user every Connect and Forge app gets on install. */
export function makeAppUser(rng: Random, app: App, addedToOrg: string, lastActive: string | null): User {
  return blankUser({
    accountId: accountId(rng, true),
    accountType: 'app',
    membershipStatus: 'no_membership',
    name: app.name,
    nickname: app.name,
    email: `${app.key}@connect.atlassian.com`.toLowerCase(),
    claimStatus: 'unmanaged',
    managementSource: null,
    mfaEnabled: false,
    addedToOrg,
    lastActive,
    timeZone: 'Etc/UTC',
    appKey: app.key,
  });
}

export type LicenseKind = 'commercial' | 'evaluation' | 'expired-evaluation' | 'expired' | 'free' | 'none';

export function license(kind: LicenseKind): Installation['license'] {
  switch (kind) {
    case 'commercial':
      return { active: true, type: 'COMMERCIAL', evaluation: false };
    case 'evaluation':
      return { active: true, type: 'EVALUATION', evaluation: true };
    case 'expired-evaluation':
      return { active: false, type: 'EVALUATION', evaluation: true };
    case 'expired':
      return { active: false, type: 'COMMERCIAL', evaluation: false };
    case 'free':
      return { active: true, type: 'FREE', evaluation: false };
    case 'none':
      return null;
  }
}

export function defaultLicense(app: App, listing: MarketplaceListing | undefined): LicenseKind {
  if (!app.listed || !listing) return 'none';
  return listing.paymentModel === 'free' ? 'free' : 'commercial';
}

export interface InstallResult {
  installations: Installation[];
  appUsers: User[];
}

export function generateInstallations(
  spec: GenSpec,
  sites: Site[],
  apps: App[],
  listings: MarketplaceListing[],
  people: People,
): InstallResult {
  const rng = stream(spec.seed, 'installations');
  const listingByKey = new Map(listings.map((l) => [l.appKey, l]));
  const installations: Installation[] = [];
  const appUsers: User[] = [];
  for (const app of apps) {
    const candidates = sites.filter((s) => app.products.some((p) => s[p]));
    const chosen = candidates.length > 1 && rng.chance(0.3) ? candidates : [rng.pick(candidates)];
    const appInstalls: Installation[] = [];
    const userInstalled = app.framework !== 'system' && rng.chance(0.15);
    const installedDays = rng.int(2, 900);
    for (const site of chosen) {
      const admins = [...people.orgAdmins, ...(people.siteAdmins.get(site.id) ?? [])];
      const installer =
        app.framework === 'system'
          ? people.orgAdmins[0]
          : userInstalled
            ? rng.pick(people.staff)
            : rng.pick(admins);
      let kind = defaultLicense(app, listingByKey.get(app.key));
      if (kind === 'commercial')
        kind = rng.chance(0.08) ? 'expired-evaluation' : rng.chance(0.1) ? 'evaluation' : kind;
      for (const product of app.products) {
        if (!site[product]) continue;
        appInstalls.push({
          appKey: app.key,
          siteId: site.id,
          product,
          enabled: rng.chance(0.94),
          userInstalled,
          installedAt: isoDaysAgo(spec.now, installedDays - rng.next()),
          installedBy: installer?.accountId ?? '',
          appAccountId: '',
          license: license(kind),
          environment: app.developmentMode ? 'DEVELOPMENT' : 'PRODUCTION',
        });
      }
    }
    const first = appInstalls.map((i) => i.installedAt).sort()[0] ?? spec.now.toISOString();
    const anyEnabled = appInstalls.some((i) => i.enabled);
    const lastActive =
      anyEnabled && rng.chance(0.88)
        ? randomDaysAgo(rng, spec.now, 0, 20)
        : randomDaysAgo(rng, spec.now, 95, 400);
    const appUser = makeAppUser(
      rng,
      app,
      first,
      Date.parse(lastActive) < Date.parse(first) ? first : lastActive,
    );
    for (const installation of appInstalls) installation.appAccountId = appUser.accountId;
    appUsers.push(appUser);
    installations.push(...appInstalls);
  }
  return { installations, appUsers };
}
