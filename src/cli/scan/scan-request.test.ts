import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readCliEnv as readEnv } from '../cli-env.ts';
import { CliError } from '../cli-error.ts';
import { createSecrets } from '../secrets.ts';
import { parseGates, resolveScanRequest } from './scan-request.ts';

const site = 'https://acme.atlassian.net';

function fails(fn: () => unknown, code: string, pattern: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof CliError);
    assert.equal(e.code, code);
    assert.match(e.message, pattern);
    return true;
  });
}

test('a flag wins over its environment variable, and the variable fills in what no flag gives', () => {
  const env = readEnv({
    PALISADE_SITES: 'https://other.atlassian.net',
    PALISADE_EMAIL: 'env@acme.com',
    PALISADE_API_TOKEN: 'env-token-123456',
    PALISADE_FAIL_ON: 'medium',
    PALISADE_ALLOW_HOSTS: '127.0.0.1:4000',
  });
  const request = resolveScanRequest(
    {
      site: [`${site}/jira/your-work`],
      email: 'flag@acme.com',
      failOn: 'high',
      allowHost: ['Sim.Local:5000'],
    },
    env,
    createSecrets(),
  );
  assert.deepEqual(request.target.sites, [site]);
  assert.deepEqual(request.target.siteCredential, { email: 'flag@acme.com', apiToken: 'env-token-123456' });
  assert.equal(request.gates.failOn, 'high');
  assert.deepEqual(request.target.allowHosts, ['127.0.0.1:4000', 'sim.local:5000']);
  assert.equal(request.target.baseUrls.api, 'https://api.atlassian.com');
  assert.equal(request.target.baseUrls.marketplace, 'https://marketplace.atlassian.com');
  assert.equal(request.db, undefined);
});

test('reports default to JSON and HTML under ./reports; --output takes one format, told by its extension', () => {
  const secrets = createSecrets();
  const base = { site: [site], email: 'a@acme.com', apiToken: 'token-123456' };
  const env = readEnv({});
  assert.deepEqual(resolveScanRequest(base, env, secrets).reports, {
    formats: ['json', 'html'],
    outputDir: 'reports',
    output: undefined,
  });
  assert.deepEqual(resolveScanRequest({ ...base, output: 'out/x.sarif' }, env, secrets).reports.formats, [
    'sarif',
  ]);
  assert.deepEqual(resolveScanRequest({ ...base, format: ['sarif,csv'] }, env, secrets).reports.formats, [
    'sarif',
    'csv',
  ]);
  fails(
    () => resolveScanRequest({ ...base, output: 'x.json', format: ['json', 'csv'] }, env, secrets),
    'usage',
    /--output writes one file, so it takes one --format/,
  );
  fails(
    () => resolveScanRequest({ ...base, output: 'report.txt' }, env, secrets),
    'usage',
    /cannot tell the format/,
  );
});

test('missing or half-given credentials are refused naming the flags and variables', () => {
  const env = readEnv({});
  const secrets = createSecrets();
  fails(() => resolveScanRequest({}, env, secrets), 'usage', /nothing to scan — pass --site/);
  fails(
    () => resolveScanRequest({ site: [site], email: 'a@acme.com' }, env, secrets),
    'missing_credentials',
    /missing --api-token \(or PALISADE_EMAIL \/ PALISADE_API_TOKEN\)/,
  );
  fails(
    () =>
      resolveScanRequest(
        { site: [site], email: 'a@acme.com', apiToken: 't-123456', orgId: 'o' },
        env,
        secrets,
      ),
    'missing_credentials',
    /--org-id needs an org API key/,
  );
});

test('an org API key alone is a scan of the org-level checks', () => {
  const request = resolveScanRequest({ orgApiKey: 'org-key-123456' }, readEnv({}), createSecrets());
  assert.deepEqual(request.target.sites, []);
  assert.deepEqual(request.target.org, { id: undefined, apiKey: 'org-key-123456' });
});

test('bad URLs, hosts and severities are refused before anything is read', () => {
  const env = readEnv({});
  const secrets = createSecrets();
  const base = { email: 'a@acme.com', apiToken: 'token-123456' };
  fails(
    () => resolveScanRequest({ ...base, site: ['acme'] }, env, secrets),
    'invalid_url',
    /--site "acme" is not a valid URL/,
  );
  fails(
    () => resolveScanRequest({ ...base, site: ['ftp://acme.atlassian.net'] }, env, secrets),
    'invalid_url',
    /not an http\(s\) URL/,
  );
  fails(
    () => resolveScanRequest({ ...base, site: ['https://me:secret@acme.atlassian.net'] }, env, secrets),
    'invalid_url',
    /must not carry a user name or password/,
  );
  fails(
    () => resolveScanRequest({ ...base, site: [site], allowHost: ['http://x'] }, env, secrets),
    'invalid_input',
    /--allow-host "http:\/\/x" is not a host or host:port/,
  );
  fails(
    () => resolveScanRequest({ ...base, site: [site], failOn: 'urgent' }, env, secrets),
    'usage',
    /use one of critical, high/,
  );
});

test('every credential read is registered with the scrubber before anything can fail', () => {
  const secrets = createSecrets();
  try {
    resolveScanRequest(
      { site: ['not a url'], email: 'a@acme.com', apiToken: 'secret-token-1', orgApiKey: 'org-key-xyz' },
      readEnv({}),
      secrets,
    );
  } catch {
    // the URL is refused; the credentials were registered first
  }
  assert.equal(secrets.scrub('secret-token-1 and org-key-xyz'), '*** and ***');
});

test('--fail-on-unknown and --min-coverage come from their flags or environment twins, and bad values are refused', () => {
  const env = readEnv({ PALISADE_FAIL_ON_UNKNOWN: 'critical', PALISADE_MIN_COVERAGE: '90' });
  assert.deepEqual(parseGates({}, env), { failOn: undefined, failOnUnknown: 'critical', minCoverage: 90 });
  assert.deepEqual(parseGates({ failOnUnknown: 'HIGH', minCoverage: '75%' }, env), {
    failOn: undefined,
    failOnUnknown: 'high',
    minCoverage: 75,
  });
  assert.throws(
    () => parseGates({ failOnUnknown: 'urgent' }, env),
    /--fail-on-unknown "urgent" is not a severity/,
  );
  assert.throws(() => parseGates({ minCoverage: '120' }, env), /--min-coverage "120" is not a percentage/);
  assert.throws(
    () => readEnv({ PALISADE_MIN_COVERAGE: 'most' }),
    /the environment variable PALISADE_MIN_COVERAGE must be a number from 0 to 100/,
  );
});

test('--bitbucket-workspace scans a Bitbucket workspace with its access token, or else an admin e-mail and API token', () => {
  const secrets = createSecrets();
  const byToken = resolveScanRequest(
    { bitbucketWorkspace: 'acme' },
    readEnv({
      PALISADE_BITBUCKET_TOKEN: 'ATCTT3xWorkspaceToken',
      PALISADE_BITBUCKET_API_URL: 'http://127.0.0.1:4100',
    }),
    secrets,
  );
  assert.deepEqual(byToken.target.bitbucket, {
    workspace: 'acme',
    credential: { kind: 'access-token', token: 'ATCTT3xWorkspaceToken' },
  });
  assert.equal(byToken.target.baseUrls.bitbucket, 'http://127.0.0.1:4100');
  assert.equal(secrets.scrub('token ATCTT3xWorkspaceToken'), 'token ***');

  const byApiToken = resolveScanRequest(
    { bitbucketWorkspace: 'acme', email: 'admin@acme.com', apiToken: 'token-123456' },
    readEnv({}),
    createSecrets(),
  );
  assert.deepEqual(byApiToken.target.bitbucket?.credential, {
    kind: 'basic',
    email: 'admin@acme.com',
    apiToken: 'token-123456',
  });
  assert.equal(byApiToken.target.baseUrls.bitbucket, 'https://api.bitbucket.org');
});

test('a Bitbucket scan refuses what does not belong to it, and says what it lacks', () => {
  const env = readEnv({});
  fails(
    () => resolveScanRequest({ bitbucketWorkspace: 'acme' }, env, createSecrets()),
    'missing_credentials',
    /--bitbucket-token.*--email and --api-token/,
  );
  fails(
    () =>
      resolveScanRequest(
        { bitbucketWorkspace: 'acme', bitbucketToken: 't', site: [site], email: 'a@acme.com', apiToken: 'x' },
        env,
        createSecrets(),
      ),
    'usage',
    /without --site/,
  );
  fails(
    () => resolveScanRequest({ bitbucketToken: 't' }, env, createSecrets()),
    'usage',
    /--bitbucket-workspace/,
  );
});

test('--data-center-url scans each Data Center instance with its personal access token, context path kept', () => {
  const secrets = createSecrets();
  const one = resolveScanRequest(
    { dataCenterUrl: ['https://jira.acme.example/jira/'] },
    readEnv({ PALISADE_DATA_CENTER_TOKEN: 'NjQ0MDc1OTk4personal' }),
    secrets,
  );
  assert.deepEqual(one.target.dataCenter, [
    { baseUrl: 'https://jira.acme.example/jira', personalAccessToken: 'NjQ0MDc1OTk4personal' },
  ]);
  assert.equal(secrets.scrub('token NjQ0MDc1OTk4personal'), 'token ***');

  const two = resolveScanRequest(
    {
      dataCenterUrl: ['https://jira.acme.example', 'https://wiki.acme.example'],
      dataCenterToken: ['jira-token-123456', 'wiki-token-123456'],
      outputDir: 'reports',
    },
    readEnv({}),
    createSecrets(),
  );
  assert.deepEqual(
    two.target.dataCenter?.map((d) => [d.baseUrl, d.personalAccessToken]),
    [
      ['https://jira.acme.example', 'jira-token-123456'],
      ['https://wiki.acme.example', 'wiki-token-123456'],
    ],
  );
});

test('a Data Center scan refuses what does not belong to it, and says what it lacks', () => {
  const env = readEnv({});
  const url = 'https://jira.acme.example';
  fails(
    () => resolveScanRequest({ dataCenterUrl: [url] }, env, createSecrets()),
    'missing_credentials',
    /--data-center-token/,
  );
  fails(
    () =>
      resolveScanRequest(
        {
          dataCenterUrl: [url],
          dataCenterToken: ['t-123456789'],
          site: [site],
          email: 'a@acme.com',
          apiToken: 'x',
        },
        env,
        createSecrets(),
      ),
    'usage',
    /without --site/,
  );
  fails(
    () => resolveScanRequest({ dataCenterToken: ['t-123456789'] }, env, createSecrets()),
    'usage',
    /--data-center-url/,
  );
  fails(
    () =>
      resolveScanRequest(
        {
          dataCenterUrl: [url, 'https://wiki.acme.example'],
          dataCenterToken: ['a-123456789', 'b-123456789', 'c-123456789'],
        },
        env,
        createSecrets(),
      ),
    'usage',
    /one per instance/,
  );
  fails(
    () =>
      resolveScanRequest(
        {
          dataCenterUrl: [url, 'https://wiki.acme.example'],
          dataCenterToken: ['a-123456789'],
          output: 'r.json',
        },
        env,
        createSecrets(),
      ),
    'usage',
    /--output-dir/,
  );
  fails(
    () =>
      resolveScanRequest(
        {
          dataCenterUrl: [url],
          dataCenterToken: ['t-123456789'],
          writeEmail: 'admin@acme.com',
          writeApiToken: 'w-123456789',
        },
        env,
        createSecrets(),
      ),
    'usage',
    /--write-email and --write-api-token .* pass --data-center-write-token instead/,
  );
  fails(
    () =>
      resolveScanRequest(
        { dataCenterUrl: [url], dataCenterToken: ['t-123456789'] },
        readEnv({ PALISADE_WRITE_API_TOKEN: 'w-123456789' }),
        createSecrets(),
      ),
    'usage',
    /Cloud site admin's write consent/,
  );
  fails(
    () => resolveScanRequest({ dataCenterWriteToken: ['w-123456789'] }, env, createSecrets()),
    'usage',
    /--data-center-write-token needs the instance it changes/,
  );
  fails(
    () =>
      resolveScanRequest(
        {
          dataCenterUrl: [url, 'https://wiki.acme.example', 'https://git.acme.example'],
          dataCenterToken: ['t-123456789'],
          dataCenterWriteToken: ['a-123456789', 'b-123456789'],
        },
        env,
        createSecrets(),
      ),
    'usage',
    /2 --data-center-write-token for 3 --data-center-url/,
  );
});

test('a Data Center scan takes a write token per instance, kept apart from the read token and out of messages', () => {
  const secrets = createSecrets();
  const request = resolveScanRequest(
    {
      dataCenterUrl: ['https://jira.acme.example', 'https://wiki.acme.example'],
      dataCenterToken: ['read-123456789'],
    },
    readEnv({ PALISADE_DATA_CENTER_WRITE_TOKEN: 'write-jira-123456789,write-wiki-123456789' }),
    secrets,
  );
  assert.deepEqual(request.target.dataCenter, [
    {
      baseUrl: 'https://jira.acme.example',
      personalAccessToken: 'read-123456789',
      writeToken: 'write-jira-123456789',
    },
    {
      baseUrl: 'https://wiki.acme.example',
      personalAccessToken: 'read-123456789',
      writeToken: 'write-wiki-123456789',
    },
  ]);
  assert.equal(secrets.scrub('sent write-wiki-123456789 and read-123456789'), 'sent *** and ***');
  const readOnly = resolveScanRequest(
    { dataCenterUrl: ['https://jira.acme.example'], dataCenterToken: ['read-123456789'] },
    readEnv({}),
    createSecrets(),
  );
  assert.equal(readOnly.target.dataCenter?.[0]?.writeToken, undefined, 'no write token, no write consent');
});
