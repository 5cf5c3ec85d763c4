-- A weekly series of meetups scheduled at once (a learning circle meets at the same place every week): each meetup
-- stays its own (answers, seats, changes, cancelling), and carries the id of the series' first meetup so that each
-- page lists the other dates.
alter table meetup add column series_id bigint;
create index ix_meetup_series on meetup (series_id, starts_at);
