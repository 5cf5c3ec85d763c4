-- Ends a person's other sessions: the local session cookie carries the generation it was issued in, and a cookie of an
-- older generation no longer signs anyone in. Changing or resetting the password, or "Sign out everywhere else",
-- moves the generation on.
alter table app_person add column session_generation integer default 0 not null;
