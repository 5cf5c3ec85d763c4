-- A person's calendar feed: one secret address that calendar apps poll for the sessions of their groups and the
-- meetups they go to. Off until asked for. The address is derived from the server's secret and the generation, so
-- nothing secret is stored. A new address (also when turning it on again) moves the generation on, so older addresses
-- stop working; turning it off makes every address fail.
alter table app_person add column calendar_feed_on boolean default false not null;
alter table app_person add column calendar_feed_generation integer default 0 not null;
