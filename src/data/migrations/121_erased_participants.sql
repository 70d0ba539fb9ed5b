-- An erased person's record leaves a note that it was erased, and when (decision 023), so their
-- link worker, their scheme's coordinator or an administrator who opens the old page, or looks up
-- the reference, is told so rather than "not found". It holds nothing about the person: the id (a
-- random reference), where the record belonged (scheme, team, caseworker, for who may see the note)
-- and who erased it when.
create table erased_participants (
  participant_id uuid primary key,
  scheme_id uuid references schemes(id) on delete set null,
  organisation_id uuid references organisations(id) on delete set null,
  caseworker_id uuid references users(id) on delete set null,
  erased_at timestamptz not null,
  erased_by uuid references users(id) on delete set null
);
