-- Enum types and the columns that use them; values added later; a domain that lists values.
CREATE TYPE public.execution_mode AS ENUM ('supervised', 'autonomous');
ALTER TYPE execution_mode ADD VALUE 'dry_run';
ALTER TYPE execution_mode ADD VALUE IF NOT EXISTS 'manual' BEFORE 'autonomous';

CREATE TYPE "LlmProvider" AS ENUM ('OpenAI', 'Anthropic', 'azure-openai');

CREATE DOMAIN session_state AS text CHECK (VALUE IN ('active', 'idle', 'closed'));

CREATE TABLE auto_tasks (
  id bigint PRIMARY KEY,
  mode public.execution_mode NOT NULL DEFAULT 'supervised'::public.execution_mode,
  provider "LlmProvider",
  state session_state DEFAULT 'idle'
);

CREATE TABLE bots (
  id bigint PRIMARY KEY,
  default_mode execution_mode DEFAULT 'autonomous'
);
