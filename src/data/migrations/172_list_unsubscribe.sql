-- One-click unsubscribe (RFC 8058, decision 041): an email that belongs to a mailing (the activity
-- digests) carries its unsubscribe address, which the senders put in the List-Unsubscribe header with
-- List-Unsubscribe-Post. The address holds the subscription's id and a keyed token, nothing personal.
alter table notifications add column list_unsubscribe text;
