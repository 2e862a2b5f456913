-- Admin: FAQ revisions, the audit log, disaster mode's broadcasts, review state.
-- docs/data-schema.md describes each. Times are Unix milliseconds.

-- Every saved version of every FAQ entry (the current one included): history, diff, restore.
CREATE TABLE faq_revisions (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  entry_id        TEXT NOT NULL,
  revision        INTEGER NOT NULL,            -- faq_entries.revision this row holds
  status          TEXT NOT NULL CHECK (status IN ('active', 'archived')),
  data            TEXT NOT NULL,               -- the entry as JSON (the FaqEntry schema)
  staff_id        INTEGER REFERENCES staff (id),
  note            TEXT,                        -- 'created', 'edited', 'archived', 'restored r3', 'imported', 'seeded'
  created_at      INTEGER NOT NULL,
  UNIQUE (entry_id, revision)
);

ALTER TABLE faq_contacts ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;

-- Who did what, when, with the state before and after (JSON), for every admin action.
CREATE TABLE audit_log (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  staff_id        INTEGER REFERENCES staff (id),
  action          TEXT NOT NULL,               -- e.g. 'faq.update', 'disaster.on', 'account.disable'
  target          TEXT,                        -- e.g. 'faq:garbage', 'account:3'
  before          TEXT,
  after           TEXT,
  created_at      INTEGER NOT NULL
);
CREATE INDEX audit_log_time ON audit_log (created_at);

-- Review of what the bot could not answer: an admin's decision on a fallback or a "not helpful".
ALTER TABLE unanswered_queries ADD COLUMN resolved_entry_id TEXT;
ALTER TABLE unanswered_queries ADD COLUMN reviewed_by INTEGER REFERENCES staff (id);
ALTER TABLE unanswered_queries ADD COLUMN reviewed_at INTEGER;
ALTER TABLE feedback ADD COLUMN review_status TEXT NOT NULL DEFAULT 'new' CHECK (review_status IN ('new', 'dismissed', 'resolved'));
ALTER TABLE feedback ADD COLUMN resolved_entry_id TEXT;
ALTER TABLE feedback ADD COLUMN reviewed_by INTEGER REFERENCES staff (id);
ALTER TABLE feedback ADD COLUMN reviewed_at INTEGER;
-- The review queue's "not helpful" half.
CREATE INDEX feedback_review ON feedback (review_status, created_at) WHERE helpful = 0;

-- Analytics: messages by day (a period's rows without scanning the whole history).
CREATE INDEX messages_time ON messages (created_at);

-- Broadcasts of a disaster notice to every following resident, in their language.
CREATE TABLE broadcasts (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  kind            TEXT NOT NULL,               -- 'disaster' (the notice of the current disaster mode)
  notices         TEXT NOT NULL,               -- JSON: { language: text }
  status          TEXT NOT NULL CHECK (status IN ('pending', 'running', 'paused', 'done', 'failed')),
  total           INTEGER NOT NULL DEFAULT 0,  -- recipients
  sent            INTEGER NOT NULL DEFAULT 0,
  failed          INTEGER NOT NULL DEFAULT 0,
  error           TEXT,
  created_by      INTEGER REFERENCES staff (id),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);

-- One multicast request (at most 500 users, one language): the unit of progress and of retry.
CREATE TABLE broadcast_batches (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  broadcast_id    INTEGER NOT NULL REFERENCES broadcasts (id),
  language        TEXT NOT NULL,
  user_ids        TEXT NOT NULL,               -- JSON array
  size            INTEGER NOT NULL,
  retry_key       TEXT NOT NULL,               -- X-Line-Retry-Key: the same on every attempt
  status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  error           TEXT,
  next_attempt_at INTEGER,
  sent_at         INTEGER
);
CREATE INDEX broadcast_batches_todo ON broadcast_batches (broadcast_id, status);
