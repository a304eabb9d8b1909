import { SimError } from '../http/errors.ts';
import type { Call } from '../http/serve.ts';

// What UPM's REST resource asks of a request and answers with, alike in Cloud and on Data Center
// (upm.ts, dc-upm.ts): its media types, JAX-RS content negotiation, and the body of an enable or
// disable. https://developer.atlassian.com/server/framework/atlassian-sdk/universal-plugin-manager-rest-api/

export const installedType = 'application/vnd.atl.plugins.installed+json';
export const pluginType = 'application/vnd.atl.plugins.plugin+json';

/** The JAX-RS content negotiation UPM runs under: its vendor type, or plain JSON; anything else is a 406. */
export function negotiate(call: Call, vendorType: string): string {
  const header = call.headers.accept;
  const accepted = (Array.isArray(header) ? header.join(',') : (header ?? '*/*'))
    .split(',')
    .map((t) => (t.split(';')[0] ?? '').trim().toLowerCase());
  if (accepted.includes(vendorType)) return vendorType;
  if (accepted.some((t) => t === 'application/json' || t === 'application/*' || t === '*/*' || t === '')) {
    return 'application/json';
  }
  throw new SimError(406, `Not Acceptable: this resource produces ${vendorType} or application/json`);
}

/**
 * The `enabled` an enable or disable asks for. UPM consumes only its plugin media type (415
 * otherwise); the body is `{"enabled": false}` or a whole representation with `enabled` changed.
 */
export function requestedEnabled(call: Call): boolean {
  const contentType = String(call.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (contentType !== pluginType) {
    throw new SimError(415, `Unsupported Media Type: send the plugin as ${pluginType}`);
  }
  const body = call.body;
  if (
    typeof body !== 'object' ||
    body === null ||
    typeof (body as { enabled?: unknown }).enabled !== 'boolean'
  ) {
    throw new SimError(400, 'The request body must be a plugin representation with a boolean "enabled"');
  }
  return (body as { enabled: boolean }).enabled;
}

const UPM_NOT_PERMITTED = 'Must have permission to access this resource.';

/**
 * UPM refuses anyone who may not manage apps with a 401 whose body is a bare string under its
 * error media type (its PermissionExceptionMapper writes `PermissionException.unauthorized()`).
 */
export function notPermitted(): SimError {
  return new SimError(401, UPM_NOT_PERMITTED, {
    body: UPM_NOT_PERMITTED,
    contentType: 'application/vnd.atl.plugins.error+json',
  });
}
