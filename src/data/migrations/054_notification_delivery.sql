-- Notification delivery: retry timing for the outbox, and who posted a printed letter.
-- A failed email or text is tried again after a pause (attempts 1..5), then left as 'failed'.
alter table notifications add column next_attempt_at timestamptz;
alter table notifications add column posted_by uuid references users(id) on delete set null;
create index notifications_due_idx on notifications (coalesce(next_attempt_at, created_at))
  where status in ('pending', 'failed') and channel <> 'letter';
create index notifications_letters_idx on notifications (created_at) where channel = 'letter' and status = 'pending';
create index notifications_referral_idx on notifications (referral_id);
