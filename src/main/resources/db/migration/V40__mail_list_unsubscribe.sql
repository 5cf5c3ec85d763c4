-- Mail to a person carries List-Unsubscribe and List-Unsubscribe-Post (RFC 8058): their mail app offers a one-click
-- "unsubscribe" that stops Entraide's e-mails, as large mailbox providers require of services that send this much mail.
-- The address is signed for the person (nothing secret is stored); mail to addresses without an account has none.
alter table mail_outbox add column unsubscribe_url varchar(300);
