import type { DatasetRecord } from '../../dataset-catalogue.ts';
import type { RuleResource } from '../../outcome.ts';

// How the deploy (access) key rules name a key: its label and where it was added.

export type DeployKey = DatasetRecord<'bitbucket.deploy-keys'>;

export function deployKeyResource(key: DeployKey): RuleResource {
  const where = key.level === 'project' ? `project ${key.projectKey ?? '?'}` : (key.repository ?? '?');
  return {
    type: 'deploy-key',
    id: `${key.level}:${key.repository ?? key.projectKey ?? ''}#${key.id}`,
    name: `${key.label.trim() || 'Unlabelled key'} (${where})`,
  };
}

export function deployKeyEvidence(key: DeployKey) {
  return {
    level: key.level,
    repository: key.repository,
    projectKey: key.projectKey,
    algorithm: key.algorithm,
    addedOn: key.addedOn,
    lastUsed: key.lastUsed,
  };
}
