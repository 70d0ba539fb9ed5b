-- A caller on the phone line asks to talk to a link worker (issue 10, decision 039). Not a referral:
-- it names a scheme, not an activity or a provider. The scheme's link workers see it; one takes it,
-- which makes a person in their caseload and blanks the contact details here (least data). Open
-- requests are flagged to the scheme's coordinators after 2 working days and deleted after 90 days.
create table link_worker_requests (
  id uuid primary key default gen_random_uuid(),
  scheme_id uuid not null references schemes(id) on delete cascade,
  -- The caller's details: present only while the request is open.
  preferred_name text,
  contact_preference text check (contact_preference in ('phone', 'text', 'email')),
  phone text,
  email text,
  postcode text,
  easting integer,
  northing integer,
  needs text[] not null default '{}',
  note text not null default '',
  -- The words the caller agreed to, exactly as the screen showed them.
  consent_words text not null,
  created_by uuid references users(id) on delete set null,
  created_at timestamptz not null,
  status text not null check (status in ('open', 'taken', 'closed')),
  taken_by uuid references users(id) on delete set null,
  taken_at timestamptz,
  participant_id uuid references participants(id) on delete set null,
  flagged_at timestamptz,
  check (status = 'open' or (preferred_name is null and phone is null and email is null and postcode is null and note = ''))
);
create index link_worker_requests_open_idx on link_worker_requests (scheme_id, status, created_at);
