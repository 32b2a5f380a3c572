-- Numeric ids of conversations and messages, allocated by the command side one nextval per id.
-- CACHE 1: a per-session block would interleave ids across nodes; clients page by "older than this id".
-- MAXVALUE 2^53 - 1 (JavaScript's Number.MAX_SAFE_INTEGER): browsers read every id without rounding.
CREATE SEQUENCE conversation_id_seq START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9007199254740991 CACHE 1 NO CYCLE;
CREATE SEQUENCE message_id_seq START WITH 1 INCREMENT BY 1 MINVALUE 1 MAXVALUE 9007199254740991 CACHE 1 NO CYCLE;
