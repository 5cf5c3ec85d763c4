-- When a course team's profile import last wrote an enrolment's answers. A learner who saved answers after joining
-- or after that import answered themselves, and later imports keep their answers.
alter table enrolment add column imported_at timestamp with time zone;
