-- Caseload: default conversation prompts for talking about heritage (coordinators edit them), and
-- indexes for the administrators' audit reader (filter by person, by user, by date).

insert into conversation_prompts (theme, prompt, position) values
  ('Places that matter', 'Is there a place round here that means something to you – a street, a building, a park, a shop, a pub, a church?', 1),
  ('Memories', 'What do you remember about this area when you were younger? What has changed, and what has stayed the same?', 2),
  ('What they used to enjoy', 'What did you used to enjoy doing that you have not done for a while? What got in the way?', 3),
  ('Skills', 'Is there something you know how to do, or used to do for work, that you could show someone else?', 4),
  ('People', 'Who would you like to spend more time with? Would you rather go along with someone the first time?', 5),
  ('Getting out', 'How do you usually get about? Is there anything that makes going out hard – getting there, steps, cost, not knowing anyone?', 6),
  ('Curiosity', 'Is there anything about your family, your street or your town''s history you have always wondered about?', 7),
  ('Feeling welcome', 'Are there places where you feel at home, or places where you do not feel welcome? What would help you feel comfortable?', 8);

create index audit_events_at_idx on audit_events (at);
create index audit_events_actor_idx on audit_events (actor_id, at);
