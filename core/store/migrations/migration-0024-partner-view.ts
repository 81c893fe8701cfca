import { Migration } from '@mikro-orm/migrations';

/**
 * What the partner's page needs to tell them what happened and what needs them:
 * - `sync_event.effect`: whether an applied upsert made the record or changed it, so the log can
 *   say "added" or "updated" (null for rows written before, and for other outcomes); `counts`:
 *   on a session's summary line, how many lines of each kind the session wrote.
 * - `connection.last_answered_at`: when the accounting system last answered a request, the
 *   connection's pulse; `quiet_since`: set when the connection was found quiet (stale) and its
 *   event written, cleared when it calls again, so the warning is written once per quiet spell
 *   by whichever instance sees it first.
 * - `connection.progress_counts`: the running session's counts, so progress can say "240
 *   invoices read" beside its phase.
 */
export class Migration0024PartnerView extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table sync_event add column effect text, add column counts jsonb');
    this.addSql(`alter table connection add column last_answered_at timestamptz, add column quiet_since timestamptz,
      add column progress_counts jsonb not null default '{}'::jsonb`);
  }

  override async down(): Promise<void> {
    this.addSql('alter table connection drop column last_answered_at, drop column quiet_since, drop column progress_counts');
    this.addSql('alter table sync_event drop column effect, drop column counts');
  }
}
