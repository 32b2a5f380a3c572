-- Set-based uniqueness for conversations with a natural key (one thread per room booking, one per user pair).
-- Written in the same transaction as the starting command's events, so a refused or failed start leaves no row.
-- natural_key comes from ConversationKeys, which keeps it under 512 characters.
CREATE TABLE conversation_key (
    tenant          VARCHAR(255)             NOT NULL,
    natural_key     VARCHAR(512)             NOT NULL,
    conversation_id BIGINT                   NOT NULL,
    claimed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT conversation_key_pk PRIMARY KEY (tenant, natural_key)
);
