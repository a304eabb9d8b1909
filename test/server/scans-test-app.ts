import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { ATLASSIAN_BASE_URLS } from '../../src/atlassian/urls.ts';
import type { TestDatabase } from '../../src/db/testing/test-database.ts';
import type { EventBus } from '../../src/jobs/events.ts';
import type { ScanService } from '../../src/jobs/scan-service.ts';
import { allows, type Role } from '../../src/people/roles.ts';
import { recordChanges } from '../../src/server/audit-hook.ts';
import { handleErrors } from '../../src/server/error-handler.ts';
import type { Principal } from '../../src/server/principal.ts';
import { RequestError } from '../../src/server/request-error.ts';
import { trackRoutes } from '../../src/server/route-table.ts';
import type { ServerDeps } from '../../src/server/server-deps.ts';
import type { ServerModule } from '../../src/server/server-module.ts';
import type { ScanFixture } from './scans-fixture.ts';

// The scans and events modules mounted as buildApp mounts them (checked route table, error
// shape, audit hook), with the person asking set by the test: sign-in is another module's work,
// and these tests are about what a signed-in person with a given role gets from these routes.

export interface AsPerson {
  role: Role;
  id?: string;
  name?: string;
}

export interface ScansTestApp {
  app: FastifyInstance;
  deps: ServerDeps;
  /** Who the next requests come from; null: nobody signed in. */
  as(person: AsPerson | null): void;
}

export async function scansTestApp(
  database: TestDatabase,
  fixture: ScanFixture,
  scans: ScanService,
  modules: readonly ServerModule[],
  events: EventBus = fixture.events,
): Promise<ScansTestApp> {
  const deps: ServerDeps = {
    db: database.db,
    now: fixture.clock.now,
    settings: {
      publicUrl: 'http://127.0.0.1:8080',
      allowHosts: [],
      baseUrls: ATLASSIAN_BASE_URLS,
      scanIntervalMs: 6 * 3_600_000,
      excessiveSyncMs: 30 * 60_000,
    },
    secretBox: fixture.secretBox,
    scans,
    events,
  };
  let person: AsPerson | null = null;
  const app = Fastify({ logger: false, genReqId: () => randomUUID() }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  trackRoutes(app);
  handleErrors(app);
  app.decorateRequest('principal', null);
  app.decorateRequest('auditNote', null);
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') return;
    if (!person) throw new RequestError('authentication_required', 'this request needs a signed-in person');
    const principal: Principal = {
      user: {
        id: person.id ?? 'u-test',
        email: 'test@example.com',
        name: person.name ?? 'Test Person',
        role: person.role,
        rights: [],
      },
      role: person.role,
      rights: [],
      via: { kind: 'token', tokenId: 'tok-test' },
    };
    request.principal = principal;
    if (!allows(principal.role, principal.rights, access)) {
      throw new RequestError(
        'permission_required',
        `the ${principal.role} role may not do this (it needs ${access})`,
      );
    }
  });
  recordChanges(app, deps);
  for (const module of modules) {
    await app.register(async (scope) => {
      await module.register(scope.withTypeProvider<ZodTypeProvider>(), deps);
    });
  }
  await app.ready();
  return {
    app,
    deps,
    as(next) {
      person = next;
    },
  };
}
