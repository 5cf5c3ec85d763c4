-- A question thread marked answered: the reply that answers it (chosen by the asker). A reply deleted later takes
-- the mark along (the service clears it; the foreign key is the safety net).
alter table group_post add column answer_id bigint references group_post (id) on delete set null;
alter table group_post add column answered_at timestamp with time zone;
