-- The answers to a meetup that has started stay when their learner deletes the account, so that the course team's
-- counts of who came do not change afterwards; the organizer's page says "Account deleted" for them. (Answers to
-- meetups still to come are withdrawn before the account goes, which frees the seat for the waiting list.)
-- The column is rebuilt as in V34: each database named the original foreign key itself. The unique constraint and the
-- index on the column are dropped first (H2 refuses to drop a column in a constraint of two columns) and made again.
alter table meetup_rsvp drop constraint uq_meetup_rsvp;
drop index ix_meetup_rsvp_person;
alter table meetup_rsvp add column answered_by_id bigint references app_person (id) on delete set null;
update meetup_rsvp set answered_by_id = person_id;
alter table meetup_rsvp drop column person_id;
alter table meetup_rsvp rename column answered_by_id to person_id;
alter table meetup_rsvp add constraint uq_meetup_rsvp unique (meetup_id, person_id);
create index ix_meetup_rsvp_person on meetup_rsvp (person_id);
