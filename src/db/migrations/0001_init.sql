-- Yorisoi's storage. docs/data-schema.md describes every table with an example row.
-- Times are Unix milliseconds.

CREATE TABLE residents (
  user_id        TEXT PRIMARY KEY,             -- LINE userId
  display_name   TEXT,
  language       TEXT,                         -- reply language; NULL until the first profile look-up
  language_source TEXT NOT NULL DEFAULT 'default' CHECK (language_source IN ('default', 'profile', 'detected', 'chosen')),
  line_language  TEXT,                         -- the LINE app's language, as the profile reported it
  following      INTEGER NOT NULL DEFAULT 1,   -- 0 after unfollow (blocked)
  followed_at    INTEGER,
  unfollowed_at  INTEGER,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);

CREATE TABLE conversations (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id        TEXT NOT NULL REFERENCES residents (user_id),
  status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'open', 'resolved')),
  waiting_since  INTEGER,                      -- set when a person is needed
  consecutive_fallbacks INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
-- One active (not resolved) conversation per resident.
CREATE UNIQUE INDEX conversations_one_active ON conversations (user_id) WHERE status != 'resolved';

CREATE TABLE messages (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  conversation_id INTEGER NOT NULL REFERENCES conversations (id),
  user_id         TEXT NOT NULL,
  direction       TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing', 'activity')),
  sender          TEXT NOT NULL CHECK (sender IN ('resident', 'bot', 'staff', 'system')),
  kind            TEXT NOT NULL,               -- text, sticker, image, audio, video, file, location, postback, follow, ...
  text            TEXT,                        -- what was said (for outgoing: all messages' text)
  payload         TEXT,                        -- JSON: the LINE event's message, or the LINE messages sent
  webhook_event_id TEXT UNIQUE,                -- incoming: the event it came from (dedupe)
  line_message_id TEXT,                        -- incoming: message.id; outgoing: first sentMessages id
  language        TEXT,
  decision        TEXT CHECK (decision IN ('answer', 'clarify', 'fallback', 'human')),
  entry_id        TEXT,
  score           REAL,
  reply_to        INTEGER REFERENCES messages (id),
  status          TEXT NOT NULL CHECK (status IN ('received', 'handled', 'pending', 'sent', 'failed')),
  delivery_via    TEXT CHECK (delivery_via IN ('reply', 'push')),
  delivery_error  TEXT,
  retry_key       TEXT,
  attempts        INTEGER NOT NULL DEFAULT 0,
  private         INTEGER NOT NULL DEFAULT 0,  -- staff notes (console issue)
  created_at      INTEGER NOT NULL
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);
CREATE INDEX messages_user ON messages (user_id, id);
CREATE INDEX messages_failed ON messages (status) WHERE status = 'failed';

CREATE TABLE webhook_events (
  webhook_event_id TEXT PRIMARY KEY,
  chat_id         TEXT NOT NULL,               -- userId, groupId or roomId: the ordering key
  type            TEXT NOT NULL,
  timestamp       INTEGER NOT NULL,
  reply_token     TEXT,
  payload         TEXT NOT NULL,               -- the raw event JSON
  status          TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processed', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  error           TEXT,
  received_at     INTEGER NOT NULL,
  processed_at    INTEGER
);
CREATE INDEX webhook_events_pending ON webhook_events (chat_id, timestamp) WHERE status = 'received';

CREATE TABLE group_chats (
  chat_id         TEXT PRIMARY KEY,            -- groupId or roomId
  type            TEXT NOT NULL CHECK (type IN ('group', 'room')),
  notified_at     INTEGER                      -- when the "one-to-one only" message went out
);

CREATE TABLE faq_entries (
  id              TEXT PRIMARY KEY,
  category        TEXT NOT NULL,
  data            TEXT NOT NULL,               -- the entry as JSON (the FaqEntry schema)
  status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  revision        INTEGER NOT NULL DEFAULT 1,
  updated_at      INTEGER NOT NULL
);

CREATE TABLE faq_contacts (
  key             TEXT PRIMARY KEY,
  data            TEXT NOT NULL,               -- the contact as JSON (the Contact schema)
  updated_at      INTEGER NOT NULL
);

CREATE TABLE knowledge_meta (
  key             TEXT PRIMARY KEY,            -- 'version'
  value           TEXT NOT NULL
);

CREATE TABLE unanswered_queries (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id         TEXT NOT NULL,
  message_id      INTEGER REFERENCES messages (id),
  text            TEXT NOT NULL,
  language        TEXT,
  top_entry_id    TEXT,
  top_score       REAL,
  status          TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'dismissed', 'resolved')),
  created_at      INTEGER NOT NULL
);
CREATE INDEX unanswered_new ON unanswered_queries (status, created_at);

CREATE TABLE feedback (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id         TEXT NOT NULL,
  entry_id        TEXT NOT NULL,
  message_id      INTEGER REFERENCES messages (id),  -- the answer rated
  helpful         INTEGER NOT NULL CHECK (helpful IN (0, 1)),
  language        TEXT,
  created_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX feedback_once_per_answer ON feedback (user_id, message_id);
