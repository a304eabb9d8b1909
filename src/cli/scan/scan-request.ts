import type { BitbucketCredential } from '../../atlassian/credentials.ts';
import { ATLASSIAN_BASE_URLS, type BaseUrls } from '../../atlassian/urls.ts';
import { REPORT_FORMATS, type ReportFormat } from '../../report/formats.ts';
import { SEVERITIES, type Severity } from '../../rules/severity.ts';
import type { CliEnv as Env } from '../cli-env.ts';
import { CliError } from '../cli-error.ts';
import { parseAllowHost, parseBaseUrl, parseDataCenterUrl } from '../options/parse-url.ts';
import type { Gates } from '../output/fail-on.ts';
import type { Secrets } from '../secrets.ts';

// `palisade scan`'s flags merged with their environment twins (a flag wins) and checked before
// anything is read or written, so bad input fails at once with the flag named.

export type { ReportFormat };
export type FailOn = Severity;

export interface ScanFlags {
  site?: string[];
  email?: string;
  apiToken?: string;
  orgId?: string;
  orgApiKey?: string;
  adminApiUrl?: string;
  marketplaceUrl?: string;
  allowHost?: string[];
  format?: string[];
  outputDir?: string;
  output?: string;
  failOn?: string;
  failOnUnknown?: string;
  minCoverage?: string;
  db?: string;
  writeEmail?: string;
  writeApiToken?: string;
  bitbucketWorkspace?: string;
  bitbucketToken?: string;
  bitbucketApiUrl?: string;
  dataCenterUrl?: string[];
  dataCenterToken?: string[];
  dataCenterWriteToken?: string[];
}

export interface ScanTarget {
  /** Site origins, e.g. `https://acme.atlassian.net`. */
  sites: string[];
  siteCredential: { email: string; apiToken: string } | undefined;
  /** Org-level checks: the org API key, and the org id (looked up from the key when absent). */
  org: { id: string | undefined; apiKey: string } | undefined;
  /** Write consent: banned apps found installed again are uninstalled with it (never the read credential). */
  writeCredential?: { email: string; apiToken: string } | undefined;
  /** A Bitbucket Cloud workspace to scan (a connection of its own: no sites, no org key beside it). */
  bitbucket?: { workspace: string; credential: BitbucketCredential } | undefined;
  /**
   * Jira or Confluence Data Center instances to scan (each a connection of its own, scanned in
   * turn: no sites, no org key beside them) with the personal access token.
   */
  dataCenter?: DataCenterTarget[] | undefined;
  baseUrls: BaseUrls;
  allowHosts: string[];
}

export interface DataCenterTarget {
  baseUrl: string;
  personalAccessToken: string;
  /** Write consent on the instance: banned plugins found installed are uninstalled with it. */
  writeToken?: string | undefined;
}

export interface ReportTarget {
  formats: ReportFormat[];
  /** Where the formats are written (one file each); absent with `output`. */
  outputDir: string | undefined;
  /** One file holding the one format. */
  output: string | undefined;
}

export interface ScanRequest {
  target: ScanTarget;
  reports: ReportTarget;
  /** `--fail-on`, `--fail-on-unknown`, `--min-coverage`. */
  gates: Gates;
  /** A SQLite file or postgres:// URL to keep the snapshot in; undefined = a temporary file. */
  db: string | undefined;
}

export const DEFAULT_OUTPUT_DIR = 'reports';
export const DEFAULT_FORMATS: ReportFormat[] = ['json', 'html'];

export function parseFailOn(raw: string | undefined, flag = '--fail-on'): FailOn | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim().toLowerCase();
  if (!(SEVERITIES as readonly string[]).includes(value)) {
    throw new CliError('usage', `${flag} "${raw}" is not a severity — use one of ${SEVERITIES.join(', ')}`);
  }
  return value as FailOn;
}

/** `--min-coverage <percent>`: a number from 0 to 100 (a trailing % is allowed). */
export function parseMinCoverage(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim().replace(/%$/, '');
  const value = Number(text);
  if (text === '' || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new CliError('usage', `--min-coverage "${raw}" is not a percentage — use a number from 0 to 100`);
  }
  return value;
}

/** The CI gates from their flags or environment twins (a flag wins). */
export function parseGates(
  flags: Pick<ScanFlags, 'failOn' | 'failOnUnknown' | 'minCoverage'>,
  env: Env,
): Gates {
  return {
    failOn: parseFailOn(flags.failOn ?? env.PALISADE_FAIL_ON),
    failOnUnknown: parseFailOn(flags.failOnUnknown ?? env.PALISADE_FAIL_ON_UNKNOWN, '--fail-on-unknown'),
    minCoverage: parseMinCoverage(
      flags.minCoverage ??
        (env.PALISADE_MIN_COVERAGE === undefined ? undefined : String(env.PALISADE_MIN_COVERAGE)),
    ),
  };
}

/** `--format` (repeatable, also comma-separated), `--output-dir` and `--output`, with defaults. */
export function parseReportTarget(
  flags: Pick<ScanFlags, 'format' | 'outputDir' | 'output'>,
  env: Env,
  defaults: { formats: ReportFormat[]; outputDir: string } = {
    formats: DEFAULT_FORMATS,
    outputDir: DEFAULT_OUTPUT_DIR,
  },
): ReportTarget {
  const raw = (flags.format ?? []).flatMap((f) => f.split(',')).map((f) => f.trim().toLowerCase());
  for (const f of raw) {
    if (!(REPORT_FORMATS as readonly string[]).includes(f)) {
      throw new CliError(
        'usage',
        `--format "${f}" is not a report format — use ${REPORT_FORMATS.join(', ')}`,
      );
    }
  }
  const given = raw.length > 0 ? (raw as ReportFormat[]) : env.PALISADE_FORMAT;
  const output = flags.output ?? env.PALISADE_OUTPUT;
  if (output !== undefined) {
    const formats = given.length > 0 ? [...new Set(given)] : [formatFromExtension(output)];
    if (formats.length !== 1) {
      throw new CliError(
        'usage',
        '--output writes one file, so it takes one --format — use --output-dir for several formats',
      );
    }
    if (flags.outputDir !== undefined) {
      throw new CliError('usage', 'use either --output (one file) or --output-dir (a folder), not both');
    }
    return { formats, outputDir: undefined, output };
  }
  return {
    formats: given.length > 0 ? [...new Set(given)] : defaults.formats,
    outputDir: flags.outputDir ?? env.PALISADE_OUTPUT_DIR ?? defaults.outputDir,
    output: undefined,
  };
}

const EXTENSIONS: Record<string, ReportFormat> = {
  json: 'json',
  csv: 'csv',
  sarif: 'sarif',
  html: 'html',
  htm: 'html',
  ocsf: 'ocsf',
};

function formatFromExtension(file: string): ReportFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.ocsf.json')) return 'ocsf';
  if (lower.endsWith('.sarif.json')) return 'sarif';
  const format = EXTENSIONS[lower.split('.').pop() ?? ''];
  if (!format) {
    throw new CliError(
      'usage',
      `cannot tell the format of --output "${file}" — add --format ${REPORT_FORMATS.join('|')}`,
    );
  }
  return format;
}

const BITBUCKET_API = ATLASSIAN_BASE_URLS.bitbucket ?? 'https://api.bitbucket.org';

/**
 * `--bitbucket-workspace` with its credential: the workspace access token (`--bitbucket-token`),
 * or else the e-mail and API token of a workspace admin. Undefined without a workspace.
 */
function resolveBitbucket(
  flags: Pick<ScanFlags, 'bitbucketWorkspace'>,
  env: Env,
  given: { email?: string; apiToken?: string; bitbucketToken?: string; orgApiKey?: string },
): ScanTarget['bitbucket'] {
  const workspace = (flags.bitbucketWorkspace ?? env.PALISADE_BITBUCKET_WORKSPACE)?.trim();
  if (workspace === undefined || workspace === '') {
    if (given.bitbucketToken !== undefined) {
      throw new CliError(
        'usage',
        '--bitbucket-token needs the workspace it opens — pass --bitbucket-workspace',
      );
    }
    return undefined;
  }
  if (given.orgApiKey !== undefined) {
    throw new CliError(
      'usage',
      'a Bitbucket workspace is scanned without an org API key — scan the organization in another run',
    );
  }
  if (given.bitbucketToken !== undefined) {
    return { workspace, credential: { kind: 'access-token', token: given.bitbucketToken } };
  }
  if (given.email !== undefined && given.apiToken !== undefined) {
    return { workspace, credential: { kind: 'basic', email: given.email, apiToken: given.apiToken } };
  }
  throw new CliError(
    'missing_credentials',
    "scanning a Bitbucket workspace needs its workspace access token (--bitbucket-token, PALISADE_BITBUCKET_TOKEN) or a workspace admin's --email and --api-token",
  );
}

/** `--data-center-url` (repeatable) with `--data-center-token`; undefined without a URL. */
function resolveDataCenter(
  flags: Pick<ScanFlags, 'dataCenterUrl'>,
  env: Env,
  given: {
    tokens: string[];
    writeTokens: string[];
    orgApiKey: string | undefined;
    bitbucket: boolean;
    write: boolean;
  },
): ScanTarget['dataCenter'] {
  const raw =
    flags.dataCenterUrl && flags.dataCenterUrl.length > 0
      ? flags.dataCenterUrl
      : env.PALISADE_DATA_CENTER_URLS;
  const urls = [...new Set(raw.map((u) => parseDataCenterUrl('--data-center-url', u)))];
  if (urls.length === 0) {
    if (given.tokens.length > 0) {
      throw new CliError('usage', '--data-center-token needs the instance it opens — pass --data-center-url');
    }
    if (given.writeTokens.length > 0) {
      throw new CliError(
        'usage',
        '--data-center-write-token needs the instance it changes — pass --data-center-url',
      );
    }
    return undefined;
  }
  if (given.orgApiKey !== undefined || given.bitbucket) {
    throw new CliError(
      'usage',
      'a Data Center instance is a connection of its own — scan it without --org-api-key or --bitbucket-workspace (and those in another run)',
    );
  }
  if (given.write) {
    // The write flags are a Cloud site admin's e-mail and API token: a Data Center instance's
    // UPM would refuse them, and a banned plugin found again would read as a failed uninstall.
    throw new CliError(
      'usage',
      "--write-email and --write-api-token (PALISADE_WRITE_EMAIL / PALISADE_WRITE_API_TOKEN) are a Cloud site admin's write consent — a Data Center instance's is a system administrator's personal access token: pass --data-center-write-token instead",
    );
  }
  const { tokens } = given;
  if (tokens.length === 0) {
    throw new CliError(
      'missing_credentials',
      "scanning a Data Center instance needs a personal access token — pass --data-center-token (or PALISADE_DATA_CENTER_TOKEN), a system administrator's to read every dataset",
    );
  }
  const pick = tokensPerInstance('--data-center-token', tokens, urls);
  const pickWrite = given.writeTokens.length
    ? tokensPerInstance('--data-center-write-token', given.writeTokens, urls)
    : undefined;
  return urls.map((baseUrl, i) => ({
    baseUrl,
    personalAccessToken: pick(i),
    ...(pickWrite ? { writeToken: pickWrite(i) } : {}),
  }));
}

/** A repeatable token flag's values, else its comma-separated variable's; blanks left out. */
export function givenTokens(flag: readonly string[] | undefined, variable: readonly string[]): string[] {
  return (flag && flag.length > 0 ? flag : variable).filter((t) => t.trim() !== '');
}

/** One token for every instance, or one per instance in the order of the URLs. */
function tokensPerInstance(flag: string, tokens: string[], urls: string[]): (i: number) => string {
  if (tokens.length > 1 && tokens.length !== urls.length) {
    throw new CliError(
      'usage',
      `${tokens.length} ${flag} for ${urls.length} --data-center-url — give one token for every instance, or one per instance in the same order`,
    );
  }
  return (i) => tokens[tokens.length === 1 ? 0 : i] ?? '';
}

export function resolveScanRequest(flags: ScanFlags, env: Env, secrets: Secrets): ScanRequest {
  // Plain syntax first, so a typo is reported before a missing credential.
  const reports = parseReportTarget(flags, env);
  const gates = parseGates(flags, env);
  const email = flags.email ?? env.PALISADE_EMAIL;
  const apiToken = flags.apiToken ?? env.PALISADE_API_TOKEN;
  const orgApiKey = flags.orgApiKey ?? env.PALISADE_ORG_API_KEY;
  const writeEmail = flags.writeEmail ?? env.PALISADE_WRITE_EMAIL;
  const writeApiToken = flags.writeApiToken ?? env.PALISADE_WRITE_API_TOKEN;
  // Registered before anything can fail, so no message can echo them.
  secrets.addBasic(email, apiToken);
  secrets.addBasic(writeEmail, writeApiToken);
  secrets.add(apiToken, orgApiKey, writeApiToken);

  const bitbucketToken = flags.bitbucketToken ?? env.PALISADE_BITBUCKET_TOKEN;
  secrets.add(bitbucketToken);
  const bitbucket = resolveBitbucket(flags, env, { email, apiToken, bitbucketToken, orgApiKey });
  const dataCenterTokens = givenTokens(flags.dataCenterToken, env.PALISADE_DATA_CENTER_TOKEN);
  const dataCenterWriteTokens = givenTokens(flags.dataCenterWriteToken, env.PALISADE_DATA_CENTER_WRITE_TOKEN);
  secrets.add(...dataCenterTokens, ...dataCenterWriteTokens);
  const dataCenter = resolveDataCenter(flags, env, {
    tokens: dataCenterTokens,
    writeTokens: dataCenterWriteTokens,
    orgApiKey,
    bitbucket: bitbucket !== undefined,
    write: writeEmail !== undefined || writeApiToken !== undefined,
  });

  const rawSites = flags.site && flags.site.length > 0 ? flags.site : env.PALISADE_SITES;
  const sites = [
    ...new Set(rawSites.map((s) => parseBaseUrl('--site', s, 'https://your-site.atlassian.net'))),
  ];
  const orgId = flags.orgId ?? env.PALISADE_ORG_ID;

  if (dataCenter && sites.length > 0) {
    throw new CliError(
      'usage',
      'a Data Center instance is a connection of its own — scan it without --site (and the sites in another run)',
    );
  }
  if (dataCenter && dataCenter.length > 1 && reports.output !== undefined) {
    throw new CliError(
      'usage',
      'several --data-center-url write one report each — pass --output-dir (each goes in a folder named by its host) instead of --output',
    );
  }
  if (bitbucket && sites.length > 0) {
    throw new CliError(
      'usage',
      'a Bitbucket workspace is a connection of its own — scan it without --site (and the sites in another run)',
    );
  }
  if (!bitbucket && !dataCenter && sites.length === 0 && orgApiKey === undefined) {
    throw new CliError(
      'usage',
      'nothing to scan — pass --site <url> (with --email and --api-token) and/or --org-api-key (PALISADE_SITES, PALISADE_ORG_API_KEY), or --bitbucket-workspace, or --data-center-url',
    );
  }
  if (sites.length > 0 && (email === undefined || apiToken === undefined)) {
    const missing = [email === undefined ? '--email' : null, apiToken === undefined ? '--api-token' : null]
      .filter((m) => m !== null)
      .join(' and ');
    throw new CliError(
      'missing_credentials',
      `scanning a site needs a site admin's e-mail and API token — missing ${missing} (or PALISADE_EMAIL / PALISADE_API_TOKEN)`,
    );
  }
  if (orgId !== undefined && orgApiKey === undefined) {
    throw new CliError(
      'missing_credentials',
      '--org-id needs an org API key for the org-level checks — pass --org-api-key (or PALISADE_ORG_API_KEY)',
    );
  }

  const allowHosts = [
    ...new Set([...env.PALISADE_ALLOW_HOSTS, ...(flags.allowHost ?? []).map(parseAllowHost)]),
  ];
  return {
    target: {
      sites,
      siteCredential: email !== undefined && apiToken !== undefined ? { email, apiToken } : undefined,
      org: orgApiKey !== undefined ? { id: orgId, apiKey: orgApiKey } : undefined,
      writeCredential:
        writeEmail !== undefined && writeApiToken !== undefined
          ? { email: writeEmail, apiToken: writeApiToken }
          : undefined,
      ...(bitbucket ? { bitbucket } : {}),
      ...(dataCenter ? { dataCenter } : {}),
      baseUrls: {
        api: parseBaseUrl(
          '--admin-api-url',
          flags.adminApiUrl ?? env.PALISADE_ADMIN_API_URL ?? ATLASSIAN_BASE_URLS.api,
          ATLASSIAN_BASE_URLS.api,
        ),
        marketplace: parseBaseUrl(
          '--marketplace-url',
          flags.marketplaceUrl ?? env.PALISADE_MARKETPLACE_URL ?? ATLASSIAN_BASE_URLS.marketplace,
          ATLASSIAN_BASE_URLS.marketplace,
        ),
        auth: parseBaseUrl(
          'PALISADE_AUTH_URL',
          env.PALISADE_AUTH_URL ?? ATLASSIAN_BASE_URLS.auth,
          ATLASSIAN_BASE_URLS.auth,
        ),
        bitbucket: parseBaseUrl(
          '--bitbucket-api-url',
          flags.bitbucketApiUrl ?? env.PALISADE_BITBUCKET_API_URL ?? BITBUCKET_API,
          BITBUCKET_API,
        ),
      },
      allowHosts,
    },
    reports,
    gates,
    db: flags.db ?? env.PALISADE_DB,
  };
}
