-- Organisations with a parent body (issue 12, webinar Q3; decision 047): a national body or trust
-- whose staff see all its sites' listings read-only. Each listing is still moderated where its place is.
alter table organisations add column parent_id uuid references organisations(id);
alter table organisations add constraint organisations_parent_not_self check (parent_id is null or parent_id <> id);
create index organisations_parent_idx on organisations (parent_id) where parent_id is not null;
