-- Identical value sets become one enum (keyed by the first column); different sets that
-- would take the same key are named after their table; legacy spellings become aliases.
CREATE TABLE jobs (
  id bigint PRIMARY KEY,
  status text CHECK (status IN ('queued', 'running', 'done'))
);
CREATE TABLE imports (
  id bigint PRIMARY KEY,
  state text CHECK (state IN ('done', 'queued', 'running'))
);
CREATE TABLE invoices (
  id bigint PRIMARY KEY,
  status text CHECK (status IN ('draft', 'sent', 'paid'))
);
CREATE TABLE audit_events (
  id bigint PRIMARY KEY,
  kind varchar(40) NOT NULL DEFAULT 'APP_CREATE'
    CHECK (kind IN ('APP_CREATE', 'APP_DELETE', 'UserLogin', 'user-logout', 'self', '2fa_enabled'))
);
