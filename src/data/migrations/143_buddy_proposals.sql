-- Proposing a buddy to a person (issue 9, decision 033): the volunteer lead proposes one buddy for a
-- buddy-scheme referral, and optionally a second for continuity; each buddy accepts or declines with
-- a reason. A declined buddy is not proposed again for the same referral.
create table buddy_proposals (
  id uuid primary key default gen_random_uuid(),
  -- The order they were proposed in (several at the same moment keep their order).
  seq bigint generated always as identity,
  referral_id uuid not null references referrals(id) on delete cascade,
  volunteer_id uuid not null references volunteers(id),
  -- The second buddy, proposed for continuity (when the first cannot go).
  continuity boolean not null,
  status text not null default 'proposed' check (status in ('proposed', 'accepted', 'declined')),
  proposed_by uuid references users(id) on delete set null,
  proposed_at timestamptz not null,
  answered_at timestamptz,
  decline_reason text,
  -- The buddy's own words beside the reason: cleared with the referral's other free text.
  decline_note text,
  unique (referral_id, volunteer_id),
  constraint buddy_proposals_answered check ((status = 'proposed') = (answered_at is null)),
  constraint buddy_proposals_reason check ((status = 'declined') = (decline_reason is not null))
);
-- One first buddy and one for continuity at a time: a declined proposal frees its place.
create unique index buddy_proposals_place_idx on buddy_proposals (referral_id, continuity) where status <> 'declined';
create index buddy_proposals_volunteer_idx on buddy_proposals (volunteer_id, status);
