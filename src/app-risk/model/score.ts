import { DATA_CENTER_PRODUCT_NAMES } from '../../inventory/datasets/data-center.ts';
import type { AppInstallation, AppRecord } from './app.ts';
import { type Capability, capabilityRank, classifyScope, type ScopeGrant } from './scopes.ts';
import { RISK_WEIGHTS, type RiskWeights } from './weights.ts';

// The app risk score of docs/atlassian/APP-RISK.md, explained: every factor that moved the
// score (or could not be judged) is listed with its weight, the points it contributed and its
// evidence — the scope strings, egress domains, trust programmes, installers. Pure: the time
// comes from the caller; all numbers come from the weights table.

/** `unknown`: the scopes are unreadable, so the score is provisional. */
export const RISK_BANDS = ['critical', 'high', 'medium', 'low', 'unknown'] as const;
export type RiskBand = (typeof RISK_BANDS)[number];

export type FactorGroup = 'capability' | 'exposure' | 'trust' | 'governance' | 'signal';

export interface RiskFactor {
  /** Stable id, e.g. `capability.act-as-user`, `exposure.forge-egress-wildcard`, `trust.first-party`. */
  id: string;
  group: FactorGroup;
  /**
   * `applied`: counted in the score. `unknown`: the data to judge it is missing (it counted as the
   * neutral or conservative value its weight says). `info`: shown for context, changes nothing.
   */
  status: 'applied' | 'unknown' | 'info';
  weight: { kind: 'points' | 'multiplier'; value: number };
  /** Points this factor added (negative: removed) on the way to the uncapped score, one decimal. */
  contribution: number;
  /** One sentence a reviewer can follow. */
  summary: string;
  evidence: string[];
}

export interface ScoreOverride {
  score: number;
  justification: string;
  actor: string;
  at: string;
}

export interface AppRisk {
  /** 0–100: the override when there is one, else the computed score. */
  score: number;
  band: RiskBand;
  computed: {
    score: number;
    band: RiskBand;
    /** (C + E) × T × G before rounding and the 0–100 clamp. */
    raw: number;
    capability: number;
    exposure: number;
    trust: number;
    governance: number;
  };
  scopesReadable: boolean;
  factors: RiskFactor[];
  override: ScoreOverride | null;
}

export interface ScoreOptions {
  now: Date;
  weights?: RiskWeights;
  override?: ScoreOverride | null | undefined;
  /** Known security advisories against the app (no data source yet; for tests and future feeds). */
  advisories?: readonly string[];
}

export function bandOf(score: number, weights: RiskWeights = RISK_WEIGHTS): Exclude<RiskBand, 'unknown'> {
  if (score >= weights.bands.critical) return 'critical';
  if (score >= weights.bands.high) return 'high';
  if (score >= weights.bands.medium) return 'medium';
  return 'low';
}

const CAPABILITY_LABEL: Record<Capability, string> = {
  admin: 'administers the site or product configuration',
  'act-as-user': 'acts as any user, even when they are offline',
  'project-admin': 'administers projects or spaces',
  delete: 'deletes content',
  write: 'writes content',
  read: 'reads all content it can reach',
  metadata: 'reads metadata or its own data only',
};

const DAY = 86_400_000;
const round1 = (n: number) => Math.round(n * 10) / 10;
const where = (i: AppInstallation) =>
  i.dataCenter
    ? `${DATA_CENTER_PRODUCT_NAMES[i.dataCenter.product]} at ${i.siteName ?? i.siteId}`
    : `${i.product} on site ${i.siteName ?? i.siteId}`;

interface Capabilities {
  points: number;
  factors: RiskFactor[];
}

function capabilityPart(app: AppRecord, w: RiskWeights): Capabilities {
  const inProcess = app.installations.filter((i) => i.scopesSource === 'in-process');
  if (inProcess.length > 0) {
    // No scope narrows a P2 plugin: whatever else the app holds elsewhere, this is the most.
    return {
      points: w.capability.inProcess,
      factors: [
        {
          id: 'capability.in-process',
          group: 'capability',
          status: 'applied',
          weight: { kind: 'points', value: w.capability.inProcess },
          contribution: w.capability.inProcess,
          summary:
            'A Data Center plugin runs inside the product with full access: every project or space, every ' +
            'user, the database and the host it runs on. No scope limits it.',
          evidence: inProcess.map((i) => `${where(i)}: runs inside the product’s JVM with full access`),
        },
      ],
    };
  }
  if (!app.scopesReadable) {
    return {
      points: w.capability.unreadable,
      factors: [
        {
          id: 'capability.unreadable',
          group: 'capability',
          status: 'unknown',
          weight: { kind: 'points', value: w.capability.unreadable },
          contribution: w.capability.unreadable,
          summary:
            'The granted scopes could not be read, so the capability is unknown; a provisional value is used ' +
            'and the band is "unknown".',
          evidence: unreadableReasons(app),
        },
      ],
    };
  }
  const grants = app.scopes.map(classifyScope);
  // The top capability per resource: a higher grant on one resource implies the lower ones.
  const perResource = new Map<
    string,
    { points: number; grants: ScopeGrant[]; capability: Capability | 'unknown' }
  >();
  for (const g of grants) {
    const points = g.capability === 'unknown' ? w.capability.unrecognised : w.capability[g.capability];
    const current = perResource.get(g.resource);
    if (!current || points > current.points)
      perResource.set(g.resource, { points, grants: [g], capability: g.capability });
    else if (points === current.points) current.grants.push(g);
  }
  const ranked = [...perResource.values()].sort(
    (a, b) =>
      b.points - a.points ||
      (a.capability === 'unknown' ? -1 : capabilityRank(a.capability)) -
        (b.capability === 'unknown' ? -1 : capabilityRank(b.capability)),
  );
  const factors: RiskFactor[] = [];
  const top = ranked[0];
  let points = 0;
  if (!top) {
    // Readable and empty: the app asked for nothing.
    factors.push({
      id: 'capability.none',
      group: 'capability',
      status: 'applied',
      weight: { kind: 'points', value: 0 },
      contribution: 0,
      summary: 'The app holds no scopes.',
      evidence: [],
    });
  } else {
    points = top.points;
    factors.push({
      id: `capability.${top.capability === 'unknown' ? 'unrecognised' : top.capability}`,
      group: 'capability',
      status: 'applied',
      weight: { kind: 'points', value: top.points },
      contribution: top.points,
      summary:
        top.capability === 'unknown'
          ? 'Its most powerful scope is not one Palisade recognises; it is scored conservatively.'
          : `Its most powerful grant ${CAPABILITY_LABEL[top.capability]}.`,
      evidence: top.grants.map((g) => g.scope),
    });
    const high = ranked.slice(1).filter((r) => r.points >= w.capabilityExtras.highThreshold);
    if (high.length > 0) {
      const extra = Math.min(
        w.capabilityExtras.additionalHighCap,
        high.length * w.capabilityExtras.perAdditionalHigh,
      );
      points += extra;
      factors.push({
        id: 'capability.additional-high',
        group: 'capability',
        status: 'applied',
        weight: { kind: 'points', value: w.capabilityExtras.perAdditionalHigh },
        contribution: extra,
        summary: `It holds ${high.length} further distinct high capabilit${high.length === 1 ? 'y' : 'ies'}.`,
        evidence: high.flatMap((r) => r.grants.map((g) => g.scope)),
      });
    }
  }
  const pii = grants.filter((g) => g.pii);
  if (pii.length > 0) {
    points += w.capabilityExtras.personalData;
    factors.push({
      id: 'capability.personal-data',
      group: 'capability',
      status: 'applied',
      weight: { kind: 'points', value: w.capabilityExtras.personalData },
      contribution: w.capabilityExtras.personalData,
      summary: 'It can read personal data (e-mail addresses or user profiles).',
      evidence: pii.map((g) => g.scope),
    });
  }
  return { points, factors };
}

function unreadableReasons(app: AppRecord): string[] {
  const reasons = new Set<string>();
  for (const i of app.installations) {
    if (i.framework === 'connect' && i.marketplace.status === 'unlisted')
      reasons.add(
        'unlisted Connect app: its descriptor is served by the vendor and no Atlassian API returns it',
      );
    else if (i.marketplace.reason) reasons.add(i.marketplace.reason);
    else reasons.add(`no scopes source for this ${i.framework} app`);
  }
  return [...reasons];
}

function exposurePart(app: AppRecord, w: RiskWeights): Capabilities {
  const factors: RiskFactor[] = [];
  let points = 0;
  const add = (f: Omit<RiskFactor, 'contribution' | 'group'>) => {
    points += f.weight.value;
    factors.push({ ...f, group: 'exposure', contribution: f.weight.value });
  };
  const outside = app.marketplace.storesDataOutsideAtlassian;
  const privacy = outside === true ? ['Marketplace privacy tab: stores data outside Atlassian'] : [];
  switch (app.egress.kind) {
    case 'vendor-hosted':
      add({
        id: 'exposure.connect-vendor-hosted',
        status: 'applied',
        weight: { kind: 'points', value: w.exposure.connectVendorHosted },
        summary: 'A Connect app runs on the vendor’s servers: the data it reads leaves Atlassian.',
        evidence: ['framework: Connect (remote base URL not exposed by UPM)', ...privacy],
      });
      break;
    case 'declared': {
      const value = app.egress.wildcard ? w.exposure.forgeEgressWildcard : w.exposure.forgeEgress;
      add({
        id: app.egress.wildcard ? 'exposure.forge-egress-wildcard' : 'exposure.forge-egress',
        status: 'applied',
        weight: { kind: 'points', value },
        summary: app.egress.wildcard
          ? 'The Forge app may send data to any host under a wildcard domain.'
          : 'The Forge app may send data to non-Atlassian domains.',
        evidence: [...app.egress.domains, ...privacy],
      });
      break;
    }
    case 'none':
      add({
        id: 'exposure.runs-on-atlassian',
        status: 'applied',
        weight: { kind: 'points', value: w.exposure.runsOnAtlassian },
        summary: 'A Forge app without egress: it runs on Atlassian and data stays there.',
        evidence: ['no egress permissions declared'],
      });
      break;
    case 'unknown':
      add({
        id: 'exposure.unknown-egress',
        status: 'unknown',
        weight: { kind: 'points', value: w.exposure.unknownEgress },
        summary: app.installations.some((i) => i.dataCenter)
          ? 'A Data Center plugin may connect to any host the server can reach, and UPM does not say where ' +
            'it sends data; it is scored as if data leaves the instance.'
          : 'Where this app sends data is not known; it is scored as if it leaves Atlassian.',
        evidence: [`framework: ${app.framework}`],
      });
      break;
  }
  if (app.installations.length > 1) {
    add({
      id: 'exposure.multiple-installations',
      status: 'applied',
      weight: { kind: 'points', value: w.exposure.multipleInstallations },
      summary: `It is installed in ${app.installations.length} places.`,
      evidence: app.installations.map(where),
    });
  }
  return { points, factors };
}

interface Multiplier {
  id: string;
  status: RiskFactor['status'];
  /** The table's weight, shown with the factor. */
  value: number;
  /** Shown but not applied: the data to judge it is missing and the model does not guess. */
  neutral?: boolean;
  summary: string;
  evidence: string[];
}

function trustPart(app: AppRecord, w: RiskWeights, advisories: readonly string[]): Multiplier[] {
  const m = app.marketplace;
  const out: Multiplier[] = [];
  const programmes = [
    ...(m.cloudFortified ? ['Cloud Fortified'] : []),
    ...(m.bugBounty ? ['bug bounty'] : []),
    ...(m.cloudSecurityParticipant ? ['Cloud Security Participant (vendor)'] : []),
    ...(m.topVendor ? ['Top Vendor'] : []),
  ];
  if (app.distribution === 'development') {
    out.push({
      id: 'trust.development-mode',
      status: 'applied',
      value: w.trust.unlistedOrUnknownVendor,
      summary: 'A development-mode (private) app: not reviewed by the Marketplace.',
      evidence: app.installations
        .filter((i) => i.distribution === 'development')
        .map((i) => `${where(i)}: environment ${i.environmentType}`),
    });
  } else if (m.status === 'listed' && m.isAtlassian === true) {
    out.push({
      id: 'trust.first-party',
      status: 'applied',
      value: w.trust.firstParty,
      summary: 'Built by Atlassian (the Marketplace lists the vendor as Atlassian).',
      evidence: [`vendor: ${app.vendorName ?? 'Atlassian'}`, ...programmes],
    });
  } else if (m.status === 'listed') {
    const both = m.cloudFortified === true && m.bugBounty === true;
    const one = m.bugBounty === true || m.cloudSecurityParticipant === true;
    out.push({
      id: both ? 'trust.cloud-fortified-and-bug-bounty' : one ? 'trust.bug-bounty' : 'trust.no-programme',
      status: 'applied',
      value: both ? w.trust.cloudFortifiedAndBugBounty : one ? w.trust.bugBountyOnly : w.trust.noProgramme,
      summary: both
        ? 'The vendor is in Cloud Fortified and runs a bug bounty.'
        : one
          ? 'The vendor runs a bug bounty (or is a Cloud Security Participant).'
          : 'The vendor is in no Marketplace security programme.',
      evidence: programmes.length > 0 ? programmes : [`vendor: ${app.vendorName ?? '(unnamed)'}`],
    });
  } else if (m.status === 'unlisted' || app.vendorName === null) {
    out.push({
      id: 'trust.unlisted-or-unknown-vendor',
      status: 'applied',
      value: w.trust.unlistedOrUnknownVendor,
      summary:
        m.status === 'unlisted'
          ? 'Not listed on the Marketplace (private or unknown app): nobody reviewed it.'
          : 'The vendor is unknown.',
      evidence: [
        m.status === 'unlisted' ? 'Marketplace: no listing for this app key' : 'no vendor name',
        `vendor: ${app.vendorName ?? '(none)'}`,
      ],
    });
  } else {
    out.push({
      id: 'trust.marketplace-unknown',
      status: 'unknown',
      value: w.trust.marketplaceUnknown,
      summary: 'The Marketplace did not answer for this app, so no trust programme is credited.',
      evidence: [
        m.reason ?? 'no Marketplace answer',
        `vendor (as the app reports it): ${app.vendorName ?? '(none)'}`,
      ],
    });
  }
  if (advisories.length > 0) {
    out.push({
      id: 'trust.security-advisory',
      status: 'applied',
      value: w.trust.securityAdvisory,
      summary: 'A security advisory names this app.',
      evidence: [...advisories],
    });
  }
  return out;
}

type ActivityState = 'active' | 'inactive' | 'unknown';

/** Active within `days`, inactive beyond (or disabled for longer), unknown without any signal. */
export function activityState(i: AppInstallation, now: Date, days: number): ActivityState {
  const cutoff = now.getTime() - days * DAY;
  if (i.lastActivity && Date.parse(i.lastActivity.at) >= cutoff) return 'active';
  if (i.disabledSince && Date.parse(i.disabledSince) < cutoff) return 'inactive';
  if (i.lastActivity) return 'inactive';
  return 'unknown';
}

/** Forge scopes the latest Marketplace version declares that the installed version has not been granted. */
export function pendingScopes(i: AppInstallation): string[] {
  const m = i.marketplace;
  if (i.scopesSource !== 'forge-gateway' || m.status !== 'listed' || !m.latestVersion) return [];
  if (m.latestVersion === i.version) return [];
  const granted = new Set(i.scopes);
  return m.declaredScopes.filter((s) => !granted.has(s));
}

function governancePart(app: AppRecord, capabilityPoints: number, w: RiskWeights, now: Date): Multiplier[] {
  const g = w.governance;
  const out: Multiplier[] = [];
  const users = app.installations.filter((i) => i.installKind === 'user');
  if (users.length > 0) {
    out.push({
      id: 'governance.user-installed',
      status: 'applied',
      value: g.userInstalled,
      summary: 'Installed by someone who is not an admin.',
      evidence: users.map(
        (i) =>
          `${where(i)}: ${i.userInstalledFlag ? 'UPM userInstalled' : 'installer is not an admin'}` +
          (i.installer?.name ? ` (${i.installer.name})` : ''),
      ),
    });
  }
  const orphaned = app.installations.filter((i) => i.installer === null || i.installer.active === false);
  if (orphaned.length > 0) {
    out.push({
      id: 'governance.installer-deactivated-or-unknown',
      status: 'applied',
      value: g.installerDeactivatedOrUnknown,
      summary: 'Nobody accountable: the installer is unknown or deactivated.',
      evidence: orphaned.map((i) =>
        i.installer === null
          ? i.dataCenter
            ? `${where(i)}: UPM does not record who installed a plugin`
            : `${where(i)}: no install record in the audit trails`
          : `${where(i)}: installer ${i.installer.name ?? i.installer.accountId} is deactivated`,
      ),
    });
  }
  if (capabilityPoints >= g.inactiveMinCapability) {
    const states = app.installations.map((i) => activityState(i, now, g.inactiveDays));
    const state: ActivityState = states.includes('active')
      ? 'active'
      : states.every((s) => s === 'inactive')
        ? 'inactive'
        : 'unknown';
    if (state === 'inactive') {
      out.push({
        id: 'governance.inactive-high-privilege',
        status: 'applied',
        value: g.inactiveHighPrivilege,
        summary: `Unused for more than ${g.inactiveDays} days while holding high privileges.`,
        evidence: app.installations.map((i) =>
          i.lastActivity
            ? `${where(i)}: last active ${i.lastActivity.at} (${i.lastActivity.source})`
            : `${where(i)}: disabled since ${i.disabledSince}`,
        ),
      });
    } else if (state === 'unknown') {
      out.push({
        id: 'governance.inactive-high-privilege',
        status: 'unknown',
        value: g.inactiveHighPrivilege,
        neutral: true,
        summary: 'Whether it is still used is unknown (no activity record of its account).',
        evidence: app.installations.every((i) => i.dataCenter)
          ? ['a Data Center plugin has no account of its own, and UPM records no use']
          : ['no activity of the app account in org.users or the audit trails'],
      });
    }
  }
  out.push(...outdatedPart(app, g));
  const pending = app.installations.flatMap((i) => pendingScopes(i).map((s) => `${where(i)}: ${s}`));
  const expired = app.installations.filter((i) => i.license.state === 'expired');
  if (pending.length > 0 || expired.length > 0) {
    out.push({
      id: expired.length > 0 ? 'governance.expired-license' : 'governance.pending-permission-update',
      status: 'applied',
      value: g.pendingPermissionUpdateOrExpiredLicense,
      summary:
        expired.length > 0
          ? 'Still installed under an expired licence or evaluation.'
          : 'A pending update asks for more permissions.',
      evidence: [
        ...expired.map((i) =>
          i.dataCenter
            ? `${where(i)}: ${i.license.type ?? 'no'} licence, UPM status ${i.dataCenter.licenseStatus ?? 'none'}` +
              (i.dataCenter.licenseExpiry ? `, expiry ${i.dataCenter.licenseExpiry.slice(0, 10)}` : '')
            : `${where(i)}: licence ${i.license.type ?? ''} expired`.replace('  ', ' '),
        ),
        ...pending.map((p) => `pending scope ${p}`),
      ],
    });
  }
  return out;
}

/** Data Center plugins behind the newest version compatible with their product (UPM's update check). */
function outdatedPart(app: AppRecord, g: RiskWeights['governance']): Multiplier[] {
  const dc = app.installations.filter((i) => i.dataCenter);
  const behind = dc.filter((i) => i.dataCenter?.updateAvailable === true);
  if (behind.length > 0) {
    return [
      {
        id: 'governance.outdated-version',
        status: 'applied',
        value: g.outdatedVersion,
        summary: 'Behind the latest version compatible with the product: it misses the vendor’s fixes.',
        evidence: behind.map(
          (i) =>
            `${where(i)}: runs ${i.version ?? '(version unknown)'}; ${i.dataCenter?.latestCompatibleVersion} is compatible`,
        ),
      },
    ];
  }
  const unchecked = dc.filter((i) => i.dataCenter?.updateAvailable === null);
  if (unchecked.length === 0) return [];
  return [
    {
      id: 'governance.outdated-version',
      status: 'unknown',
      value: g.outdatedVersion,
      neutral: true,
      summary: 'Whether a newer compatible version exists is unknown (UPM’s update check was not read).',
      evidence: unchecked.map((i) => `${where(i)}: runs ${i.version ?? '(version unknown)'}`),
    },
  ];
}

function adoptionPart(app: AppRecord, w: RiskWeights): Multiplier[] {
  const m = app.marketplace;
  if (m.status !== 'listed') return [];
  const out: Multiplier[] = [];
  const a = w.adoption;
  if (m.installs !== null) {
    const low = m.installs < a.lowInstallsBelow;
    out.push({
      id: 'signal.installs',
      status: low && a.lowInstalls !== 1 ? 'applied' : 'info',
      value: low ? a.lowInstalls : 1,
      summary: low ? 'Few organizations use it.' : 'Widely installed.',
      evidence: [`${m.installs} installs`],
    });
  }
  if (m.reviews !== null) {
    const few = m.reviews < a.fewReviewsBelow;
    out.push({
      id: 'signal.reviews',
      status: few && a.fewReviews !== 1 ? 'applied' : 'info',
      value: few ? a.fewReviews : 1,
      summary: few ? 'Few reviews on the Marketplace.' : 'Reviewed on the Marketplace.',
      evidence: [`${m.reviews} reviews${m.stars === null ? '' : `, ${m.stars} stars`}`],
    });
  }
  if (m.topVendor !== null) {
    out.push({
      id: 'signal.top-vendor',
      status: 'info',
      value: 1,
      summary: m.topVendor ? 'A Marketplace Top Vendor.' : 'Not a Marketplace Top Vendor.',
      evidence: [`Top Vendor: ${m.topVendor ? 'approved' : 'no'}`],
    });
  }
  const p = m.privacy;
  const yesNo = (v: boolean | null) => (v === null ? 'not answered' : v ? 'yes' : 'no');
  out.push({
    id: 'signal.privacy-and-security',
    status: 'info',
    value: 1,
    summary: p
      ? 'The vendor’s Privacy & Security answers on the Marketplace.'
      : 'The vendor published no Privacy & Security answers on the Marketplace.',
    evidence: p
      ? [
          `stores data outside Atlassian: ${yesNo(p.storesDataOutsideAtlassian)}`,
          `shares data with third parties: ${yesNo(p.sharesDataWithThirdParties)}`,
          `data residency: ${p.dataResidency ?? 'not answered'}`,
          `disk encryption: ${yesNo(p.diskEncryption)}`,
          ...(p.subProcessors ? [`sub-processors: ${p.subProcessors}`] : []),
        ]
      : ['no Privacy & Security tab'],
  });
  if (m.storesPersonalData !== null) {
    out.push({
      id: 'signal.stores-personal-data',
      status: 'info',
      value: 1,
      summary: m.storesPersonalData
        ? 'The vendor says the app stores personal data.'
        : 'The vendor says the app stores no personal data.',
      evidence: [`storesPersonalData: ${m.storesPersonalData}`],
    });
  }
  return out;
}

/** Scores one app. The factors' contributions add up to `computed.raw`. */
export function scoreApp(app: AppRecord, options: ScoreOptions): AppRisk {
  const w = options.weights ?? RISK_WEIGHTS;
  const capability = capabilityPart(app, w);
  const exposure = exposurePart(app, w);
  const trust = trustPart(app, w, options.advisories ?? []);
  const governance = governancePart(app, capability.points, w, options.now);
  const signals = adoptionPart(app, w);
  let running = capability.points + exposure.points;
  const multiplied: RiskFactor[] = [];
  const apply = (group: FactorGroup, list: Multiplier[]) => {
    let product = 1;
    for (const m of list) {
      const before = running;
      const factor = m.neutral ? 1 : m.value;
      running *= factor;
      product *= factor;
      multiplied.push({
        id: m.id,
        group,
        status: m.status,
        weight: { kind: 'multiplier', value: m.value },
        contribution: round1(running - before),
        summary: m.summary,
        evidence: m.evidence,
      });
    }
    return product;
  };
  const t = apply('trust', trust);
  const g = apply('governance', governance);
  // Adoption signals are multipliers of 1 unless the table says otherwise; they count with G.
  const s = apply('signal', signals);
  const raw = running;
  const score = Math.max(0, Math.min(100, Math.round(raw)));
  const band: RiskBand = app.scopesReadable ? bandOf(score, w) : 'unknown';
  const override = options.override ?? null;
  return {
    score: override ? override.score : score,
    band: override ? bandOf(override.score, w) : band,
    computed: {
      score,
      band,
      raw: round1(raw),
      capability: capability.points,
      exposure: exposure.points,
      trust: Math.round(t * 1000) / 1000,
      governance: Math.round(g * s * 1000) / 1000,
    },
    scopesReadable: app.scopesReadable,
    factors: [...capability.factors, ...exposure.factors, ...multiplied],
    override,
  };
}
