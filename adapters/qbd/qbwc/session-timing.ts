/** A ticket with no call for this long is dead, whatever became of its lease. */
export const TICKET_IDLE_SECONDS = 30 * 60;
/**
 * A session with no call for this long no longer keeps another computer from the company.
 * Between two calls of a live session QuickBooks runs one request: our requests are pages
 * (MaxReturned), which QuickBooks answers in seconds, and a big query "can take minutes"
 * (../shared/reference/qbwc-qbxml.md §9, pitfall 7; Conductor waits 90 s a request, a .NET SOAP client 100 s a call). Ten
 * minutes is several times the longest of these; the same computer never waits at all, since
 * its next sign-in supersedes its own dead session.
 */
export const LEASE_IDLE_SECONDS = 10 * 60;
/** A live session renews its lease and ticket at most this often. */
export const RENEW_AFTER_SECONDS = 60;
/** 'none' answers ask QBWC to come back after this long. */
export const PAUSED_POSTPONE_SECONDS = 3600;
export const BUSY_POSTPONE_SECONDS = 120;
