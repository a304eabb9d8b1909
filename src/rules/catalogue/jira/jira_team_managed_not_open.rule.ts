import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, notApplicable, pass, type RuleOutcome, unknown } from '../../outcome.ts';

export const rule = defineRule({
  id: 'jira_team_managed_not_open',
  title: 'Team-managed projects are private, not open to everyone with Jira access',
  area: 'jira',
  severity: 'low',
  scope: 'site',
  resourceType: 'project',
  requires: ['jira.projects'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads the projects (`GET /rest/api/3/project/search`) and checks each live team-managed project ' +
    '(`simplified: true`): its `isPrivate` flag is true only when its access is Private; false means Open ' +
    'or Limited, where everyone with access to Jira can see the project and its issues. Archived projects ' +
    'are skipped, and projects the organization declares open on purpose are not applicable.',
  risk:
    'A team-managed project does not use the shared permission schemes: set to Open or Limited, every ' +
    'licensed user (contractors and guests included) can browse its issues, which is rarely intended for ' +
    'HR, security or customer data.',
  remediation: {
    ui: [
      'Open the project, then Project settings → Access.',
      'Under Project access, select Change project access, choose Private and select Change.',
      'Add the people or groups who need the project to its roles.',
    ],
    api: null,
  },
  references: [
    {
      title: 'Manage how people access your team-managed project',
      url: 'https://support.atlassian.com/jira-software-cloud/docs/manage-how-people-access-your-next-gen-project/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3'],
    'nist-800-53-r5': ['AC-3', 'AC-6'],
    'iso-27001-2022': ['A.5.15', 'A.8.3'],
    soc2: ['CC6.1'],
  },
  settings: z.object({
    openProjects: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Keys of team-managed projects meant to be open to every Jira user (a company-wide announcements project).',
      ),
  }),
  evaluate(ctx) {
    const open = new Set(ctx.settings.openProjects);
    return ctx
      .items('jira.projects')
      .filter((p) => p.simplified && !p.archived)
      .map((p): RuleOutcome => {
        const resource = { id: p.id, name: p.key };
        const evidence = { isPrivate: p.isPrivate, declaredOpen: open.has(p.key) };
        if (p.isPrivate === null)
          return unknown(resource, `Jira did not say whether ${p.key} is private.`, evidence);
        if (p.isPrivate) return pass(resource, `${p.key} is private.`, evidence);
        if (open.has(p.key))
          return notApplicable(resource, `${p.key} is declared open on purpose.`, evidence);
        return fail(
          resource,
          `${p.key} (${p.name}) is open or limited: everyone with access to Jira can see its issues.`,
          evidence,
        );
      });
  },
});
