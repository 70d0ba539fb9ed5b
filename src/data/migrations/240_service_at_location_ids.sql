-- ORUK service_at_locations/{id} (issue 13): the id is a name-based UUID of the listing and its place
-- (api/oruk/service.serialiser.ts), which SQL cannot compute without pgcrypto, so the app fills this
-- column and the lookup is one index probe. The trigger empties it whenever the place changes (and on
-- insert), so a value present is always the id of the listing's current place; empty ones are filled
-- before each lookup (the partial index keeps finding them cheap).
alter table activities add column oruk_service_at_location_id uuid;
create unique index activities_oruk_service_at_location_id on activities (oruk_service_at_location_id);
create index activities_oruk_service_at_location_id_missing on activities (id) where oruk_service_at_location_id is null;

create function activities_forget_service_at_location_id() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' or new.place_id is distinct from old.place_id then
    new.oruk_service_at_location_id := null;
  end if;
  return new;
end $$;

create trigger activities_forget_service_at_location_id before insert or update of place_id on activities
  for each row execute function activities_forget_service_at_location_id();
