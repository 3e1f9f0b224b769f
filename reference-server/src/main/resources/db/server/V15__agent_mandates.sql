-- What an AI agent's key may spend and do (JSON), fixed when the key is made: its tools, its budgets per booking,
-- per day and in total, and above what an issue waits for a person's approval.
ALTER TABLE api_keys ADD COLUMN mandate TEXT NULL;
