import { AccountRecord } from '../../qbxml/records/account-record';
import { buildAccountQuery } from '../../qbxml/requests/list-queries';
import { replaceAccounts } from '../../store/account-store';
import { SessionStep, statusOf } from './session-step';

/** The chart of accounts, active and inactive (AccountQuery has no iterator: it is small). */
export const accountsStep: SessionStep = {
  name: 'accounts',
  phase: 'accounts',
  shares: () => true,
  buildRequest: ({ requestId }) => buildAccountQuery({ requestId, select: { activeStatus: 'All' } }),
  async handleAnswer({ em, connectionId, requestId }, events) {
    statusOf(events, requestId);
    const accounts = events.flatMap((e) => (e.kind === 'record' && e.record.type === 'AccountRet' ? [e.record as AccountRecord] : []));
    await replaceAccounts(
      em,
      connectionId,
      accounts.map((a) => ({
        list_id: a.listId,
        name: a.name,
        full_name: a.fullName,
        account_type: a.accountType,
        special_account_type: a.specialAccountType ?? null,
        is_active: a.isActive,
        edit_sequence: a.editSequence,
      })),
    );
    return { done: true, counts: { accounts: accounts.length } };
  },
};
