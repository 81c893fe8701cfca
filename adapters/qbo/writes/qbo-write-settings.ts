import type { EntityManager } from '@mikro-orm/postgresql';
import { qboSettings } from '../store/qbo-connection-store';

/** The accounts the partner chose for this connection (Integrations page), as QBO Account Ids. */
export interface QboWriteSettings {
  /** Where payments land; none: QBO's default, Undeposited Funds (reference §5.3). */
  readonly paymentAccountId?: string;
  /** The bank account payouts are deposited to. */
  readonly depositAccountId?: string;
}

export async function qboWriteSettings(em: EntityManager, connectionId: string): Promise<QboWriteSettings> {
  const settings = await qboSettings(em, connectionId);
  return { paymentAccountId: settings.paymentAccountId ?? undefined, depositAccountId: settings.depositAccountId ?? undefined };
}
