import { type Capability, classifyScope } from '../../app-risk/model/scopes.ts';

// What each granted scope lets an app reach, in the words of the risk model's capability scale
// (src/app-risk/model/scopes.ts, docs/atlassian/APP-RISK.md): the same classification the score
// uses, so the detail page and the score never disagree about what a scope means.

const CONNECT_REACH: Readonly<Record<string, string>> = {
  NONE: "no customer data: the app's own metadata only",
  READ: 'reads the content the product holds: issues or pages, comments, attachments',
  WRITE: 'creates and edits that content',
  DELETE: 'deletes that content',
  PROJECT_ADMIN: 'administers projects: their permissions and configuration',
  SPACE_ADMIN: 'administers spaces: their permissions and configuration',
  ADMIN: 'administers the product: its settings, permissions, users and groups',
  ACT_AS_USER: "acts as any user, with that user's access to everything they can see",
  ACCESS_EMAIL_ADDRESSES: "reads people's e-mail addresses",
};

const CAPABILITY_REACH: Readonly<Record<Capability | 'unknown', string>> = {
  metadata: 'reads metadata or configuration, not content',
  read: 'reads content',
  write: 'creates and changes',
  delete: 'deletes',
  'project-admin': 'administers projects or spaces',
  'act-as-user': 'acts as any user',
  admin: 'administers the product',
  unknown: 'a scope Palisade does not recognise (scored as powerful)',
};

export interface ScopeReach {
  scope: string;
  capability: Capability | 'unknown';
  resource: string;
  personalData: boolean;
  reaches: string;
}

export function scopeReach(scope: string): ScopeReach {
  const grant = classifyScope(scope);
  const connect = CONNECT_REACH[scope];
  const base =
    connect ??
    (grant.capability === 'unknown'
      ? CAPABILITY_REACH.unknown
      : `${CAPABILITY_REACH[grant.capability]}: ${grant.resource}`);
  return {
    scope,
    capability: grant.capability,
    resource: grant.resource,
    personalData: grant.pii,
    reaches: grant.pii && !connect ? `${base} (personal data)` : base,
  };
}
