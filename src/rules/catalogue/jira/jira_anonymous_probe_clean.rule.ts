import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass, type RuleOutcome, unknown } from '../../outcome.ts';

// Jira's global permissions; every other key the probe asks about is a project permission, which
// the probe answers site-wide ("held in any project") and then per exposed project.
const GLOBAL_PERMISSIONS = new Set([
  'ADMINISTER',
  'SYSTEM_ADMIN',
  'USER_PICKER',
  'CREATE_SHARED_OBJECTS',
  'BULK_CHANGE',
  'MANAGE_GROUP_FILTER_SUBSCRIPTIONS',
]);

const list = (keys: readonly string[]) => keys.join(', ');

export const rule = defineRule({
  id: 'jira_anonymous_probe_clean',
  title: 'An anonymous visitor cannot browse projects, create issues, comment or browse users',
  area: 'jira',
  severity: 'critical',
  scope: 'site',
  resourceType: 'site',
  requires: ['jira.anonymous-permissions'],
  plan: 'any',
  credential: 'none',
  description:
    'Unauthenticated probe: Palisade calls `GET /rest/api/3/mypermissions` without credentials, which Jira ' +
    'answers for the anonymous user, once for the site (global permissions, and whether each project ' +
    'permission is held in any project) and once per project that may be exposed. Each project where ' +
    'anonymous holds a forbidden permission fails; the site fails when anonymous holds a forbidden global ' +
    'permission (such as Browse users and groups), or a project permission in a project the probe could not ' +
    'name. This is the ground truth of internet exposure, whatever setting caused it.',
  risk:
    'Anything the anonymous user holds is open to the whole internet: browsable projects are indexed by ' +
    'search engines, Create issues and Add comments let anyone inject content and phishing links, and ' +
    'Browse users and groups lets anyone list your staff for phishing and password spraying.',
  remediation: {
    ui: [
      'For each failing project, open Project settings → Permissions and remove every grant to "Anyone on the web" (public); if the project uses a shared scheme, fix the scheme (Settings → Issues → Permission schemes).',
      'For a failing site, open Settings → System → Global permissions and remove "Anyone on the web" from each permission it holds.',
      'Run a new scan: the probe is repeated from outside without credentials.',
    ],
    api: [
      'Find the grants: GET /rest/api/3/permissionscheme?expand=permissions (holder type "anyone").',
      'Delete each: DELETE /rest/api/3/permissionscheme/{schemeId}/permission/{permissionId}.',
      'Global permissions have no public write API: change them in the admin UI.',
    ],
  },
  references: [
    {
      title: 'Prevent or remove public access',
      url: 'https://support.atlassian.com/jira-cloud-administration/docs/prevent-or-remove-public-access/',
    },
    {
      title: 'Jira REST API: get my permissions',
      url: 'https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3'],
    'nist-800-53-r5': ['AC-3', 'AC-14', 'AC-22'],
    'iso-27001-2022': ['A.5.15', 'A.8.3'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  settings: z.object({
    forbiddenPermissions: z
      .array(z.string().regex(/^[A-Z][A-Z0-9_]*$/))
      .min(1)
      .default([
        'BROWSE_PROJECTS',
        'CREATE_ISSUES',
        'ADD_COMMENTS',
        'CREATE_ATTACHMENTS',
        'EDIT_ISSUES',
        'USER_PICKER',
        'CREATE_SHARED_OBJECTS',
        'BULK_CHANGE',
        'ADMINISTER',
      ])
      .describe('Permission keys the anonymous user must not hold.'),
    publicProjects: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Keys of projects meant to be public (an open-source tracker): anonymous may browse them, nothing more.',
      ),
  }),
  evaluate(ctx) {
    const records = ctx.items('jira.anonymous-permissions');
    const forbidden = new Set(ctx.settings.forbiddenPermissions);
    const publicProjects = new Set(ctx.settings.publicProjects);
    const siteRes = { id: ctx.site?.cloudId ?? 'site', name: ctx.site?.name ?? 'site' };
    const outcomes: RuleOutcome[] = [];

    // Per project: what anonymous holds there, minus browsing a declared public project.
    const explained = new Set<string>();
    for (const r of records) {
      if (r.scope !== 'project' || r.projectId === null) continue;
      const key = r.projectKey ?? r.projectId;
      const resource = { type: 'project' as const, id: r.projectId, name: key };
      const isPublic = publicProjects.has(key);
      const bad = r.held.filter((p) => forbidden.has(p) && !(isPublic && p === 'BROWSE_PROJECTS'));
      for (const p of r.held) explained.add(p);
      const evidence = { held: r.held, probed: r.probed, declaredPublic: isPublic };
      if (bad.length > 0) {
        outcomes.push(fail(resource, `Anonymous visitors hold ${list(bad)} in project ${key}.`, evidence));
      } else if (r.held.length > 0) {
        outcomes.push(
          pass(resource, `${key} is declared public: anonymous visitors may only browse it.`, evidence),
        );
      } else {
        outcomes.push(pass(resource, `Anonymous visitors hold nothing in project ${key}.`, evidence));
      }
    }

    const site = records.find((r) => r.scope === 'site');
    if (!site) {
      outcomes.push(unknown({ type: 'site', ...siteRes }, 'The anonymous probe stored no site-wide answer.'));
      return outcomes;
    }
    const heldGlobal = site.held.filter((p) => forbidden.has(p) && GLOBAL_PERMISSIONS.has(p));
    // A project permission held "in some project" that no per-project answer accounts for.
    const unplaced = site.held.filter(
      (p) => forbidden.has(p) && !GLOBAL_PERMISSIONS.has(p) && !explained.has(p),
    );
    const notProbed = [...forbidden].filter((p) => !site.probed.includes(p));
    const refused = site.anonymousRefused === true;
    const evidence = { held: site.held, probed: site.probed, ...(refused ? { anonymousRefused: true } : {}) };
    const problems = [
      ...(heldGlobal.length > 0 ? [`hold ${list(heldGlobal)} site-wide`] : []),
      ...(unplaced.length > 0 ? [`hold ${list(unplaced)} in a project the probe could not name`] : []),
    ];
    if (problems.length > 0) {
      outcomes.push(
        fail({ type: 'site', ...siteRes }, `Anonymous visitors ${problems.join(' and ')}.`, evidence),
      );
    } else if (notProbed.length > 0) {
      outcomes.push(
        unknown(
          { type: 'site', ...siteRes },
          `The anonymous probe did not ask about ${list(notProbed)}, so it cannot tell whether anonymous visitors hold them.`,
          evidence,
        ),
      );
    } else {
      outcomes.push(
        pass(
          { type: 'site', ...siteRes },
          refused
            ? 'The site refuses unauthenticated calls (401 to the anonymous probe): anonymous visitors hold nothing.'
            : 'Anonymous visitors hold no forbidden global permission; any project exposure is reported per project.',
          evidence,
        ),
      );
    }
    return outcomes;
  },
});
