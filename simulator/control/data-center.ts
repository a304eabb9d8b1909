import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SimContext } from '../core/context.ts';

// Control routes for the Data Center sites: what they hold now, and the changes an admin would
// make by hand (a version upgrade, a security setting, anonymous access), so a test can move a
// site from misconfigured to clean and back without a new tenant.

const securityPatch = z
  .object({
    signupMode: z.string().min(1),
    captchaAfterFailedLogins: z.number().int().min(1).nullable(),
    webSudoEnabled: z.boolean(),
    webSudoTimeoutMinutes: z.number().int().min(1),
    rememberMeEnabled: z.boolean(),
    externalUserManagement: z.boolean(),
    anonymousRemoteApi: z.boolean(),
  })
  .partial()
  .strict();

const patchSchema = z
  .object({
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a version is major.minor.patch (9.12.4)'),
    buildNumber: z.number().int().min(0),
    security: securityPatch,
    /** Anonymous users may use the product (Jira: "Browse users and groups"; Confluence: "Use Confluence"). */
    anonymous: z.boolean(),
  })
  .partial()
  .strict();

export function dataCenterControlRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get('/tenant/data-center', async () =>
    (ctx.state.tenant.dataCenterSites ?? []).map((s) => ({
      name: s.name,
      id: s.id,
      product: s.product,
      version: s.version,
      host: s.host,
      security: s.security,
      plugins: s.plugins.map((p) => ({ key: p.key, version: p.version, enabled: p.enabled })),
    })),
  );

  app.patch<{ Params: { name: string } }>('/tenant/data-center/:name', async (request, reply) => {
    const parsed = patchSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues
        .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
        .join('; ');
      return reply.code(400).send({ error: { code: 'invalid_request', message: issues } });
    }
    const site = (ctx.state.tenant.dataCenterSites ?? []).find((s) => s.name === request.params.name);
    if (!site) {
      return reply
        .code(404)
        .send({ error: { code: 'not_found', message: `no Data Center site named ${request.params.name}` } });
    }
    const body = parsed.data;
    if (body.version !== undefined) site.version = body.version;
    if (body.buildNumber !== undefined) site.buildNumber = body.buildNumber;
    if (body.security) Object.assign(site.security, body.security);
    if (body.anonymous !== undefined) {
      const key = site.product === 'jira-data-center' ? 'USER_PICKER' : 'USECONFLUENCE';
      for (const g of site.globalPermissions) if (g.permission === key) g.anonymous = body.anonymous;
    }
    return { name: site.name, version: site.version, security: site.security };
  });
}
