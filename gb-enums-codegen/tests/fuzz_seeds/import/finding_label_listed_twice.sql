CREATE TYPE "LlmProvider" AS ENUM ('OpenAI', 'Anthropic', 'azure-openAI', 'Anthropic');
CREATE TABLE t (s text CHECK (s IN ('a', 'b', 'a')));
