-- A course whose team a platform administrator allowed to write to new addresses (the permission of imports) may
-- invite to its staff an address with no account of its own: the invitation goes by e-mail with a link, and whoever
-- opens it signs in or signs up, then answers. Only the link's hash is kept. Every invitation keeps the address typed,
-- which is all the course team sees until the answer.
alter table staff_invite alter column person_id drop not null;
alter table staff_invite add column email varchar(254);
update staff_invite set email = (select p.email from app_person p where p.id = staff_invite.person_id);
alter table staff_invite alter column email set not null;
alter table staff_invite add column token_hash varchar(64);
alter table staff_invite add constraint uq_staff_invite_token unique (token_hash);
alter table staff_invite add constraint uq_staff_invite_email unique (course_id, email, role);
