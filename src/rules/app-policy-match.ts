import type { AppRecord } from '../app-risk/model/app.ts';
import type { AppClassification } from '../app-risk/model/classification.ts';
import { type Capability, capabilityRank, topCapability } from '../app-risk/model/scopes.ts';
import type { AppRisk } from '../app-risk/model/score.ts';
import { matchesPattern, type PolicyCondition } from './app-policy.ts';

// Whether an app breaks a policy's condition. Three-valued: a test whose data is missing (scopes
// unreadable, Marketplace unavailable) is `unknown`, and an app the other tests already clear is
// not held back by it; otherwise the verdict is `unknown`, never a pass. The rule engine turns the
// verdicts into results (src/rules/app-policies.ts).

export interface PolicySubject {
  app: AppRecord;
  risk: AppRisk;
  classification?: AppClassification | undefined;
}

export type PolicyVerdict = { value: boolean | 'unknown'; evidence: string[]; why?: string };

const yes = (evidence: string[] = []): PolicyVerdict => ({ value: true, evidence });
const no: PolicyVerdict = { value: false, evidence: [] };
const unknown = (why: string): PolicyVerdict => ({ value: 'unknown', evidence: [], why });

function bool(actual: boolean | 'unknown', expected: boolean, evidence: string, why: string): PolicyVerdict {
  if (actual === 'unknown') return unknown(why);
  return actual === expected ? yes(expected ? [evidence] : []) : no;
}

function bugBounty(app: AppRecord): boolean | 'unknown' {
  const m = app.marketplace;
  if (app.distribution === 'development' || m.status === 'unlisted') return false;
  if (m.status !== 'listed') return 'unknown';
  if (m.isAtlassian) return true;
  return m.bugBounty === true;
}

function trustProgramme(app: AppRecord): boolean | 'unknown' {
  const m = app.marketplace;
  if (app.distribution === 'development' || m.status === 'unlisted') return false;
  if (m.status !== 'listed') return 'unknown';
  return (
    m.isAtlassian === true ||
    m.bugBounty === true ||
    m.cloudFortified === true ||
    m.cloudSecurityParticipant === true
  );
}

function test(name: keyof PolicyCondition, c: PolicyCondition, s: PolicySubject): PolicyVerdict {
  const { app, risk } = s;
  const scopesUnreadable = 'the app’s scopes are not readable';
  const marketplaceUnknown = `the Marketplace did not answer (${app.marketplace.reason ?? 'no answer'})`;
  switch (name) {
    case 'scopesAny': {
      if (!app.scopesReadable) return unknown(scopesUnreadable);
      const hits = app.scopes.filter((scope) => (c.scopesAny ?? []).some((p) => matchesPattern(scope, p)));
      return hits.length > 0 ? yes(hits.map((h) => `scope ${h}`)) : no;
    }
    case 'capabilityAtLeast': {
      // A Data Center plugin has no scopes: it runs in the product with full access, above any level.
      if (app.installations.some((i) => i.scopesSource === 'in-process'))
        return yes(['runs in-process with full access (Data Center plugin)']);
      if (!app.scopesReadable) return unknown(scopesUnreadable);
      const top = topCapability(app.scopes);
      const wanted = c.capabilityAtLeast as Capability;
      return top !== undefined && capabilityRank(top) >= capabilityRank(wanted)
        ? yes([`capability ${top}`])
        : no;
    }
    case 'vendorWithoutBugBounty':
      return bool(
        bugBounty(app) === 'unknown' ? 'unknown' : !bugBounty(app),
        c.vendorWithoutBugBounty as boolean,
        'vendor runs no bug bounty',
        marketplaceUnknown,
      );
    case 'vendorWithoutTrustProgramme': {
      const t = trustProgramme(app);
      return bool(
        t === 'unknown' ? 'unknown' : !t,
        c.vendorWithoutTrustProgramme as boolean,
        'vendor in no security programme',
        marketplaceUnknown,
      );
    }
    case 'vendorIn':
    case 'vendorNotIn': {
      const list = (name === 'vendorIn' ? c.vendorIn : c.vendorNotIn) ?? [];
      const inList = app.vendorName !== null && list.some((p) => matchesPattern(app.vendorName as string, p));
      const holds = name === 'vendorIn' ? inList : !inList;
      return holds ? yes([`vendor ${app.vendorName ?? '(unknown)'}`]) : no;
    }
    case 'frameworkIn':
      return (c.frameworkIn ?? []).includes(app.framework) ? yes([`framework ${app.framework}`]) : no;
    case 'developmentMode':
      return bool(
        app.distribution === 'development',
        c.developmentMode as boolean,
        'development-mode installation',
        '',
      );
    case 'unlisted': {
      const d = app.distribution;
      return bool(
        d === 'unknown' ? 'unknown' : d !== 'marketplace',
        c.unlisted as boolean,
        `distribution ${d}`,
        marketplaceUnknown,
      );
    }
    case 'userInstalled': {
      const kinds = app.installations.map((i) => i.installKind);
      const v = kinds.includes('user') ? true : kinds.every((k) => k === 'admin') ? false : 'unknown';
      return bool(
        v,
        c.userInstalled as boolean,
        'installed by a non-admin',
        'who installed it is not known everywhere',
      );
    }
    case 'egress': {
      const k = app.egress.kind;
      const v = k === 'unknown' ? 'unknown' : k === 'vendor-hosted' || k === 'declared';
      return bool(
        v,
        c.egress as boolean,
        k === 'vendor-hosted' ? 'vendor-hosted (Connect)' : `egress ${app.egress.domains.join(', ')}`,
        'where it sends data is not known',
      );
    }
    case 'egressDomainsAny': {
      if (app.egress.kind === 'unknown') return unknown('where it sends data is not known');
      const hits = app.egress.domains.filter((d) =>
        (c.egressDomainsAny ?? []).some((p) => matchesPattern(d, p)),
      );
      return hits.length > 0 ? yes(hits.map((h) => `egress ${h}`)) : no;
    }
    case 'riskScoreAtLeast':
      if (risk.band === 'unknown' && !risk.override)
        return unknown('the risk band is unknown (scopes unreadable)');
      return risk.score >= (c.riskScoreAtLeast as number) ? yes([`risk score ${risk.score}`]) : no;
    case 'bandIn':
      return (c.bandIn ?? []).includes(risk.band) ? yes([`band ${risk.band}`]) : no;
    case 'classificationIn': {
      const state = s.classification?.state ?? 'unreviewed';
      return (c.classificationIn ?? []).includes(state) ? yes([`classification ${state}`]) : no;
    }
    case 'appKeyIn':
      return (c.appKeyIn ?? []).some((p) => matchesPattern(app.appKey, p)) ? yes() : no;
  }
}

/** Whether the app violates the condition: every test must hold (any false clears it). */
export function matchCondition(condition: PolicyCondition, subject: PolicySubject): PolicyVerdict {
  const names = (Object.keys(condition) as (keyof PolicyCondition)[]).filter(
    (k) => condition[k] !== undefined,
  );
  const verdicts = names.map((n) => test(n, condition, subject));
  if (verdicts.some((v) => v.value === false)) return no;
  const unknowns = verdicts.filter((v) => v.value === 'unknown');
  if (unknowns.length > 0) return unknown(unknowns.map((u) => u.why).join('; '));
  return yes(verdicts.flatMap((v) => v.evidence));
}
