-- CHECKs written as table constraints and added later, in every form of "one of these
-- strings": IN, = ANY (ARRAY[...]), = ANY ('{...}'), OR-ed equalities, lower(), IS NULL OR.
CREATE TABLE messages (
  id bigint PRIMARY KEY,
  role varchar(16) NOT NULL DEFAULT 'user',
  message_type text,
  channel text NOT NULL DEFAULT 'Web',
  sender text,
  CHECK (message_type = ANY (ARRAY['text'::text, 'image'::text, 'audio'::text])),
  CONSTRAINT messages_channel_check CHECK (lower(channel) IN ('web', 'whatsapp', 'msteams'))
);

ALTER TABLE messages ADD CONSTRAINT messages_role_check
  CHECK (role = 'user' OR role = 'assistant' OR role = 'system' OR role = 'tool');

ALTER TABLE ONLY public.messages
  ADD CONSTRAINT messages_sender_check CHECK (sender IS NULL OR sender = ANY ('{bot,human,"system user"}'::text[]));
