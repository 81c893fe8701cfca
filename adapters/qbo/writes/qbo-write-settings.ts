import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../../../core/store/send-sql';

/** The accounts the partner chose for this connection (Integrations page), as QBO Account Ids. */
export interface QboWriteSettings {
  /** Where payments land; none: QBO's default, Undeposited Funds (reference §5.3). */
  readonly paymentAccountId?: string;
  /** The bank account payouts are deposited to. */
  readonly depositAccountId?: string;
}

/** Read from helper "connect"'s qbo_connection row (columns payment_account_id, deposit_account_id). */
export async function qboWriteSettings(em: EntityManager, connectionId: string): Promise<QboWriteSettings> {
  const [row] = await sendSql<{ payment_account_id: string | null; deposit_account_id: string | null }[]>(
    em,
    'select payment_account_id, deposit_account_id from qbo_connection where connection_id = ?',
    [connectionId],
  );
  return { paymentAccountId: row?.payment_account_id ?? undefined, depositAccountId: row?.deposit_account_id ?? undefined };
}
