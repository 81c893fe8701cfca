/**
 * The Web Connector's tables, one file a job: the company row, its chart of accounts, installs,
 * sessions and the company's one-session lease. They are reached with plain SQL: small, atomic
 * statements (leases, sign-in counts). This path stays for the modules that import them all from
 * one place (the connection API, the session steps).
 */
export type { AccountRow } from './account-store';
export { accountsOf, replaceAccounts } from './account-store';
export type { InstallListRow, InstallRow, NewInstall } from './install-store';
export { createInstall, installByQwcToken, installByUsername, installOf, installsOf, renewInstallCredentials, revokeInstall } from './install-store';
export type { QbdCompanyRow } from './qbd-company-store';
export { createQbdCompany, qbdCompany, recordQuickBooksFacts } from './qbd-company-store';
export { acquireLease, releaseLease } from './session-lease';
export type { BatchMember, SessionPlan, SessionRow } from './session-store';
export { createSession, endSessionsOf, lockSession, sessionByTicketHash, updateSession } from './session-store';
