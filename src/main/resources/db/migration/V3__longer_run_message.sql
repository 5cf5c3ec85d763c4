-- The unplaced learners of a run and their reasons ("personId:REASON,..."): 500 characters held about 18 of them.
alter table matching_run alter column message set data type varchar(100000);
