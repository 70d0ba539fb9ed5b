-- Postcodes and phone numbers are stored normalised and formatted only when shown (decision 023):
-- a postcode upper case without spaces ('NR301NE', or an outcode alone, 'NR30'); a UK phone number
-- as E.164 ('+441493846346'). Until now places and link workers' records kept 'NR30 1NE', self-
-- and connector referrals 'NR301NE', and phone numbers however they were typed.

update places set postcode = upper(regexp_replace(postcode, '\s', '', 'g'))
where postcode <> upper(regexp_replace(postcode, '\s', '', 'g'));

update participants set postcode = upper(regexp_replace(postcode, '\s', '', 'g'))
where postcode is not null and postcode <> upper(regexp_replace(postcode, '\s', '', 'g'));

-- A UK number typed as 01493 846346, (01493) 846-346, +44 (0)1493 846346 or 0044 1493 846346 becomes
-- +441493846346. Anything else is left as it was (it is shown as stored).
update organisations o set phone = n.e164
from (
  select id, case
      when d ~ '^\+44[1-9][0-9]{8,9}$' then d
      when d ~ '^\+440[1-9][0-9]{8,9}$' then '+44' || substr(d, 5)
      when d ~ '^0044[1-9][0-9]{8,9}$' then '+44' || substr(d, 5)
      when d ~ '^0[1-9][0-9]{8,9}$' then '+44' || substr(d, 2)
    end as e164
  from (select id, regexp_replace(phone, '[[:space:]().-]', '', 'g') as d from organisations where phone is not null) x
) n
where n.id = o.id and n.e164 is not null and n.e164 <> o.phone;

update activities a set contact_phone = n.e164
from (
  select id, case
      when d ~ '^\+44[1-9][0-9]{8,9}$' then d
      when d ~ '^\+440[1-9][0-9]{8,9}$' then '+44' || substr(d, 5)
      when d ~ '^0044[1-9][0-9]{8,9}$' then '+44' || substr(d, 5)
      when d ~ '^0[1-9][0-9]{8,9}$' then '+44' || substr(d, 2)
    end as e164
  from (select id, regexp_replace(contact_phone, '[[:space:]().-]', '', 'g') as d from activities where contact_phone is not null) x
) n
where n.id = a.id and n.e164 is not null and n.e164 <> a.contact_phone;

update participants p set phone = n.e164
from (
  select id, case
      when d ~ '^\+44[1-9][0-9]{8,9}$' then d
      when d ~ '^\+440[1-9][0-9]{8,9}$' then '+44' || substr(d, 5)
      when d ~ '^0044[1-9][0-9]{8,9}$' then '+44' || substr(d, 5)
      when d ~ '^0[1-9][0-9]{8,9}$' then '+44' || substr(d, 2)
    end as e164
  from (select id, regexp_replace(phone, '[[:space:]().-]', '', 'g') as d from participants where phone is not null) x
) n
where n.id = p.id and n.e164 is not null and n.e164 <> p.phone;

-- Listing changes waiting for approval carry the phone number as typed: the same rule, so approving
-- one does not bring the old form back (and the review shows no change that is only spacing).
update activity_changes c set proposed = jsonb_set(c.proposed, '{contactPhone}', to_jsonb(n.e164))
from (
  select id, case
      when d ~ '^\+44[1-9][0-9]{8,9}$' then d
      when d ~ '^\+440[1-9][0-9]{8,9}$' then '+44' || substr(d, 5)
      when d ~ '^0044[1-9][0-9]{8,9}$' then '+44' || substr(d, 5)
      when d ~ '^0[1-9][0-9]{8,9}$' then '+44' || substr(d, 2)
    end as e164
  from (
    select id, regexp_replace(proposed ->> 'contactPhone', '[[:space:]().-]', '', 'g') as d
    from activity_changes where status = 'pending' and jsonb_typeof(proposed -> 'contactPhone') = 'string'
  ) x
) n
where n.id = c.id and n.e164 is not null;

-- Letters not yet printed end with the postcode as it was stored: give it its space.
update notifications
set recipient = regexp_replace(recipient, E'\\n([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$', E'\n\\1 \\2')
where channel = 'letter' and status = 'pending' and recipient ~ E'\\n[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$';
