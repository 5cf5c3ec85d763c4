-- Who a notification names ("Ana planned a session"): when that person deletes their account, the notifications others
-- received keep the event but no longer the name (actor_gone; the name is blanked and read as "A former member").
alter table notification add column actor_id bigint references app_person (id) on delete set null;
alter table notification add column actor_gone boolean default false not null;
create index ix_notification_actor on notification (actor_id);
