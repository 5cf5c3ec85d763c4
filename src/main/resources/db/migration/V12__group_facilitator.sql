-- A light facilitator role any member of a group can take, pass on or put down (DOMAIN.md: mutual-aid networks start
-- from one or two "engine" members, and the role is informal and rotates).
alter table learning_group add column facilitator_id bigint;
alter table learning_group add column facilitator_since timestamp with time zone;
alter table learning_group add constraint fk_learning_group_facilitator foreign key (facilitator_id) references app_person (id) on delete set null;
