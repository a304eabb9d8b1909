import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import { RequestError } from '../request-error.ts';
import type { ServerDeps } from '../server-deps.ts';
import type { ServerModule } from '../server-module.ts';
import { HTML, PAGE_HEADERS } from './oauth-consent-page.ts';

// The web UI (web/, built by Vite into web/dist) on the API's origin, so the session cookie and
// the CSRF token work without CORS. A file of the build is served as it is (hashed assets cached
// for a year); any other GET outside /api is a page of the single-page app and answers its
// index.html, so a shared link like /findings?severity=critical opens in the app. Paths under
// /api keep the API's JSON 404. Without a build (a checkout before `npm run build:web`) the pages
// answer a 503 that says how to build it; without `webDist` (tests) the JSON 404 of any unknown
// route: the API does not depend on the build.

const NOT_BUILT = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Palisade</title></head>
<body><main><h1>The web UI is not built</h1>
<p>Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it when it is missing or stale),
then reload. The API is at <a href="/api/docs">/api/docs</a>.</p></main></body></html>`;

/** The UI's index.html when a build exists. */
export function webIndex(deps: ServerDeps): string | undefined {
  const dist = deps.settings.webDist;
  if (!dist) return undefined;
  const index = join(dist, 'index.html');
  return existsSync(index) ? index : undefined;
}

// Mantine sets inline styles; everything else comes from this origin.
const APP_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

/** Answers the app's index.html (never cached: it names the current assets); any module may call it. */
export function sendWebIndex(reply: FastifyReply, dist: string) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  return reply.code(200).headers(APP_HEADERS).header('cache-control', 'no-cache').type(HTML).send(html);
}

function fileOfBuild(dist: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  if (relative === '' || relative.startsWith('..') || decoded.includes('\0')) return undefined;
  const path = join(dist, relative);
  if (!path.startsWith(dist + sep)) return undefined;
  try {
    return statSync(path).isFile() ? relative : undefined;
  } catch {
    return undefined;
  }
}

export const webUiModule: ServerModule = {
  name: 'web ui',
  async register(app, deps) {
    // Only reply.sendFile: the routes are ours, so they declare their access like every route.
    await app.register(fastifyStatic, { root: deps.settings.webDist ?? process.cwd(), serve: false });
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (path === '/api' || path.startsWith('/api/')) {
        throw new RequestError('route_not_found', `no route ${request.method} ${path}`);
      }
      const dist = deps.settings.webDist;
      // A server without a UI (tests, an API-only embedding) answers like any unknown route.
      if (!dist) throw new RequestError('route_not_found', `no route ${request.method} ${path}`);
      const index = webIndex(deps);
      if (!index) {
        return reply.code(503).headers(PAGE_HEADERS).type(HTML).send(NOT_BUILT);
      }
      const file = fileOfBuild(dist, path);
      if (file === 'index.html' || !file) return sendWebIndex(reply, dist);
      const immutable = file.startsWith(`assets${sep}`) || file.startsWith('assets/');
      reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
      return reply.sendFile(file, dist, { cacheControl: false });
    });
  },
};
