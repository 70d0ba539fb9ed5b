-- Volunteers' out-of-pocket expenses (issue 9 part B), one claim per accompanied visit, no bank
-- details (paid by the host organisation however it pays, cash included). Mileage at HMRC's dated
-- rates (domain/mileage.ts), worked out when claimed.
create table visit_expenses (
  id uuid primary key default gen_random_uuid(),
  visit_id uuid not null unique references buddy_visits(id) on delete cascade,
  volunteer_id uuid not null references volunteers(id),
  travel_date date not null,
  miles numeric(6, 1) not null default 0 check (miles >= 0 and miles <= 500),
  mileage_pence integer not null default 0 check (mileage_pence >= 0),
  start_postcode text,
  end_postcode text,
  public_transport_pence integer not null default 0 check (public_transport_pence between 0 and 50000),
  parking_pence integer not null default 0 check (parking_pence between 0 and 50000),
  total_pence integer not null check (total_pence > 0),
  status text not null default 'claimed' check (status in ('claimed', 'approved', 'rejected')),
  claimed_at timestamptz not null,
  decided_at timestamptz,
  decided_by uuid references users(id) on delete set null
);
create index visit_expenses_volunteer_idx on visit_expenses (volunteer_id, travel_date);
