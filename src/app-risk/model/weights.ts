import type { Capability } from './scopes.ts';

// EVERY number of the app risk model, in one table (docs/atlassian/APP-RISK.md, "Proposed
// model"). Tune here, nowhere else: score.ts only reads these. An organization can pass its own
// table to `scoreApp` / `loadGovernance` (e.g. `{ ...RISK_WEIGHTS, bands: { … } }`).
//
//   score = min(100, round((C + E) × T × G))
//   C: the capability of the most dangerous grant, plus extras (PII, further distinct high grants)
//   E: exposure (where data goes, how widely the app is installed)
//   T: trust multiplier (one: the best programme the vendor is in, or the worst distribution)
//   G: governance and hygiene multipliers (all that apply, multiplied)

export interface RiskWeights {
  /** C: points for the most dangerous capability among the granted scopes. */
  capability: Record<Capability, number> & {
    /** Scopes unreadable (unlisted Connect app, Marketplace unavailable): a provisional C, band `unknown`. */
    unreadable: number;
    /** A scope string Palisade does not recognise counts as this much (conservative). */
    unrecognised: number;
    /**
     * A Data Center plugin: no scopes, it runs inside the product's JVM with everything the product
     * can reach (all data, the database, the host's files and network) — admin-equivalent or more.
     * Every plugin has that same access, so at `admin` (90) each one scored 100 and the list could
     * not rank them. Set so that hygiene decides: a current, licensed plugin (installer and egress
     * unknown, as UPM never says) is high ((55 + 15) × 1.15 = 81); one behind its latest compatible
     * version, or with an expired licence, is critical (89).
     */
    inProcess: number;
  };
  capabilityExtras: {
    /** ACCESS_EMAIL_ADDRESSES or `read:*-user`: personal data. */
    personalData: number;
    /** Each further distinct capability at or above `highThreshold` beyond the first… */
    perAdditionalHigh: number;
    /** …up to this much in total. */
    additionalHighCap: number;
    /** A capability worth at least this many points is "high" (WRITE and above). */
    highThreshold: number;
  };
  exposure: {
    /** Connect apps are hosted by the vendor: data always leaves Atlassian. */
    connectVendorHosted: number;
    /** A Forge app with backend egress to non-Atlassian domains. */
    forgeEgress: number;
    /** …when one of them is a wildcard domain. */
    forgeEgressWildcard: number;
    /** Where the data goes is not known (no gateway data for a Forge app). */
    unknownEgress: number;
    /** Runs on Atlassian: no egress. */
    runsOnAtlassian: number;
    /** Installed on more than one site or product. */
    multipleInstallations: number;
    /** Covered by an app access rule block for sensitive spaces or projects (no data source yet). */
    appAccessRuleBlock: number;
  };
  trust: {
    firstParty: number;
    cloudFortifiedAndBugBounty: number;
    /** Bug bounty, or the legacy Cloud Security Participant flag. */
    bugBountyOnly: number;
    noProgramme: number;
    /** Unlisted, private or development-mode app, or unknown vendor. */
    unlistedOrUnknownVendor: number;
    /** The Marketplace could not be asked or did not answer: never a discount. */
    marketplaceUnknown: number;
    /** A security advisory against this app (no data source yet). */
    securityAdvisory: number;
  };
  governance: {
    /** Installed by a non-admin (user-installed). */
    userInstalled: number;
    /** The installer is deactivated, or nobody knows who installed it. */
    installerDeactivatedOrUnknown: number;
    /** Unused for `inactiveDays` while holding a capability of at least `inactiveMinCapability` points. */
    inactiveHighPrivilege: number;
    inactiveDays: number;
    inactiveMinCapability: number;
    /** A pending update that changes permissions, or an expired evaluation licence. */
    pendingPermissionUpdateOrExpiredLicense: number;
    /** A Data Center plugin behind the newest version compatible with its product (missed fixes). */
    outdatedVersion: number;
  };
  /** Marketplace adoption: shown with every score; a multiplier of 1 changes nothing (as APP-RISK.md). */
  adoption: {
    lowInstallsBelow: number;
    lowInstalls: number;
    fewReviewsBelow: number;
    fewReviews: number;
  };
  /** Lower bounds of the bands (score ≥ bound). Below `medium` is low. */
  bands: { critical: number; high: number; medium: number };
}

export const RISK_WEIGHTS: RiskWeights = {
  capability: {
    admin: 90,
    'act-as-user': 80,
    'project-admin': 70,
    delete: 60,
    write: 45,
    read: 35,
    metadata: 10,
    unreadable: 30,
    unrecognised: 30,
    inProcess: 55,
  },
  capabilityExtras: { personalData: 10, perAdditionalHigh: 5, additionalHighCap: 15, highThreshold: 45 },
  exposure: {
    connectVendorHosted: 15,
    forgeEgress: 15,
    forgeEgressWildcard: 20,
    unknownEgress: 15,
    runsOnAtlassian: 0,
    multipleInstallations: 5,
    appAccessRuleBlock: -15,
  },
  trust: {
    firstParty: 0.3,
    cloudFortifiedAndBugBounty: 0.8,
    bugBountyOnly: 0.9,
    noProgramme: 1.0,
    unlistedOrUnknownVendor: 1.3,
    marketplaceUnknown: 1.0,
    securityAdvisory: 1.3,
  },
  governance: {
    userInstalled: 1.2,
    installerDeactivatedOrUnknown: 1.15,
    inactiveHighPrivilege: 1.4,
    inactiveDays: 90,
    inactiveMinCapability: 45,
    pendingPermissionUpdateOrExpiredLicense: 1.1,
    outdatedVersion: 1.1,
  },
  adoption: { lowInstallsBelow: 1000, lowInstalls: 1.0, fewReviewsBelow: 10, fewReviews: 1.0 },
  bands: { critical: 85, high: 60, medium: 30 },
};
