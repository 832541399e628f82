import GRDB

/// The store's schema, as an append-only list of migrations. Never edit one that has shipped:
/// add a new one.
///
/// Timestamps are INTEGER milliseconds since the epoch (UTC); they sort and compare exactly.
enum Migrations {
    static var identifiers: [String] { migrator.migrations }

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-activities") { db in
            try db.execute(sql: "PRAGMA application_id = \(AppDatabase.applicationID)")
            try db.execute(sql: """
                CREATE TABLE users (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  name TEXT NOT NULL,
                  name_key TEXT NOT NULL,
                  created_at INTEGER NOT NULL
                );
                CREATE INDEX users_by_name ON users(name_key);

                CREATE TABLE api_tokens (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                  token_sha256 BLOB NOT NULL UNIQUE,
                  created_at INTEGER NOT NULL,
                  revoked_at INTEGER
                );
                CREATE INDEX api_tokens_by_user ON api_tokens(user_id);

                CREATE TABLE patients (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  name TEXT NOT NULL,
                  name_key TEXT NOT NULL,
                  date_of_birth TEXT,
                  last_activity_at INTEGER,
                  created_at INTEGER NOT NULL
                );
                CREATE INDEX patients_by_name ON patients(name_key, id);
                CREATE INDEX patients_by_recent_activity ON patients(last_activity_at DESC, id DESC);

                CREATE TABLE activities (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
                  activity_type TEXT NOT NULL,
                  status TEXT NOT NULL,
                  message TEXT,
                  subject TEXT,
                  body TEXT,
                  occurred_at INTEGER NOT NULL,
                  booked_at INTEGER,
                  email_to TEXT,
                  email_attachments TEXT,
                  transcript TEXT,
                  performed_by_id INTEGER NOT NULL REFERENCES users(id),
                  assigned_to_id INTEGER REFERENCES users(id),
                  parent_id INTEGER REFERENCES activities(id) ON DELETE CASCADE,
                  blocked_by_id INTEGER REFERENCES activities(id) ON DELETE SET NULL,
                  blocking_id INTEGER REFERENCES activities(id) ON DELETE SET NULL,
                  voice_call_id INTEGER,
                  text_message_id INTEGER,
                  created_at INTEGER NOT NULL,
                  updated_at INTEGER NOT NULL,
                  lock_version INTEGER NOT NULL DEFAULT 1
                );
                CREATE INDEX activities_timeline ON activities(patient_id, occurred_at DESC, id DESC);
                CREATE INDEX activities_timeline_by_status
                  ON activities(patient_id, status, occurred_at DESC, id DESC);
                CREATE INDEX activities_timeline_by_type
                  ON activities(patient_id, activity_type, occurred_at DESC, id DESC);
                CREATE INDEX activities_timeline_by_assignee
                  ON activities(patient_id, assigned_to_id, occurred_at DESC, id DESC);
                CREATE INDEX activities_queue ON activities(assigned_to_id, status, occurred_at, id);
                CREATE INDEX activities_by_parent ON activities(parent_id, status) WHERE parent_id IS NOT NULL;
                CREATE INDEX activities_by_blocker ON activities(blocked_by_id) WHERE blocked_by_id IS NOT NULL;
                CREATE INDEX activities_by_blocked ON activities(blocking_id) WHERE blocking_id IS NOT NULL;
                CREATE INDEX activities_by_performer ON activities(performed_by_id);

                CREATE TABLE comments (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
                  user_id INTEGER NOT NULL REFERENCES users(id),
                  body TEXT NOT NULL,
                  created_at INTEGER NOT NULL
                );
                CREATE INDEX comments_by_activity ON comments(activity_id, created_at, id);
                CREATE INDEX comments_by_user ON comments(user_id);

                CREATE TABLE events (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  activity_id INTEGER NOT NULL UNIQUE REFERENCES activities(id) ON DELETE CASCADE,
                  patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
                  event_type TEXT NOT NULL,
                  occurred_at INTEGER NOT NULL,
                  status TEXT NOT NULL,
                  subject TEXT,
                  body TEXT,
                  duration INTEGER
                );
                CREATE INDEX events_by_patient ON events(patient_id, occurred_at DESC, id DESC);
                """)
        }
        return migrator
    }()
}
