-- "How did the course go?": each learner's own answer at the end of the course (whether they finished it, whether
-- studying with others helped), kept on their course profile so it goes when they leave the course or delete their
-- account. The course team only ever sees counts. wrap_up_asked_at: when the end-of-course notice went out (once).
alter table enrolment add column course_result varchar(20);
alter table enrolment add column partners_helped varchar(20);
alter table enrolment add column wrap_up_answered_at timestamp with time zone;
alter table enrolment add column wrap_up_asked_at timestamp with time zone;
