import ECMDomain
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
        // Lists count their rows without scanning them: a patient's timeline of 100,000
        // activities, or a queue of 50,000, answers its total from a few rows of these tables,
        // which triggers keep equal to the activities in one transaction with every change. The
        // queue in time order across statuses gets its own index.
        migrator.registerMigration("v2-list-counts") { db in
            try db.execute(sql: """
                CREATE TABLE timeline_counts (
                  patient_id INTEGER NOT NULL,
                  activity_type TEXT NOT NULL,
                  status TEXT NOT NULL,
                  assignee_key INTEGER NOT NULL, -- assigned_to_id, or 0 for nobody
                  n INTEGER NOT NULL,
                  PRIMARY KEY (patient_id, activity_type, status, assignee_key)
                ) WITHOUT ROWID;

                CREATE TABLE queue_counts (
                  assigned_to_id INTEGER NOT NULL,
                  status TEXT NOT NULL,
                  activity_type TEXT NOT NULL,
                  n INTEGER NOT NULL,
                  PRIMARY KEY (assigned_to_id, status, activity_type)
                ) WITHOUT ROWID;

                INSERT INTO timeline_counts (patient_id, activity_type, status, assignee_key, n)
                  SELECT patient_id, activity_type, status, IFNULL(assigned_to_id, 0), COUNT(*)
                  FROM activities GROUP BY 1, 2, 3, 4;
                INSERT INTO queue_counts (assigned_to_id, status, activity_type, n)
                  SELECT assigned_to_id, status, activity_type, COUNT(*)
                  FROM activities WHERE assigned_to_id IS NOT NULL GROUP BY 1, 2, 3;

                CREATE TRIGGER activities_counted_on_insert AFTER INSERT ON activities BEGIN
                  INSERT INTO timeline_counts (patient_id, activity_type, status, assignee_key, n)
                    VALUES (NEW.patient_id, NEW.activity_type, NEW.status, IFNULL(NEW.assigned_to_id, 0), 1)
                    ON CONFLICT DO UPDATE SET n = n + 1;
                  INSERT INTO queue_counts (assigned_to_id, status, activity_type, n)
                    SELECT NEW.assigned_to_id, NEW.status, NEW.activity_type, 1 WHERE NEW.assigned_to_id IS NOT NULL
                    ON CONFLICT DO UPDATE SET n = n + 1;
                END;

                CREATE TRIGGER activities_counted_on_delete AFTER DELETE ON activities BEGIN
                  UPDATE timeline_counts SET n = n - 1
                    WHERE patient_id = OLD.patient_id AND activity_type = OLD.activity_type
                      AND status = OLD.status AND assignee_key = IFNULL(OLD.assigned_to_id, 0);
                  UPDATE queue_counts SET n = n - 1
                    WHERE assigned_to_id = OLD.assigned_to_id AND status = OLD.status
                      AND activity_type = OLD.activity_type;
                END;

                CREATE TRIGGER activities_counted_on_update
                AFTER UPDATE OF patient_id, activity_type, status, assigned_to_id ON activities
                WHEN OLD.patient_id IS NOT NEW.patient_id OR OLD.activity_type IS NOT NEW.activity_type
                  OR OLD.status IS NOT NEW.status OR OLD.assigned_to_id IS NOT NEW.assigned_to_id
                BEGIN
                  UPDATE timeline_counts SET n = n - 1
                    WHERE patient_id = OLD.patient_id AND activity_type = OLD.activity_type
                      AND status = OLD.status AND assignee_key = IFNULL(OLD.assigned_to_id, 0);
                  UPDATE queue_counts SET n = n - 1
                    WHERE assigned_to_id = OLD.assigned_to_id AND status = OLD.status
                      AND activity_type = OLD.activity_type;
                  INSERT INTO timeline_counts (patient_id, activity_type, status, assignee_key, n)
                    VALUES (NEW.patient_id, NEW.activity_type, NEW.status, IFNULL(NEW.assigned_to_id, 0), 1)
                    ON CONFLICT DO UPDATE SET n = n + 1;
                  INSERT INTO queue_counts (assigned_to_id, status, activity_type, n)
                    SELECT NEW.assigned_to_id, NEW.status, NEW.activity_type, 1 WHERE NEW.assigned_to_id IS NOT NULL
                    ON CONFLICT DO UPDATE SET n = n + 1;
                END;

                CREATE INDEX activities_queue_by_time ON activities(assigned_to_id, occurred_at, id);
                """)
        }
        // Email activities really send (issue 11): the message to send is written with its
        // activity, in the same transaction (one per activity, its Message-ID fixed then), and
        // the delivery worker moves it on. Emails recorded before this migration get no entry:
        // nothing was promised for them, and sending them now could be weeks late.
        migrator.registerMigration("v3-email-outbox") { db in
            try db.execute(sql: """
                CREATE TABLE email_outbox (
                  -- Keyed by its activity (one entry each), so an email costs one B-tree more
                  -- than a note, plus the due index while it is pending.
                  activity_id INTEGER PRIMARY KEY REFERENCES activities(id) ON DELETE CASCADE,
                  message_id TEXT NOT NULL, -- unique by construction: the activity's id and 64 random bits
                  status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
                  attempts INTEGER NOT NULL DEFAULT 0,
                  last_error TEXT,
                  next_attempt_at INTEGER,
                  sent_at INTEGER,
                  lease_owner TEXT,
                  lease_expires_at INTEGER,
                  created_at INTEGER NOT NULL,
                  updated_at INTEGER NOT NULL
                );
                -- Only the rows a worker or /health looks for are indexed: a sent message costs no index.
                CREATE INDEX email_outbox_due ON email_outbox(next_attempt_at) WHERE status = 'pending';
                CREATE INDEX email_outbox_failed ON email_outbox(status) WHERE status = 'failed';
                CREATE INDEX email_outbox_sent ON email_outbox(sent_at) WHERE status = 'sent';
                """)
        }
        // Idempotency-Key (issue 11): a write's key and its answer, recorded in the write's
        // transaction, kept 30 days. The answer is the one the API gave, so a client that lost
        // it gets the same bytes; it may quote what was written, as the records themselves do.
        migrator.registerMigration("v4-idempotency-keys") { db in
            try db.execute(sql: """
                CREATE TABLE idempotency_keys (
                  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
                  key TEXT NOT NULL,
                  fingerprint TEXT NOT NULL,
                  response_status INTEGER NOT NULL,
                  response_location TEXT,
                  response_etag TEXT,
                  response_body BLOB NOT NULL,
                  created_at INTEGER NOT NULL,
                  PRIMARY KEY (user_id, key)
                ) WITHOUT ROWID;
                CREATE INDEX idempotency_keys_by_age ON idempotency_keys(created_at);
                """)
        }
        // Sign-in (issue 12): users get a login, a scrypt password hash, a role and a disabled
        // mark; tokens become API tokens (optionally expiring) or sessions (idle timeout and
        // lifetime, their last use written at most every 30 s); failed sign-ins are counted per
        // login and per address, across every server on the store.
        migrator.registerMigration("v5-sign-in") { db in
            try db.execute(sql: """
                ALTER TABLE users ADD COLUMN login TEXT;
                ALTER TABLE users ADD COLUMN password_hash TEXT;
                ALTER TABLE users ADD COLUMN role TEXT NOT NULL DEFAULT 'coordinator' CHECK (role IN ('coordinator', 'admin'));
                ALTER TABLE users ADD COLUMN disabled_at INTEGER;
                CREATE UNIQUE INDEX users_by_login ON users(login) WHERE login IS NOT NULL;
                ALTER TABLE api_tokens ADD COLUMN kind TEXT NOT NULL DEFAULT 'api' CHECK (kind IN ('api', 'session'));
                ALTER TABLE api_tokens ADD COLUMN expires_at INTEGER;
                ALTER TABLE api_tokens ADD COLUMN last_used_at INTEGER;
                CREATE TABLE sign_in_failures (
                  key TEXT PRIMARY KEY,
                  failures INTEGER NOT NULL,
                  last_failure_at INTEGER NOT NULL,
                  locked_until INTEGER
                ) WITHOUT ROWID;
                """)
        }
        // The audit trail (issue 12): one row per look at or change of a member's record, sign-in
        // and sign-out, never a value of the record. Rows are chained by SHA-256 (`AuditChain`)
        // in id order from the head row, and the store refuses to change or remove them.
        migrator.registerMigration("v6-audit") { db in
            try db.execute(sql: """
                CREATE TABLE audit_events (
                  id INTEGER PRIMARY KEY,
                  at INTEGER NOT NULL,
                  user_id INTEGER,
                  clinic_id INTEGER,
                  action TEXT NOT NULL,
                  patient_id INTEGER,
                  resource TEXT NOT NULL,
                  resource_id INTEGER,
                  status INTEGER NOT NULL,
                  remote_address TEXT,
                  request_id TEXT,
                  previous_hash BLOB NOT NULL,
                  hash BLOB NOT NULL
                );
                CREATE INDEX audit_by_patient ON audit_events(patient_id, at, id) WHERE patient_id IS NOT NULL;
                CREATE INDEX audit_by_user ON audit_events(user_id, at, id);
                CREATE INDEX audit_by_time ON audit_events(at);
                CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK (id = 1), last_id INTEGER NOT NULL, last_hash BLOB NOT NULL);
                INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, zeroblob(32));
                CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
                CREATE TRIGGER audit_events_append_only_delete BEFORE DELETE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
                """)
        }
        // Clinics (issue 12): a clinic owns its users and patients, and every read and write is
        // scoped to the caller's. Clinic 1 holds what the store had. (SQLite cannot add a column
        // with a foreign key and a default: the stores check clinic ids themselves.)
        migrator.registerMigration("v7-clinics") { db in
            try db.execute(sql: """
                CREATE TABLE clinics (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, created_at INTEGER NOT NULL);
                INSERT INTO clinics (id, name, created_at) VALUES (1, 'Clinic 1', CAST(strftime('%s', 'now') AS INTEGER) * 1000);
                ALTER TABLE users ADD COLUMN clinic_id INTEGER NOT NULL DEFAULT 1;
                ALTER TABLE patients ADD COLUMN clinic_id INTEGER NOT NULL DEFAULT 1;
                CREATE INDEX users_by_clinic ON users(clinic_id, name_key, id);
                CREATE INDEX patients_by_clinic_name ON patients(clinic_id, name_key, id);
                CREATE INDEX patients_by_clinic_recent ON patients(clinic_id, last_activity_at DESC, id DESC);
                """)
        }
        // What the operator decides for everyone (`StorePolicy`): one row.
        migrator.registerMigration("v8-store-policy") { db in
            try db.execute(sql: """
                CREATE TABLE store_policy (id INTEGER PRIMARY KEY CHECK (id = 1), idle_lock_optional INTEGER NOT NULL DEFAULT 0);
                INSERT INTO store_policy (id) VALUES (1);
                """)
        }
        // Due dates (issue 13): `due_at` on every activity; the queue reads it by assignee.
        migrator.registerMigration("v9-due-at") { db in
            try db.execute(sql: """
                ALTER TABLE activities ADD COLUMN due_at INTEGER;
                CREATE INDEX activities_queue_by_due ON activities(assigned_to_id, status, due_at) WHERE due_at IS NOT NULL;
                """)
        }
        // Saved views (issue 13): named filters of the work lists, a user's own or shared in
        // their clinic; the filters are the API's JSON object, as written.
        migrator.registerMigration("v10-saved-views") { db in
            try db.execute(sql: """
                CREATE TABLE saved_views (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  user_id INTEGER NOT NULL REFERENCES users(id),
                  name TEXT NOT NULL,
                  filters TEXT NOT NULL,
                  shared INTEGER NOT NULL DEFAULT 0,
                  created_at INTEGER NOT NULL,
                  updated_at INTEGER NOT NULL,
                  UNIQUE (user_id, name)
                );
                CREATE INDEX saved_views_shared ON saved_views(shared, user_id) WHERE shared <> 0;
                """)
        }
        // New for me (issue 13): when an activity was given to its assignee and by whom (NULL
        // for what was assigned before: never new), and when each user last looked at their queue.
        migrator.registerMigration("v11-new-for-me") { db in
            try db.execute(sql: """
                ALTER TABLE activities ADD COLUMN assigned_at INTEGER;
                ALTER TABLE activities ADD COLUMN assigned_by_id INTEGER REFERENCES users(id);
                CREATE INDEX activities_assigned_at ON activities(assigned_to_id, assigned_at) WHERE assigned_at IS NOT NULL;
                CREATE TABLE queue_seen (
                  user_id INTEGER PRIMARY KEY REFERENCES users(id),
                  seen_at INTEGER NOT NULL
                );
                """)
        }
        // The queue in its `due` order (what `m` shows) from an index instead of a sort.
        migrator.registerMigration("v12-queue-due-order") { db in
            try db.execute(sql: ActivityListSQL.queueDueOrderIndex)
        }
        // The member record (issue 14): one column per `MemberField` as it stood then (dates as
        // ISO text, the flag 0/1); a CIN names one member of a clinic.
        migrator.registerMigration("v13-member-record") { db in
            try db.execute(sql: """
                ALTER TABLE patients ADD COLUMN cin TEXT;
                ALTER TABLE patients ADD COLUMN phone TEXT;
                ALTER TABLE patients ADD COLUMN preferred_language TEXT;
                ALTER TABLE patients ADD COLUMN address_street TEXT;
                ALTER TABLE patients ADD COLUMN address_city TEXT;
                ALTER TABLE patients ADD COLUMN address_state TEXT;
                ALTER TABLE patients ADD COLUMN address_zip TEXT;
                ALTER TABLE patients ADD COLUMN homeless INTEGER;
                ALTER TABLE patients ADD COLUMN health_plan_name TEXT;
                ALTER TABLE patients ADD COLUMN health_plan_id TEXT;
                ALTER TABLE patients ADD COLUMN population_of_focus TEXT;
                ALTER TABLE patients ADD COLUMN ecm_status TEXT;
                ALTER TABLE patients ADD COLUMN enrollment_start TEXT;
                ALTER TABLE patients ADD COLUMN enrollment_end TEXT;
                ALTER TABLE patients ADD COLUMN discontinuation_reason TEXT;
                ALTER TABLE patients ADD COLUMN acuity TEXT;
                ALTER TABLE patients ADD COLUMN lead_care_manager_id INTEGER REFERENCES users(id);
                CREATE UNIQUE INDEX patients_by_cin ON patients(clinic_id, cin) WHERE cin IS NOT NULL;
                """)
        }
        // The PRTF report (issue 14): minutes and outreach outcome on activities and their
        // events (minutes the demo data gave events alone are copied up), and the reports an
        // admin generated, kept line by line as they were written so a download is that file.
        migrator.registerMigration("v14-prtf-report") { db in
            try db.execute(sql: """
                ALTER TABLE activities ADD COLUMN duration INTEGER;
                ALTER TABLE activities ADD COLUMN outcome TEXT;
                ALTER TABLE events ADD COLUMN outcome TEXT;
                UPDATE activities SET duration = (SELECT e.duration FROM events e WHERE e.activity_id = activities.id)
                  WHERE activity_type IN ('call', 'in_person_appointment', 'note');
                CREATE TABLE prtf_reports (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  clinic_id INTEGER NOT NULL REFERENCES clinics(id),
                  filename TEXT NOT NULL,
                  start_date TEXT NOT NULL,
                  end_date TEXT NOT NULL,
                  provider_npi TEXT,
                  provider_name TEXT,
                  provider_phone TEXT,
                  patient_count INTEGER NOT NULL,
                  created_by_id INTEGER NOT NULL REFERENCES users(id),
                  created_at INTEGER NOT NULL,
                  time_zone TEXT NOT NULL,
                  empty_columns TEXT,
                  completed_at INTEGER
                );
                CREATE INDEX prtf_reports_by_clinic ON prtf_reports(clinic_id, id);
                CREATE TABLE prtf_report_lines (
                  id INTEGER PRIMARY KEY AUTOINCREMENT,
                  report_id INTEGER NOT NULL REFERENCES prtf_reports(id) ON DELETE CASCADE,
                  line INTEGER NOT NULL,
                  text TEXT NOT NULL,
                  UNIQUE (report_id, line)
                );
                """)
        }
        return migrator
    }()
}
