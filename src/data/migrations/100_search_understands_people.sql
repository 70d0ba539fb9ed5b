-- Search that understands how people type (issue 8, decision 019).

-- English stemming as before, and accents folded (café = cafe) on both sides: the listing text when
-- it is indexed, and the typed words when they are searched. `unaccent` is created when a connection
-- opens (src/data/database.ts), as pg_trgm is.
create text search configuration waymark_search (copy = english);
alter text search configuration waymark_search alter mapping for hword, hword_part, word with unaccent, english_stem;

-- Where a word occurs counts for ranking: in the title, in the activity types and needs
-- (search_labels), or only elsewhere (search_text: summary, description, access and support,
-- organisation, place). refreshActivityIndex fills search_labels and, from now on, leaves the title
-- and labels out of search_text; existing listings get their labels here (the vocabulary as it is
-- today) and keep their text until next indexed.
alter table activities add column search_labels text not null default '';
update activities a set search_labels = coalesce((
  select string_agg(v.label, ' ' order by v.label)
    from (values
      ('walk', 'Heritage walk'), ('guided_tour', 'Guided tour'), ('memory_cafe', 'Memory café or reminiscence'),
      ('oral_history', 'Oral history'), ('community_archaeology', 'Community archaeology'), ('object_handling', 'Museum object handling'),
      ('archives_research', 'Archives and local history research'), ('creative', 'Creative (art, photography, writing)'),
      ('crafts', 'Crafts and traditional skills'), ('conservation_volunteering', 'Conservation and restoration volunteering'),
      ('gardens_green_heritage', 'Historic gardens and green heritage'), ('heritage_transport', 'Heritage transport'),
      ('places_of_worship', 'Places of worship'), ('music_song', 'Music and song'), ('talks_learning', 'Talks and learning'),
      ('loneliness', 'Loneliness and isolation'), ('low_mood', 'Low mood'), ('anxiety', 'Anxiety'), ('dementia', 'Dementia and memory'),
      ('carers', 'Carers'), ('physical_activity', 'Physical activity and mobility'), ('confidence', 'Confidence'),
      ('learning_disability', 'Learning disability'), ('long_term_condition', 'Long-term conditions'), ('bereavement', 'Bereavement')
    ) v(code, label)
   where v.code = any(a.activity_types) or v.code = any(a.needs)), '');

-- search_vector holds every word, to find listings; the title and the labels have their own, to rank
-- them. Each is indexed, so the planner knows how rare a word is in a title before it walks an index.
alter table activities drop column search_vector;
alter table activities add column search_vector tsvector generated always as (
  to_tsvector('waymark_search', title) || to_tsvector('waymark_search', search_labels) || to_tsvector('waymark_search', search_text)
) stored;
alter table activities add column search_title_vector tsvector generated always as (to_tsvector('waymark_search', title)) stored;
alter table activities add column search_labels_vector tsvector generated always as (to_tsvector('waymark_search', search_labels)) stored;
create index activities_search_idx on activities using gin (search_vector);
create index activities_search_title_idx on activities using gin (search_title_vector);
create index activities_search_labels_idx on activities using gin (search_labels_vector);

-- Other words for what people search for, kept by coordinators for the whole directory. A search for
-- `searched_for` also finds listings with `also_find`. The key is the stemmed form, so "ancestor"
-- also serves "ancestors".
create table search_synonyms (
  id uuid primary key default gen_random_uuid(),
  searched_for text not null check (searched_for <> ''),
  also_find text not null check (also_find <> ''),
  searched_for_key text generated always as (plainto_tsquery('waymark_search', searched_for)::text) stored,
  unique (searched_for, also_find)
);
create index search_synonyms_key_idx on search_synonyms (searched_for_key);

insert into search_synonyms (searched_for, also_find) values
  ('lonely', 'loneliness'),
  ('lonely', 'isolation'),
  ('alone', 'loneliness'),
  ('isolated', 'loneliness'),
  ('family tree', 'family history'),
  ('ancestors', 'family history'),
  ('ancestry', 'family history'),
  ('genealogy', 'family history'),
  ('memory', 'reminiscence'),
  ('reminiscence', 'memory'),
  ('dig', 'archaeology'),
  ('excavation', 'archaeology'),
  ('archeology', 'archaeology'),
  ('choir', 'music and song'),
  ('choir', 'singing'),
  ('singing', 'music and song'),
  ('ramble', 'walk'),
  ('hike', 'walk'),
  ('depression', 'low mood'),
  ('depressed', 'low mood'),
  ('sad', 'low mood'),
  ('mental health', 'low mood'),
  ('mental health', 'anxiety'),
  ('anxious', 'anxiety'),
  ('worry', 'anxiety'),
  ('stress', 'anxiety'),
  ('shy', 'confidence'),
  ('grief', 'bereavement'),
  ('grieving', 'bereavement'),
  ('widowed', 'bereavement'),
  ('alzheimers', 'dementia'),
  ('memory loss', 'dementia'),
  ('caring', 'carers'),
  ('exercise', 'physical activity'),
  ('fitness', 'physical activity'),
  ('wheelchair', 'step-free'),
  ('deaf', 'hearing loop'),
  ('deaf', 'british sign language'),
  ('hard of hearing', 'hearing loop'),
  ('sight loss', 'large print'),
  ('learning difficulties', 'learning disability'),
  ('church', 'places of worship'),
  ('chapel', 'places of worship'),
  ('nature', 'gardens'),
  ('sewing', 'stitching'),
  ('sewing', 'embroidery'),
  ('art', 'creative'),
  ('painting', 'creative'),
  ('poetry', 'poems'),
  ('poetry', 'creative writing'),
  ('trains', 'heritage transport'),
  ('railway', 'heritage transport'),
  ('lecture', 'talks'),
  ('coffee', 'café'),
  ('boats', 'maritime'),
  ('ships', 'maritime');
