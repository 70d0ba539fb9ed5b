-- One short code per activity (issue 10, decision 030): printed on paper, read out on the phone and
-- typed on the website, e.g. NR-4K7. The prefix is the postcode area of the activity's place when the
-- code was made; the rest comes from 23 characters that cannot be mistaken for one another (no 0/O,
-- 1/I/L, 2/Z, 5/S, 8/B, U/V). A code never changes, even if the activity moves.
-- Codes are unique without their hyphen, since people type them without it: "nr4k7".
alter table activities add column short_code text;

create function new_activity_short_code(prefix text) returns text language plpgsql volatile as $$
declare
  alphabet constant text := '34679ACDEFGHJKMNPQRTWXY';
  candidate text;
  body_length integer := 3;
  tries integer := 0;
begin
  loop
    candidate := prefix || '-';
    for i in 1..body_length loop
      candidate := candidate || substr(alphabet, 1 + floor(random() * length(alphabet))::integer, 1);
    end loop;
    exit when not exists (select 1 from activities where replace(short_code, '-', '') = replace(candidate, '-', ''));
    tries := tries + 1;
    -- An area with thousands of activities gets four characters once three rarely find a free code.
    if tries >= 20 then body_length := 4; end if;
  end loop;
  return candidate;
end $$;

create function activity_short_code_prefix(place uuid) returns text language sql stable as $$
  select coalesce(substring(upper(p.postcode) from '^[A-Z]{1,2}'), 'WM') from places p where p.id = place
$$;

create function assign_activity_short_code() returns trigger language plpgsql as $$
begin
  if new.short_code is null then
    new.short_code := new_activity_short_code(coalesce(activity_short_code_prefix(new.place_id), 'WM'));
  end if;
  return new;
end $$;

create trigger activities_short_code before insert on activities for each row execute function assign_activity_short_code();

do $$
declare
  a record;
begin
  for a in select id, place_id from activities where short_code is null order by created_at, id loop
    update activities set short_code = new_activity_short_code(coalesce(activity_short_code_prefix(a.place_id), 'WM')) where id = a.id;
  end loop;
end $$;

alter table activities alter column short_code set not null;
alter table activities add constraint activities_short_code_shape check (short_code ~ '^[A-Z]{1,2}-[34679ACDEFGHJKMNPQRTWXY]{3,4}$');
create unique index activities_short_code_idx on activities (replace(short_code, '-', ''));
