-- Accounts people can use (issue 7): verified email addresses, temporary passwords changed at first
-- sign-in, two-factor sign-in (TOTP + recovery codes), one-time links stored only as hashes, and the
-- half-signed-in step between password and code. Every timestamp is written by the app's clock.

alter table users add column email_verified_at timestamptz;
alter table users add column must_change_password boolean not null default false;
alter table users add column password_changed_at timestamptz;
-- The authenticator secret, encrypted (AES-256-GCM, key derived from SESSION_SECRET).
alter table users add column totp_secret text;
alter table users add column totp_enabled_at timestamptz;
-- A secret shown during set-up, until the person proves it with a code.
alter table users add column totp_pending_secret text;
-- The last accepted 30-second step: a code is never accepted twice.
alter table users add column totp_last_step bigint;

-- Accounts that exist already were made by administrators or the demo seed.
update users set email_verified_at = created_at;

-- "Forgot your password" and "confirm your email address" links: single use, short-lived, hashed.
create table account_links (
  token_hash text primary key,
  user_id uuid not null references users(id) on delete cascade,
  purpose text not null check (purpose in ('password_reset', 'email_verification')),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index account_links_user_idx on account_links (user_id, purpose);

create table recovery_codes (
  user_id uuid not null references users(id) on delete cascade,
  code_hash text not null,
  created_at timestamptz not null,
  used_at timestamptz,
  primary key (user_id, code_hash)
);

-- Between a correct password and a session: the code, a new password or two-factor set-up still to do.
create table sign_in_steps (
  token_hash text primary key,
  user_id uuid not null references users(id) on delete cascade,
  two_factor_done boolean not null default false,
  return_to text not null default '',
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index sign_in_steps_user_idx on sign_in_steps (user_id);

-- An organisation can require two-factor sign-in of its staff.
alter table organisations add column require_two_factor boolean not null default false;
