import { readFileSync } from 'node:fs';

// The tool that wrote a report: Palisade and the version in package.json (read when a report is
// built, not at import, so importing the report module touches no file).

export const TOOL_NAME = 'Palisade';

export interface ToolInfo {
  name: string;
  version: string;
}

export function toolInfo(): ToolInfo {
  const raw: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const version =
    typeof raw === 'object' && raw !== null && 'version' in raw && typeof raw.version === 'string'
      ? raw.version
      : '0.0.0';
  return { name: TOOL_NAME, version };
}
