import { z } from 'zod';
import { createUser, deleteUser, updateUser } from '../../people/manage-users.ts';
import { RIGHTS, ROLES } from '../../people/roles.ts';
import { listUsers, type User } from '../../people/users.ts';
import { noteAudit } from '../audit-hook.ts';
import { RequestError } from '../request-error.ts';
import type { ServerDeps } from '../server-deps.ts';
import type { ServerModule } from '../server-module.ts';

// The people: list, add (with a password, or with a one-time invite link of 7 days), change role,
// rights or name, remove. Only owners touch owners; the last owner stays (people/manage-users.ts).

const Role = z.enum(ROLES);
const Right = z.enum(RIGHTS);

const UserView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: Role,
  rights: z.array(z.string()),
  /** False until an invited person has set their password. */
  active: z.boolean(),
  /** When the account was deactivated (no sign-in, no tokens); null while it is active. */
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
});

function view(user: User): z.infer<typeof UserView> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    rights: [...user.rights],
    active: user.active,
    disabledAt: user.disabledAt,
    createdAt: user.createdAt,
  };
}

const IdParams = z.object({ id: z.string().min(1).max(100) });

function actorOf(request: { principal: { user: { id: string }; role: z.infer<typeof Role> } | null }) {
  if (!request.principal) throw new RequestError('authentication_required', 'nobody is signed in');
  return { id: request.principal.user.id, role: request.principal.role };
}

function inviteUrl(deps: ServerDeps, token: string): string {
  return `${deps.settings.publicUrl.replace(/\/+$/, '')}/invite?token=${encodeURIComponent(token)}`;
}

export const usersModule: ServerModule = {
  name: 'users',
  register(app, deps) {
    app.get(
      '/api/v1/users',
      {
        config: { access: 'users:read' },
        schema: {
          tags: ['people'],
          summary: 'The people, their roles and rights',
          response: { 200: z.object({ users: z.array(UserView) }) },
        },
      },
      async () => ({ users: (await listUsers(deps.db)).map(view) }),
    );
    app.post(
      '/api/v1/users',
      {
        config: { access: 'users:manage', audit: 'user.create' },
        schema: {
          tags: ['people'],
          summary: 'Add a person: with a password, or without one for a one-time invite link (7 days)',
          body: z.object({
            email: z.string().min(3).max(254),
            name: z.string().min(1).max(200),
            role: Role,
            rights: z.array(Right).max(10).optional(),
            password: z.string().max(1024).optional(),
          }),
          response: {
            201: z.object({
              user: UserView,
              inviteUrl: z.string().optional(),
              inviteExpiresAt: z.string().optional(),
            }),
          },
        },
      },
      async (request, reply) => {
        const created = await createUser(deps.db, deps.now(), actorOf(request), request.body);
        noteAudit(request, {
          subject: `user:${created.user.id}`,
          details: {
            email: created.user.email,
            role: created.user.role,
            rights: created.user.rights,
            invited: created.invite !== undefined,
          },
        });
        return reply.code(201).send({
          user: view(created.user),
          ...(created.invite
            ? { inviteUrl: inviteUrl(deps, created.invite.token), inviteExpiresAt: created.invite.expiresAt }
            : {}),
        });
      },
    );
    app.patch(
      '/api/v1/users/:id',
      {
        config: { access: 'users:manage', audit: 'user.update' },
        schema: {
          tags: ['people'],
          summary: "Change a person's role, rights or name, or deactivate (and reactivate) them",
          params: IdParams,
          body: z.object({
            role: Role.optional(),
            rights: z.array(Right).max(10).optional(),
            name: z.string().min(1).max(200).optional(),
            disabled: z.boolean().optional(),
          }),
          response: { 200: z.object({ user: UserView }) },
        },
      },
      async (request) => {
        const { before, after } = await updateUser(
          deps.db,
          deps.now(),
          actorOf(request),
          request.params.id,
          request.body,
        );
        // Deactivation is told only when it was asked about (the other changes' entries stay as they were).
        const activity = (user: User) =>
          request.body.disabled === undefined ? {} : { disabledAt: user.disabledAt };
        noteAudit(request, {
          subject: `user:${after.id}`,
          details: {
            before: { role: before.role, rights: before.rights, name: before.name, ...activity(before) },
            after: { role: after.role, rights: after.rights, name: after.name, ...activity(after) },
          },
        });
        return { user: view(after) };
      },
    );
    app.delete(
      '/api/v1/users/:id',
      {
        config: { access: 'users:manage', audit: 'user.delete' },
        schema: {
          tags: ['people'],
          summary: 'Remove a person (their sessions and tokens end)',
          params: IdParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const removed = await deleteUser(deps.db, actorOf(request), request.params.id);
        noteAudit(request, {
          subject: `user:${removed.id}`,
          details: { email: removed.email, role: removed.role },
        });
        return reply.code(204).send(null);
      },
    );
  },
};
