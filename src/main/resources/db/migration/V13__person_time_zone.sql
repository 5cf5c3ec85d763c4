-- A person's own time zone, for pages where no course profile gives one (course teams and organizers read
-- explanations and common hours in it instead of UTC).
alter table app_person add column time_zone varchar(64);
