import { BITBUCKET_WEB } from '../../atlassian/api.ts';
import { domainOf } from '../../connections/managed/connection-view.ts';
import { PalisadeError } from '../../errors.ts';
import type { DataCenterProduct } from '../../inventory/datasets/data-center.ts';

// The demo talks to its own server over HTTP, exactly as a person's browser or script would:
// sign in (the session cookie and its CSRF token), add the connection, watch its status. Nothing
// here reaches into the server's internals, so the demo exercises the API it shows.

interface ConnectionView {
  id: string;
  orgId: string | null;
  orgName: string | null;
  kind: string;
  domains: { host: string; products: string[] }[];
  status: { state: string; reason?: string; progress?: { done: number; total: number; phase: string } };
}

export interface ScanEnd {
  state: string;
  reason: string | undefined;
  domains: number;
}

class DemoApiError extends PalisadeError {
  override readonly name = 'DemoApiError';
  readonly code = 'internal_error' as const;
}

const SCAN_PATIENCE_MS = 10 * 60_000;
const POLL_MS = 500;

export class DemoApiClient {
  private readonly base: string;
  private cookie = '';
  private csrf = '';

  constructor(base: string) {
    this.base = base;
  }

  async signIn(email: string, password: string): Promise<void> {
    const res = await this.call('POST', '/api/v1/session', { email, password });
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    this.csrf = String((res.body as { csrfToken?: unknown }).csrfToken ?? '');
  }

  /** Adds the connection; when it exists (a second start), gives it the current credentials instead. */
  async connect(body: {
    method: 'api-token';
    adminEmail: string;
    apiToken: string;
    orgId: string;
    orgApiKey: string;
  }): Promise<ConnectionView> {
    const created = await this.call('POST', '/api/v1/connections', body, [201, 409]);
    if (created.status === 201) return (created.body as { connection: ConnectionView }).connection;
    const list = await this.call('GET', '/api/v1/connections');
    const existing = (list.body as { connections: ConnectionView[] }).connections.find(
      (c) => c.orgId === body.orgId,
    );
    if (!existing) {
      throw new DemoApiError(
        `the Acme organization is in this database without being a server connection (a CLI scan kept it) — use another --db`,
      );
    }
    await this.call('PUT', `/api/v1/connections/${encodeURIComponent(existing.id)}/credentials`, {
      adminEmail: body.adminEmail,
      apiToken: body.apiToken,
      orgApiKey: body.orgApiKey,
      confirm: true,
    });
    return existing;
  }

  /**
   * Adds a Bitbucket workspace or a Data Center instance; when it exists (a second start), gives it
   * the current credential (and, for Data Center, the simulator's new address) instead. `product`:
   * the instance's, which finds it listed when its address has moved.
   */
  async connectKind(
    body:
      | { kind: 'bitbucket'; workspace: string; accessToken: string }
      | { kind: 'data-center'; baseUrl: string; personalAccessToken: string },
    product?: DataCenterProduct,
  ): Promise<ConnectionView> {
    const created = await this.call('POST', '/api/v1/connections', body, [201, 409]);
    if (created.status === 201) return (created.body as { connection: ConnectionView }).connection;
    const list = await this.call('GET', '/api/v1/connections');
    const ofKind = (list.body as { connections: ConnectionView[] }).connections.filter(
      (c) => c.kind === body.kind,
    );
    // Listed by its domain (a workspace's is `bitbucket.org/<slug>`), else, for an instance the
    // simulator now serves at another port, by its product.
    const domain = domainOf(body.kind === 'bitbucket' ? `${BITBUCKET_WEB}/${body.workspace}` : body.baseUrl);
    const existing =
      ofKind.find((c) => c.domains.some((d) => d.host === domain)) ??
      (product ? ofKind.find((c) => c.domains.some((d) => d.products.includes(product))) : undefined);
    if (!existing) {
      throw new DemoApiError(
        `POST /api/v1/connections answered 409, and no ${body.kind} connection lists ${domain}`,
      );
    }
    const { id } = existing;
    const { kind: _kind, ...credential } = body;
    const patch = 'workspace' in credential ? { accessToken: credential.accessToken } : credential;
    await this.call('PUT', `/api/v1/connections/${encodeURIComponent(id)}/credentials`, {
      ...patch,
      confirm: true,
    });
    const { body: view } = await this.call('GET', `/api/v1/connections/${encodeURIComponent(id)}`);
    return view as ConnectionView;
  }

  /** Polls the connection until its scan has ended (Success or Error). */
  async waitForScan(
    id: string,
    onProgress: (progress: { done: number; total: number; phase: string }) => void,
  ): Promise<ScanEnd> {
    const deadline = performance.now() + SCAN_PATIENCE_MS;
    while (performance.now() < deadline) {
      const { body } = await this.call('GET', `/api/v1/connections/${encodeURIComponent(id)}`);
      const view = body as ConnectionView;
      if (view.status.state === 'success' || view.status.state === 'error') {
        return { state: view.status.state, reason: view.status.reason, domains: view.domains.length };
      }
      if (view.status.progress) onProgress(view.status.progress);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    throw new DemoApiError('the first scan of the demo did not end within 10 minutes');
  }

  private async call(
    method: string,
    path: string,
    body?: unknown,
    accept: readonly number[] = [200, 201, 202],
  ): Promise<{ status: number; headers: Headers; body: unknown }> {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const parsed: unknown = await res.json().catch(() => ({}));
    if (!accept.includes(res.status)) {
      const error = (parsed as { error?: { message?: string } }).error;
      throw new DemoApiError(`${method} ${path} answered ${res.status}: ${error?.message ?? 'no message'}`);
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }
}
