-- Inline column CHECKs, named and unnamed, on VARCHAR and TEXT, with text defaults.
CREATE TABLE auto_tasks (
  id bigserial PRIMARY KEY,
  status varchar(32) NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'ready', 'running', 'paused', 'waiting_approval', 'completed', 'failed', 'cancelled')),
  priority text NOT NULL DEFAULT 'normal'::text
    CONSTRAINT auto_tasks_priority_ck CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
  title text NOT NULL CHECK (length(title) > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
