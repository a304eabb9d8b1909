import { daysSince, type OrgUser } from './org-accounts.ts';

// When an account counts as dormant, shared by the dormant-users and dormant-admins rules: last
// active longer ago than the limit, or never active though added to the organization longer ago
// than the limit (a fresh account that has not signed in yet is not dormant).

export type Dormancy = { dormant: false } | { dormant: true; reason: string; idleDays: number | null };

export function dormancy(user: OrgUser, maxIdleDays: number, now: Date): Dormancy {
  if (user.lastActive !== null) {
    const idle = daysSince(user.lastActive, now);
    return idle > maxIdleDays
      ? { dormant: true, reason: `last active ${idle} days ago`, idleDays: idle }
      : { dormant: false };
  }
  if (user.addedToOrg === null) return { dormant: true, reason: 'never active', idleDays: null };
  const age = daysSince(user.addedToOrg, now);
  return age > maxIdleDays
    ? { dormant: true, reason: `never active since being added ${age} days ago`, idleDays: null }
    : { dormant: false };
}
