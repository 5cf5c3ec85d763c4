-- Importing learners makes Entraide write to every address in the file (proposals, reminders), and anyone may create a
-- course: a platform administrator allows it course by course. Courses that have imported already keep it.
alter table course add column import_allowed boolean default false not null;
update course set import_allowed = true where id in (select course_id from enrolment where imported_at is not null);
