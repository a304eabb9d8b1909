import { z } from 'zod';
import { setUpOwner, setupRequired } from '../../people/setup.ts';
import { noteAudit } from '../audit-hook.ts';
import { clientOf, SessionBody, signedInReply } from '../auth/session-reply.ts';
import type { ServerModule } from '../server-module.ts';

// First run: the one-time setup link `palisade serve` prints makes its opener the first owner, who
// is signed in at once. Afterwards setup answers 409 setup_done.

const SetupInput = z.object({
  token: z.string().min(1).max(200),
  email: z.string().min(3).max(254),
  name: z.string().min(1).max(200),
  password: z.string().max(1024),
});

export const setupModule: ServerModule = {
  name: 'setup',
  register(app, deps) {
    app.get(
      '/api/v1/setup',
      {
        config: { access: 'public' },
        schema: {
          tags: ['people'],
          summary: 'Whether Palisade still needs its first owner',
          response: { 200: z.object({ required: z.boolean() }) },
        },
      },
      async () => ({ required: await setupRequired(deps.db) }),
    );
    app.post(
      '/api/v1/setup',
      {
        config: { access: 'public', audit: 'setup.complete' },
        schema: {
          tags: ['people'],
          summary: 'Create the first owner with the one-time setup link, and sign them in',
          body: SetupInput,
          response: { 200: SessionBody },
        },
      },
      async (request, reply) => {
        const { user, session } = await setUpOwner(deps.db, deps.now(), request.body, clientOf(request));
        noteAudit(request, { details: { email: user.email, role: user.role } });
        return signedInReply(request, reply, deps, user, session);
      },
    );
  },
};
