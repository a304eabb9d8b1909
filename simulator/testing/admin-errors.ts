import assert from 'node:assert/strict';

/**
 * Asserts an admin API error: the HTTP status, and the first `ApplicationError` of `{errors: [...]}`
 * carrying the same status (a string) and the code (`ADMIN-404-4`).
 * https://developer.atlassian.com/cloud/admin/organization/rest/intro/
 */
export async function assertAdminError(
  res: Response,
  status: number,
  code: string,
  what = '',
): Promise<void> {
  const text = await res.text();
  assert.equal(res.status, status, `${what} expected ${status}, got ${res.status}: ${text}`.trim());
  const body = JSON.parse(text) as { errors?: { status?: string; code?: string }[] };
  assert.deepEqual(
    body.errors?.[0] && [body.errors[0].status, body.errors[0].code],
    [String(status), code],
    what || undefined,
  );
}
