-- Every timestamp the app writes comes from the injected clock (decision 011).
-- The database no longer fills any in: an insert that forgets one fails instead of taking the
-- server's wall-clock time, which made tests depend on the day they ran.
alter table users alter column created_at drop default;
alter table user_sessions alter column created_at drop default;
alter table organisations alter column created_at drop default;
alter table organisations alter column updated_at drop default;
alter table memberships alter column created_at drop default;
alter table places alter column created_at drop default;
alter table places alter column updated_at drop default;
alter table activities alter column last_checked_at drop default;
alter table activities alter column created_at drop default;
alter table activities alter column updated_at drop default;
alter table activity_changes alter column proposed_at drop default;
alter table activity_versions alter column created_at drop default;
alter table activity_sessions alter column created_at drop default;
alter table audit_events alter column at drop default;
alter table schemes alter column created_at drop default;
alter table participants alter column created_at drop default;
alter table participants alter column updated_at drop default;
alter table consents alter column given_at drop default;
alter table referrals alter column created_at drop default;
alter table referrals alter column updated_at drop default;
alter table referral_events alter column at drop default;
alter table attendance alter column recorded_at drop default;
alter table notifications alter column created_at drop default;
alter table conversation_prompts alter column updated_at drop default;
alter table instrument_wordings alter column loaded_at drop default;
alter table questionnaire_links alter column created_at drop default;
alter table questionnaire_responses alter column completed_at drop default;
alter table buddy_schemes alter column created_at drop default;
alter table buddy_schemes alter column updated_at drop default;
