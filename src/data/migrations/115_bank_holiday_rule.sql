-- Whether a session series runs on bank holidays (decision 022). Series already listed take the
-- default: they run on bank holidays except Christmas Day, Boxing Day and New Year's Day.
alter table activity_sessions add column bank_holidays text not null default 'not_christmas'
  check (bank_holidays in ('not_christmas', 'none', 'all'));
