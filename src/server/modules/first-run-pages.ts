import formbody from '@fastify/formbody';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { describeError, isErrorCode } from '../../errors.ts';
import { acceptInvite } from '../../people/manage-users.ts';
import { setUpOwner } from '../../people/setup.ts';
import { clientOf, signedInReply } from '../auth/session-reply.ts';
import type { ServerModule } from '../server-module.ts';
import { escapeHtml, HTML, PAGE_HEADERS } from './oauth-consent-page.ts';
import { sendWebIndex, webIndex } from './web-ui.ts';

// The pages behind the links Palisade prints and sends — the first-run setup link of `serve` and
// the invitation link of `users create` — as plain server-rendered forms (no script, no external
// asset), so that a person with only a browser can create the owner or set their password. They
// post to the same people functions as the JSON routes (POST /api/v1/setup, /invites/accept); a
// refused form is shown again with the reason.

const PAGE_STYLE = `body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#172b4d;margin:0}
main{max-width:440px;margin:60px auto;background:#fff;border-radius:6px;padding:32px;box-shadow:0 1px 3px rgba(9,30,66,.25)}
label{display:block;margin:12px 0 4px;font-weight:600}input{width:100%;box-sizing:border-box;padding:8px;font-size:14px}
button{margin-top:20px;background:#0052cc;color:#fff;border:0;border-radius:3px;padding:8px 16px;font-size:14px}
.error{color:#bf2600}.note{color:#5e6c84}`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} · Palisade</title><style>${PAGE_STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}
</main></body></html>`;
}

interface Field {
  name: string;
  label: string;
  type: string;
  autocomplete: string;
}

function form(
  action: string,
  token: string,
  fields: readonly Field[],
  button: string,
  error?: string,
): string {
  return `${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<input type="hidden" name="token" value="${escapeHtml(token)}">
${fields
  .map(
    (f) =>
      `<label for="${f.name}">${escapeHtml(f.label)}</label><input id="${f.name}" name="${f.name}" type="${f.type}" autocomplete="${f.autocomplete}" required>`,
  )
  .join('\n')}
<p class="note">Passwords have at least 12 characters.</p>
<button type="submit">${escapeHtml(button)}</button>
</form>`;
}

const OWNER_FIELDS: readonly Field[] = [
  { name: 'name', label: 'Name', type: 'text', autocomplete: 'name' },
  { name: 'email', label: 'Email', type: 'email', autocomplete: 'username' },
  { name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password' },
];
const INVITE_FIELDS: readonly Field[] = [
  { name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password' },
];

const TokenQuery = z.object({ token: z.string().max(200).default('') });
const text = z.string().max(1024).default('');
const SetupForm = z.object({ token: text, email: text, name: text, password: text });
const InviteForm = z.object({ token: text, password: text });

function html(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).headers(PAGE_HEADERS).type(HTML).send(body);
}

const DONE = (publicUrl: string) =>
  `<p>You are signed in. Palisade's API is at <a href="${escapeHtml(publicUrl)}/api/docs">${escapeHtml(publicUrl)}/api/docs</a>.</p>`;

/** A refusal Palisade explains (a used link, a short password): shown on the form; anything else is thrown. */
function explained(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (!isErrorCode(code)) throw error;
  return describeError(error);
}

export const firstRunPagesModule: ServerModule = {
  name: 'first-run pages',
  async register(app, deps) {
    await app.register(formbody);
    app.get(
      '/setup',
      { config: { access: 'public' }, schema: { hide: true, querystring: TokenQuery } },
      async (request, reply) => {
        // With the web UI built, its setup page (same link, same POST /api/v1/setup) signs the owner in there.
        if (webIndex(deps) && deps.settings.webDist) return sendWebIndex(reply, deps.settings.webDist);
        return html(
          reply,
          200,
          page('Create the owner', form('/setup', request.query.token, OWNER_FIELDS, 'Create the owner')),
        );
      },
    );
    app.post(
      '/setup',
      { config: { access: 'public', audit: 'setup.owner' }, schema: { hide: true, body: SetupForm } },
      async (request, reply) => {
        try {
          const { user, session } = await setUpOwner(deps.db, deps.now(), request.body, clientOf(request));
          signedInReply(request, reply, deps, user, session);
          return html(reply, 200, page('The owner is created', DONE(deps.settings.publicUrl)));
        } catch (error) {
          const body = form('/setup', request.body.token, OWNER_FIELDS, 'Create the owner', explained(error));
          return html(reply, 400, page('Create the owner', body));
        }
      },
    );
    app.get(
      '/invite',
      { config: { access: 'public' }, schema: { hide: true, querystring: TokenQuery } },
      async (request, reply) =>
        html(
          reply,
          200,
          page('Set your password', form('/invite', request.query.token, INVITE_FIELDS, 'Set my password')),
        ),
    );
    app.post(
      '/invite',
      { config: { access: 'public', audit: 'invite.accept' }, schema: { hide: true, body: InviteForm } },
      async (request, reply) => {
        try {
          const { user, session } = await acceptInvite(deps.db, deps.now(), request.body, clientOf(request));
          signedInReply(request, reply, deps, user, session);
          return html(reply, 200, page('Your password is set', DONE(deps.settings.publicUrl)));
        } catch (error) {
          const body = form(
            '/invite',
            request.body.token,
            INVITE_FIELDS,
            'Set my password',
            explained(error),
          );
          return html(reply, 400, page('Set your password', body));
        }
      },
    );
  },
};
