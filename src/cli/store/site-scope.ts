import type { ConnectionRecord } from '../../inventory/connections.ts';
import { CliError } from '../cli-error.ts';

/** A site of the connection named by URL, host or cloud id: its cloud id (a result's scope). */
export function siteScope(connection: ConnectionRecord, raw: string | undefined, flag: string): string {
  const sites = connection.sites.map((s) => `${s.url}`).join(', ');
  if (raw === undefined)
    throw new CliError('usage', `this setting belongs to a site — pass ${flag} (one of ${sites})`);
  const wanted = raw.trim().replace(/\/+$/, '').toLowerCase();
  const found = connection.sites.find((s) => {
    const url = s.url.toLowerCase();
    return (
      url === wanted || new URL(s.url).host.toLowerCase() === wanted || s.cloudId.toLowerCase() === wanted
    );
  });
  if (!found)
    throw new CliError(
      'usage',
      `${flag} "${raw}" is not a site of connection ${connection.id} — use one of ${sites}`,
    );
  return found.cloudId;
}
