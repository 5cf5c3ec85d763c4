-- A member the course team took out of a group, rather than one who left.
alter table group_member add column removed_by_team boolean default false not null;
