import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AtlassianApi, CallOptions, SiteRef } from './api.ts';
import { CredentialCanary } from './credential-canary.ts';
import { CredentialRejectedError, ForbiddenError, NetworkError, ServerError } from './errors.ts';

// The canary asks a credential once and remembers the answer: which call it makes for the site
// credential and the org key, and what counts as "still works".

const where = {
  endpointId: 'jira.myself.get',
  method: 'GET',
  url: 'https://acme.atlassian.net/rest/api/3/myself',
};
const JIRA: SiteRef = { cloudId: 'a', url: 'https://acme.atlassian.net', products: ['jira', 'confluence'] };
const WIKI: SiteRef = { cloudId: 'w', url: 'https://wiki.atlassian.net', products: ['confluence'] };

function recordingApi(answer: (endpointId: string) => unknown) {
  const calls: { endpointId: string; options: CallOptions | undefined }[] = [];
  const api: Pick<AtlassianApi, 'call'> = {
    call: async <T>(endpointId: string, options?: CallOptions): Promise<T> => {
      calls.push({ endpointId, options });
      await new Promise((r) => setTimeout(r, 5));
      const result = answer(endpointId);
      if (result instanceof Error) throw result;
      return result as T;
    },
  };
  return { api, calls };
}

test('many 401s cost one canary per credential, concurrent ones included', async () => {
  const { api, calls } = recordingApi(() => ({ accountId: 'x' }));
  const canary = new CredentialCanary({ api, sites: [WIKI, JIRA], orgId: 'org-1' });
  const verdicts = await Promise.all([
    canary.check('site'),
    canary.check('site', WIKI),
    canary.check('org'),
    canary.check('site'),
    canary.check('org'),
  ]);
  assert.ok(verdicts.every((v) => v.works));
  assert.deepEqual(
    calls.map((c) => c.endpointId),
    ['jira.myself.get', 'admin.orgs.get'],
  );
  // The site credential is asked on a Jira site, whichever site the 401 came from.
  assert.equal(calls[0]?.options?.site, JIRA);
  assert.deepEqual(calls[1]?.options?.params, { orgId: 'org-1' });
  assert.equal(verdicts[0]?.via, 'GET /rest/api/3/myself');
  assert.equal(verdicts[2]?.via, 'GET /admin/v1/orgs/org-1');
  assert.equal(canary.calls, 2);
});

test('a 401 from the canary too means the credential is rejected', async () => {
  const { api } = recordingApi(() => new CredentialRejectedError({ ...where, status: 401 }));
  const canary = new CredentialCanary({ api, sites: [JIRA] });
  assert.deepEqual(await canary.check('site'), { works: false, via: 'GET /rest/api/3/myself' });
});

test('a 403 from the canary proves the credential authenticated: it works', async () => {
  const { api } = recordingApi(() => new ForbiddenError({ ...where, status: 403 }, 'no'));
  const canary = new CredentialCanary({ api, sites: [JIRA] });
  assert.equal((await canary.check('site')).works, true);
});

test('a canary that cannot get an answer leaves the rejection standing', async () => {
  for (const error of [
    new NetworkError(where, 'ECONNRESET'),
    new ServerError({ ...where, status: 503 }, 'down'),
    new Error('unexpected'),
  ]) {
    const { api } = recordingApi(() => error);
    const canary = new CredentialCanary({ api, sites: [JIRA] });
    assert.equal((await canary.check('site')).works, false, error.message);
  }
});

test('a Confluence-only connection is asked for one space; an org key without an org id lists its orgs', async () => {
  const { api, calls } = recordingApi(() => ({ results: [] }));
  const canary = new CredentialCanary({ api, sites: [WIKI] });
  const site = await canary.check('site');
  const org = await canary.check('org');
  assert.deepEqual(
    calls.map((c) => [c.endpointId, c.options?.site?.cloudId, c.options?.query]),
    [
      ['confluence.spaces.list', 'w', { limit: 1 }],
      ['admin.orgs.list', undefined, undefined],
    ],
  );
  assert.equal(site.via, 'GET /wiki/api/v2/spaces');
  assert.equal(org.via, 'GET /admin/v1/orgs');
});

test('without any site the site credential cannot be shown to work', async () => {
  const { api, calls } = recordingApi(() => ({}));
  const canary = new CredentialCanary({ api, sites: [] });
  assert.equal((await canary.check('site')).works, false);
  assert.equal(calls.length, 0);
  // The refused call's own site is asked when the connection lists none.
  assert.equal((await new CredentialCanary({ api, sites: [] }).check('site', JIRA)).works, true);
});
