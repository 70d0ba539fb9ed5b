-- A person's stated preference for their buddy (issue 9 part B): optional, used only in matching.
alter table referrals add column buddy_preference text check (buddy_preference in ('woman', 'man'));
