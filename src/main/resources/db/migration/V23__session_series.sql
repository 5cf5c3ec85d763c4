-- A weekly series of study sessions planned at once: each session stays its own (changed or cancelled on its own),
-- and carries the id of the series' first session so that "cancel this and the later ones" finds the rest.
alter table group_session add column series_id bigint;
create index ix_group_session_series on group_session (series_id, starts_at);
