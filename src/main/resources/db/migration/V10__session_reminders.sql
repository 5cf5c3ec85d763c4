-- Study sessions are reminded to the group's members the day before, once: the time it was done.
alter table group_session add column reminded_at timestamp with time zone;
