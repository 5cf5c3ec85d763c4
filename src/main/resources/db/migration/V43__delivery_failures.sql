-- A batch of an announcement or of a published run's notices that fails is tried again later (1, 2, 4, 8, 16
-- minutes on) instead of at every turn of the delivery job, where it held back every item after it; after 6
-- failures in a row it stops, and the course team sees it and may try again (DeliveryFailures).
alter table course_announcement add column delivery_failures integer default 0 not null;
alter table course_announcement add column delivery_retry_at timestamp with time zone;
alter table course_announcement add column delivery_stopped_at timestamp with time zone;
alter table matching_run add column delivery_failures integer default 0 not null;
alter table matching_run add column delivery_retry_at timestamp with time zone;
alter table matching_run add column delivery_stopped_at timestamp with time zone;
