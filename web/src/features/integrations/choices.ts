import type { ConnectionKind } from './kinds.ts';

// What Add can connect. Palo Alto's onboarding lists Bitbucket, Jira Data Center and Confluence
// Data Center as choices of their own beside the cloud products; Atlassian Cloud stays first and
// chosen, so Add works as it always did.

export const CHOICES = [
  {
    value: 'atlassian',
    label: 'Atlassian Cloud',
    description: 'An organization and its Jira and Confluence sites (*.atlassian.net)',
    kind: 'atlassian',
  },
  {
    value: 'bitbucket',
    label: 'Bitbucket Cloud',
    description: 'A workspace on bitbucket.org, with its access token or an admin’s API token',
    kind: 'bitbucket',
  },
  {
    value: 'jira-data-center',
    label: 'Jira Data Center',
    description: 'A self-managed Jira instance, with a system administrator’s personal access token',
    kind: 'data-center',
  },
  {
    value: 'confluence-data-center',
    label: 'Confluence Data Center',
    description: 'A self-managed Confluence instance, with a system administrator’s personal access token',
    kind: 'data-center',
  },
] as const satisfies readonly { value: string; label: string; description: string; kind: ConnectionKind }[];

export type Choice = (typeof CHOICES)[number]['value'];

export function choiceLabel(choice: Choice): string {
  return CHOICES.find((c) => c.value === choice)?.label ?? choice;
}

export function kindOfChoice(choice: Choice): ConnectionKind {
  return CHOICES.find((c) => c.value === choice)?.kind ?? 'atlassian';
}

export function isChoice(value: string): value is Choice {
  return CHOICES.some((c) => c.value === value);
}
