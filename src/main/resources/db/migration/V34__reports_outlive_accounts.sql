-- A report stays with the course team when its author, or the member it is about, deletes their account: the team
-- may still have to act on it (or see a pattern in a group), and the page then names that side "A former member".
-- The columns are rebuilt because the original foreign keys (on delete cascade) have names chosen by each database;
-- dropping a column drops its key on H2 and PostgreSQL alike.
alter table member_report add column filed_by_id bigint references app_person (id) on delete set null;
alter table member_report add column about_id bigint references app_person (id) on delete set null;
update member_report set filed_by_id = reporter_id, about_id = reported_id;
alter table member_report drop column reporter_id;
alter table member_report drop column reported_id;
alter table member_report rename column filed_by_id to reporter_id;
alter table member_report rename column about_id to reported_id;
create index ix_member_report_reporter on member_report (reporter_id);
create index ix_member_report_reported on member_report (reported_id);
