import type { Call, Registrar } from '../http/serve.ts';
import { api } from './jira-render.ts';
import { requireJiraAdmin, viewerOf } from './jira-viewer.ts';

// `GET /rest/api/3/issuesecurityschemes`: schemes with their levels (Administer Jira).
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-security-schemes/

function issueSecuritySchemes(call: Call) {
  const v = viewerOf(call);
  requireJiraAdmin(v);
  return {
    issueSecuritySchemes: v.jira.issueSecuritySchemes.map((s) => {
      const defaultLevel = s.levels.find((l) => l.isDefault);
      return {
        self: api(call, `/issuesecurityschemes/${s.id}`),
        id: s.id,
        name: s.name,
        description: s.description,
        ...(defaultLevel ? { defaultSecurityLevelId: Number(defaultLevel.id) } : {}),
        levels: s.levels.map((l) => ({
          self: api(call, `/securitylevel/${l.id}`),
          id: l.id,
          description: l.description,
          name: l.name,
          isDefault: l.isDefault,
          issueSecuritySchemeId: String(s.id),
        })),
      };
    }),
  };
}

export function jiraIssueSecurityRoutes(r: Registrar): void {
  r.serve('jira.issueSecuritySchemes.list', issueSecuritySchemes);
}
