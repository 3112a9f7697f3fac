-- The passages each retrieval-augmented answer was given (a JSON array of sources) and how retrieval went (JSON),
-- so a conversation's history shows what an answer was based on. Null for user messages and plain answers.
ALTER TABLE conversation_messages ADD COLUMN sources text;
ALTER TABLE conversation_messages ADD COLUMN retrieval text;
