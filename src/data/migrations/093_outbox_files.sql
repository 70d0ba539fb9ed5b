-- Erasure must erase, and a file is not a delivery.
-- A message the development sender writes to a file is 'written_to_file' (never 'sent': nobody got
-- it), and the row keeps the file's name so erasure and anonymisation can delete exactly that file.
alter table notifications add column file_name text;
alter table notifications drop constraint notifications_status_check;
alter table notifications add constraint notifications_status_check
  check (status in ('pending', 'sent', 'written_to_file', 'failed'));

-- Referrals anonymised before this change kept the person's messages (texts, letters with name and
-- address, emails to old addresses): those not to a staff account go now; the rest lose their words.
delete from notifications n using referrals r
where r.id = n.referral_id and r.anonymised_at is not null and (n.user_id is null or n.status in ('pending', 'failed'));
update notifications n set subject = '(removed)', body = '(removed: personal data anonymised)'
from referrals r where r.id = n.referral_id and r.anonymised_at is not null and n.body <> '(removed: personal data anonymised)';
update questionnaire_links l set revoked_at = r.anonymised_at
from referrals r where r.id = l.referral_id and r.anonymised_at is not null and l.used_at is null and l.revoked_at is null;
