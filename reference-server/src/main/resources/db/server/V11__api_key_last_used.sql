-- When each key was last used (to the minute: a request records it at most once a minute per node).
ALTER TABLE api_keys ADD COLUMN last_used_at DATETIME(6) NULL;
