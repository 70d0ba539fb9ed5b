-- Sustainability (issue 9, decision 034): when a prescription ends with "become a buddy / connector /
-- volunteer", the link worker sends the person the "Volunteer with us" form, pre-filled. One row per
-- form sent: when, whether an expression of interest came from it, and whether that person became a
-- volunteer. It holds no personal data: the referral link is cleared when the referral is erased.
create table volunteer_pathways (
  id uuid primary key default gen_random_uuid(),
  scheme_id uuid not null references schemes(id),
  referral_id uuid references referrals(id) on delete set null,
  sent_by uuid references users(id) on delete set null,
  sent_at timestamptz not null,
  expires_at timestamptz not null,
  interest_at timestamptz,
  organisation_id uuid references organisations(id),
  volunteer_at timestamptz
);
create index volunteer_pathways_scheme_idx on volunteer_pathways (scheme_id, sent_at);
create index volunteer_pathways_referral_idx on volunteer_pathways (referral_id);

-- An expression of interest that came from a prescription says so (it is deleted as before; the
-- pathway row keeps the anonymous count).
alter table volunteer_interests add column pathway_id uuid references volunteer_pathways(id) on delete set null;
