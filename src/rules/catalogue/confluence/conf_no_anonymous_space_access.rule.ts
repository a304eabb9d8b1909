import { z } from 'zod';
import { defineRule } from '../../define-rule.ts';
import { fail, pass } from '../../outcome.ts';

export const rule = defineRule({
  id: 'conf_no_anonymous_space_access',
  title: 'No space grants any permission to anonymous users',
  area: 'confluence',
  severity: 'critical',
  scope: 'site',
  resourceType: 'space',
  requires: ['confluence.spaces'],
  optional: ['confluence.anonymous'],
  plan: 'any',
  credential: 'site-admin',
  description:
    'Reads every space with its permissions (`GET /wiki/rest/api/space?expand=permissions`) and fails each ' +
    'space with a permission flagged `anonymousAccess`, naming the operations. Spaces declared public in the ' +
    'settings may let anonymous users read, never write. The unauthenticated space listing of the anonymous ' +
    'probe, when read, tells whether the space is readable from the internet right now.',
  risk:
    'An anonymous grant turns an internal space into a public website: search engines index it, anyone can ' +
    'read (or with write grants, deface) it, and anonymous reads cannot be attributed to anyone.',
  remediation: {
    ui: [
      'In the space, open Space settings → Permissions (or Users → Anonymous access on role-based sites).',
      'Clear every permission in the Anonymous section and save.',
      'If the space is meant to be public, keep only View and declare it in this rule’s settings.',
    ],
    api: [
      'List the space’s permissions: GET /wiki/api/v2/spaces/{id}/permissions.',
      'Remove each anonymous grant: DELETE /wiki/rest/api/space/{spaceKey}/permission/{id}.',
    ],
  },
  references: [
    {
      title: 'Assign space permissions',
      url: 'https://support.atlassian.com/confluence-cloud/docs/assign-space-permissions/',
    },
    {
      title: 'Confluence REST API v1: spaces',
      url: 'https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-space/',
    },
  ],
  compliance: {
    'cis-controls-v8': ['3.3'],
    'nist-800-53-r5': ['AC-3', 'AC-14', 'AC-22'],
    'iso-27001-2022': ['A.5.15', 'A.8.3'],
    soc2: ['CC6.1', 'CC6.6'],
  },
  settings: z.object({
    publicSpaces: z
      .array(z.string().min(1))
      .default([])
      .describe('Keys of spaces meant to be public: anonymous users may read them (and only read).'),
  }),
  evaluate(ctx) {
    const publicSpaces = new Set(ctx.settings.publicSpaces.map((k) => k.toUpperCase()));
    // A probe the site refused (401) lists nothing, which says nothing about what browsers can read.
    const probes = ctx.optional('confluence.anonymous');
    const visible = probes?.some((p) => p.anonymousRefused === true)
      ? undefined
      : probes?.flatMap((p) => p.visibleSpaceKeys);
    return ctx.items('confluence.spaces').map((space) => {
      const resource = { id: space.key, name: space.name };
      const granted = [
        ...new Set(
          space.permissions
            .filter((p) => p.subjectType === 'anonymous')
            .map((p) => `${p.operation}/${p.targetType}`),
        ),
      ];
      const readableNow = visible === undefined ? null : visible.includes(space.key);
      const evidence = { anonymousOperations: granted, readableAnonymouslyNow: readableNow };
      if (granted.length === 0)
        return pass(resource, `${space.key} grants nothing to anonymous users.`, evidence);
      const writes = granted.filter((op) => !op.startsWith('read/'));
      if (publicSpaces.has(space.key.toUpperCase()) && writes.length === 0) {
        return pass(
          resource,
          `${space.key} is a declared public space and anonymous users may only read it.`,
          evidence,
        );
      }
      const now =
        readableNow === true
          ? '; an anonymous visitor can read it right now'
          : readableNow === false
            ? '; dormant while anonymous access to the site is off'
            : '';
      const what = publicSpaces.has(space.key.toUpperCase())
        ? `is a declared public space but lets anonymous users ${writes.join(', ')}`
        : `grants ${granted.join(', ')} to anonymous users`;
      return fail(resource, `${space.key} ${what}${now}.`, evidence);
    });
  },
});
