import type { Kysely } from 'kysely';
import { appSubject, recordAudit } from '../../audit/audit-log.ts';
import type { Database } from '../../db/schema.ts';
import { AppRiskError } from '../model/errors.ts';
import type { ScoreOverride } from '../model/score.ts';

// A person's manual risk score for an app (Cisco, Palo Alto and Zscaler all allow one): it replaces
// the computed score and band while the computed one and its factors stay visible. Setting and
// clearing are audited, with the justification and the score they replaced.

export const MIN_JUSTIFICATION = 10;

export interface SetOverrideInput {
  connectionId: string;
  appKey: string;
  score: number;
  justification: string;
  actor: string;
  now: Date;
  /** The computed score at the time, kept in the audit entry. */
  computedScore?: number | null;
}

export async function listScoreOverrides(
  db: Kysely<Database>,
  connectionId: string,
): Promise<Map<string, ScoreOverride>> {
  const rows = await db
    .selectFrom('app_score_overrides')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .orderBy('app_key')
    .execute();
  return new Map(
    rows.map((r) => [
      r.app_key,
      { score: r.score, justification: r.justification, actor: r.actor, at: r.at },
    ]),
  );
}

export async function setScoreOverride(
  db: Kysely<Database>,
  input: SetOverrideInput,
): Promise<ScoreOverride> {
  if (!Number.isInteger(input.score) || input.score < 0 || input.score > 100) {
    throw new AppRiskError('invalid_override', 'an override score is a whole number from 0 to 100');
  }
  const justification = input.justification.trim();
  if (justification.length < MIN_JUSTIFICATION) {
    throw new AppRiskError(
      'invalid_override',
      `an override needs a justification of at least ${MIN_JUSTIFICATION} characters`,
    );
  }
  if (!input.actor.trim()) throw new AppRiskError('invalid_override', 'an override needs an actor');
  const at = input.now.toISOString();
  const override: ScoreOverride = { score: input.score, justification, actor: input.actor, at };
  return db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('app_score_overrides')
      .selectAll()
      .where('connection_id', '=', input.connectionId)
      .where('app_key', '=', input.appKey)
      .executeTakeFirst();
    await trx
      .insertInto('app_score_overrides')
      .values({
        connection_id: input.connectionId,
        app_key: input.appKey,
        score: input.score,
        justification,
        actor: input.actor,
        at,
      })
      .onConflict((oc) =>
        oc
          .columns(['connection_id', 'app_key'])
          .doUpdateSet({ score: input.score, justification, actor: input.actor, at }),
      )
      .execute();
    await recordAudit(trx, {
      connectionId: input.connectionId,
      actor: input.actor,
      action: 'app.score-override',
      subject: appSubject(input.appKey),
      at: input.now,
      details: {
        score: input.score,
        justification,
        previousOverride: previous ? previous.score : null,
        computedScore: input.computedScore ?? null,
      },
    });
    return override;
  });
}

/** Removes the override (the computed score applies again); false when there was none. */
export async function clearScoreOverride(
  db: Kysely<Database>,
  input: { connectionId: string; appKey: string; actor: string; now: Date; justification?: string },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('app_score_overrides')
      .selectAll()
      .where('connection_id', '=', input.connectionId)
      .where('app_key', '=', input.appKey)
      .executeTakeFirst();
    if (!previous) return false;
    await trx
      .deleteFrom('app_score_overrides')
      .where('connection_id', '=', input.connectionId)
      .where('app_key', '=', input.appKey)
      .execute();
    await recordAudit(trx, {
      connectionId: input.connectionId,
      actor: input.actor,
      action: 'app.score-override-cleared',
      subject: appSubject(input.appKey),
      at: input.now,
      details: { previousOverride: previous.score, justification: input.justification ?? null },
    });
    return true;
  });
}
