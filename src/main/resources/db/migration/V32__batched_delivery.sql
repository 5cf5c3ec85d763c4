-- Notices to many learners are delivered in batches.
--
-- An announcement to a large course is delivered in batches, in enrolment order, by a background job: the request
-- that sends it delivers the first batch (all of a small course), and delivered_up_to is the last enrolment reached.
-- delivered_at stays empty while learners are left to reach. Announcements sent before were delivered at once.
alter table course_announcement add column delivered_up_to bigint default 0 not null;
alter table course_announcement add column delivered_at timestamp with time zone;
update course_announcement set delivered_at = created_at;

-- Running a course again can tell its learners, as an announcement to all of them that carries the new session (and,
-- through it, the invite link as it is when each batch goes).
alter table course_announcement add column new_session_id bigint references course (id) on delete cascade;

-- A published matching run tells its proposals' members in batches too, in member order: notified_up_to is the last
-- member told, notified_at stays empty while members are left to tell. Runs published before told everyone at once.
alter table matching_run add column notified_up_to bigint default 0 not null;
alter table matching_run add column notified_at timestamp with time zone;
update matching_run set notified_at = coalesce(finished_at, started_at);
