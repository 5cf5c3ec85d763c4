-- Why the last matching run left a waiting learner without partners (the engine's reason, for the format it matched),
-- so that the course page can say it in plain words with what would help. Cleared when a run places them.
alter table enrolment add column unplaced_reason varchar(40);
alter table enrolment add column unplaced_format varchar(20);
alter table enrolment add column unplaced_at timestamp with time zone;
