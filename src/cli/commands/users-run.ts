import { recordAudit } from '../../audit/audit-log.ts';
import { createUser } from '../../people/manage-users.ts';
import { isRole, ROLES } from '../../people/roles.ts';
import { listUsers } from '../../people/users.ts';
import { CliError } from '../cli-error.ts';
import { EXIT_OK } from '../exit-codes.ts';
import type { CommandContext } from '../run-cli.ts';
import { defaultDatabase } from '../store/default-database.ts';
import { openStore } from '../store/open-store.ts';

// `palisade users create|list`: straight on the store, as whoever runs the command (the audit log
// records `cli` as the actor's way in). Without --password-stdin the person gets a one-time invite
// link (7 days) to choose their password; a password is never taken as a flag (shell history).

export interface UsersCreateFlags {
  email: string;
  name: string;
  role: string;
  right?: string[];
  passwordStdin?: boolean;
  publicUrl?: string;
  db?: string;
}

export interface UsersListFlags {
  db?: string;
}

const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:8080';

export async function usersCreate(
  flags: UsersCreateFlags,
  ctx: CommandContext,
  readStdin: () => Promise<string> = readProcessStdin,
): Promise<number> {
  const { deps } = ctx;
  if (!isRole(flags.role)) {
    throw new CliError('usage', `--role ${flags.role} is not a role: use one of ${ROLES.join(', ')}`);
  }
  const password = flags.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : undefined;
  if (password !== undefined) ctx.secrets.add(password);
  const publicUrl = (flags.publicUrl ?? DEFAULT_PUBLIC_URL).replace(/\/+$/, '');
  const store = await openStore(flags.db ?? defaultDatabase(deps), { mustExist: false });
  try {
    const created = await createUser(store.db, deps.now(), null, {
      email: flags.email,
      name: flags.name,
      role: flags.role,
      rights: flags.right ?? [],
      password,
    });
    await recordAudit(store.db, {
      actor: 'cli',
      action: 'user.create',
      subject: `user:${created.user.id}`,
      details: {
        email: created.user.email,
        role: created.user.role,
        rights: created.user.rights,
        invited: !password,
      },
      source: { via: 'cli' },
      at: deps.now(),
    });
    deps.stdout.write(`Added ${created.user.name} <${created.user.email}> as ${created.user.role}.\n`);
    if (created.invite) {
      deps.stdout.write(
        `Invite link (one use, expires ${created.invite.expiresAt}):\n  ${publicUrl}/invite?token=${encodeURIComponent(created.invite.token)}\n`,
      );
    }
    return EXIT_OK;
  } finally {
    await store.close();
  }
}

export async function usersList(flags: UsersListFlags, ctx: CommandContext): Promise<number> {
  const { deps } = ctx;
  const store = await openStore(flags.db ?? defaultDatabase(deps), { mustExist: false });
  try {
    const users = await listUsers(store.db);
    if (users.length === 0)
      deps.stdout.write('Nobody yet: `palisade serve` prints the setup link for the first owner.\n');
    for (const u of users) {
      const rights = u.rights.length ? `  rights: ${u.rights.join(', ')}` : '';
      const state = u.active ? '' : '  (invited, no password yet)';
      deps.stdout.write(`${u.email}  ${u.name}  ${u.role}${rights}${state}\n`);
    }
    return EXIT_OK;
  } finally {
    await store.close();
  }
}

async function readProcessStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new CliError(
      'usage',
      '--password-stdin reads the password from a pipe: printf %s "$PASSWORD" | palisade users create …',
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
