import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../../../core/store/send-sql';
import { SqlStatement, sendTogether } from '../../../core/store/send-together';
import { cursorsOfConnection, primeCursors } from '../../../core/store/sync-cursors';
import { firstNotedOfConnection, primeFirstNoted } from './presence';
import type { QbdCompanyRow } from './qbd-company-store';
import { endSessionsOfInstall } from './session-store';

type Em = EntityManager;

/**
 * Takes the company's one-session lease, or renews it for the same ticket: the company's row
 * (its facts and settings, so a new session needs no second read), or undefined while another
 * live session holds it. A lease whose session died expires by itself.
 */
export async function acquireLease(em: Em, connectionId: string, ticketHash: string, now: Date, ttlSeconds: number): Promise<QbdCompanyRow | undefined> {
  const rows = await sendSql<QbdCompanyRow[]>(em, `${leaseUpdate()} returning *`, [ticketHash, now, ttlSeconds, connectionId, ticketHash, now]);
  return rows[0];
}

/** The lease's update, for a ticket, a time, a TTL, a connection, the ticket again and the time again; `alsoFree`: SQL true of a holder that counts as gone. */
const leaseUpdate = (alsoFree?: string) =>
  `update qbd_company set lease_ticket_hash = ?, lease_expires_at = ?::timestamptz + make_interval(secs => ?)
     where connection_id = ? and (lease_ticket_hash is null or lease_ticket_hash = ? or lease_expires_at < ?${alsoFree ? ` or ${alsoFree}` : ''})`;

export interface SignInLease {
  /** The company's row when its lease was taken; undefined while another live session holds it. */
  readonly company?: QbdCompanyRow;
  /** How many unfinished sessions of the install were ended. */
  readonly superseded: number;
}

/**
 * A sign-in's taking of the company, in one statement: the install's unfinished sessions end
 * (its Web Connector gave up on them), and the lease is taken, counting a lease held by one of
 * them as free. The lease condition reads those sessions from the table, as the statement's
 * snapshot still shows them open, not from the update that ends them: a sign-in that waits for
 * another's lock on the company row rechecks the condition (EvalPlanQual), and PostgreSQL refuses
 * a recheck that names another part's update ("ModifyTable should not be called during
 * EvalPlanQual"; test: two computers signing in at once). `em` then holds what planning the new
 * session reads, read in the same statement: the connection's bookmarks and when its records were
 * first noted. `alongside`: writes sent with it (the sign-in's record), touching none of these
 * rows. A round trip a sign-in instead of four; 200 Web Connectors signing in at once queue behind
 * every statement (benchmark 3).
 */
export async function takeCompanyForSignIn(
  em: Em,
  input: { installId: string; connectionId: string; ticketHash: string; now: Date; ttlSeconds: number; reason: string },
  alongside: readonly SqlStatement[],
): Promise<SignInLease> {
  const { installId, connectionId, ticketHash, now, ttlSeconds, reason } = input;
  const ending = endSessionsOfInstall(installId, now, reason);
  const [row] = await sendTogether<(QbdCompanyRow & { superseded: number; cursors: Record<string, string>; first_noted: Record<string, string | null> })[]>(
    em,
    [
      ...alongside,
      {
        sql: `with ended as (${ending.sql}),
                   took as (${leaseUpdate('lease_ticket_hash in (select s.ticket_hash from qbwc_session s where s.install_id = ? and s.closed_at is null)')} returning *)
              select took.*, (select count(*)::int from ended) as superseded,
                     ${cursorsOfConnection('?::uuid')} as cursors, ${firstNotedOfConnection('?::uuid')} as first_noted
                from (select 1) as one left join took on true`,
        params: [...ending.params, ticketHash, now, ttlSeconds, connectionId, ticketHash, now, installId, connectionId, connectionId],
      },
    ],
  );
  const { superseded, cursors, first_noted, ...company } = row;
  primeCursors(em, connectionId, cursors);
  primeFirstNoted(em, connectionId, first_noted);
  return { superseded, company: company.connection_id ? company : undefined };
}
