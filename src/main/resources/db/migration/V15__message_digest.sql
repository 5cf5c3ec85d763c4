-- How messages in a person's groups reach them by e-mail: NOTICE (one e-mail when someone writes, until read, as
-- the e-mail choice allows), DAILY or WEEKLY (a digest with the messages themselves). digest_since: the messages
-- after this instant go into the next digest; null unless a digest is chosen.
alter table app_person add column message_mail varchar(20) default 'NOTICE' not null;
alter table app_person add column digest_since timestamp with time zone;
create index ix_person_digest_since on app_person (digest_since);
