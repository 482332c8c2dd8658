-- Sign-in names that no account has are kept only as digests from now on (a password typed
-- into the name box must not sit in the clear). The digest is salted per installation, so one
-- dictionary run does not reverse the digests of every office at once.
INSERT OR IGNORE INTO settings (key, value) VALUES ('sign_in_name_salt', lower(hex(randomblob(16))));

-- Throttle rows of names no account has, written before this version, held the name as typed.
-- They only delay a name that cannot sign in anyway; the next failure starts a digest row.
-- (The audit log is append-only and hash-chained: entries written before stay as they were.)
DELETE FROM sign_in_throttle WHERE username NOT IN (SELECT username FROM users);
