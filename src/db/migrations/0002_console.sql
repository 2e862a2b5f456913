-- The staff console: accounts, sessions, login throttling, the handoff's state, media kept
-- beyond LINE's content expiry, canned replies, settings. docs/data-schema.md describes each.
-- Times are Unix milliseconds.

CREATE TABLE staff (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  login           TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name    TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('staff', 'admin')),
  password_hash   TEXT NOT NULL,               -- pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>
  disabled        INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);

CREATE TABLE staff_sessions (
  token_hash      TEXT PRIMARY KEY,            -- SHA-256 of the cookie's token: the table alone cannot log anyone in
  staff_id        INTEGER NOT NULL REFERENCES staff (id),
  csrf_token      TEXT NOT NULL,
  created_at      INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  last_seen_at    INTEGER NOT NULL
);
CREATE INDEX staff_sessions_staff ON staff_sessions (staff_id);

CREATE TABLE login_attempts (
  key             TEXT NOT NULL,               -- 'login:<name>' or 'ip:<address>'
  at              INTEGER NOT NULL
);
CREATE INDEX login_attempts_key ON login_attempts (key, at);

-- The handoff (src/handoff): who owns an open conversation, why it was opened, the follow-up.
ALTER TABLE conversations ADD COLUMN assignee_id INTEGER REFERENCES staff (id);
ALTER TABLE conversations ADD COLUMN handoff_reason TEXT;
ALTER TABLE conversations ADD COLUMN follow_up_at INTEGER;   -- when the "still waiting" message went out
ALTER TABLE conversations ADD COLUMN claimed_at INTEGER;
ALTER TABLE conversations ADD COLUMN resolved_at INTEGER;
ALTER TABLE conversations ADD COLUMN rating INTEGER CHECK (rating IN (0, 1));  -- the resident's tap after resolve
ALTER TABLE conversations ADD COLUMN rated_at INTEGER;
CREATE INDEX conversations_queue ON conversations (status, waiting_since);

-- Which staff member sent an outgoing message or wrote a note.
ALTER TABLE messages ADD COLUMN staff_id INTEGER REFERENCES staff (id);

-- The last message each staff member has seen in a conversation (unread counts).
CREATE TABLE conversation_reads (
  conversation_id INTEGER NOT NULL REFERENCES conversations (id),
  staff_id        INTEGER NOT NULL REFERENCES staff (id),
  last_read_id    INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, staff_id)
);

-- Images, video, audio and files residents send, fetched from LINE's content API (which
-- expires them) and kept in chunks below D1's 2 MB value limit.
CREATE TABLE media (
  message_id      INTEGER PRIMARY KEY REFERENCES messages (id),
  line_message_id TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'stored', 'failed', 'too_large', 'external')),
  content_type    TEXT,
  size            INTEGER,
  file_name       TEXT,
  error           TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  stored_at       INTEGER
);
CREATE INDEX media_pending ON media (status) WHERE status IN ('pending', 'failed');

CREATE TABLE media_chunks (
  message_id      INTEGER NOT NULL REFERENCES media (message_id),
  seq             INTEGER NOT NULL,
  data            BLOB NOT NULL,
  PRIMARY KEY (message_id, seq)
);

-- Replies staff wrote for reuse, one language each (built-in ones come from locales/).
CREATE TABLE canned_replies (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  language        TEXT NOT NULL,
  title           TEXT NOT NULL,
  text            TEXT NOT NULL,
  created_by      INTEGER REFERENCES staff (id),
  created_at      INTEGER NOT NULL
);
CREATE INDEX canned_replies_language ON canned_replies (language);

-- Operator settings that change without a deploy (e.g. 'business_hours' as JSON).
CREATE TABLE settings (
  key             TEXT PRIMARY KEY,
  value           TEXT NOT NULL,
  updated_at      INTEGER NOT NULL
);
