-- Which notifications also come by e-mail: ALL, ANSWERS (only those that ask for the person's answer) or NONE.
alter table app_person add column email_notifications varchar(20) default 'ALL' not null;
