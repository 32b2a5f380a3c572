-- Who hears a conversation on Pusher. Written only by the pusher-fanout processor (the same processing group that
-- publishes, so a message is never published before its conversation's audience is known); rebuilt by replay.
-- Only the kinds published to Pusher (STAFF, GUEST_ROOM) are kept.
CREATE TABLE realtime_pusher_conversation (
    conversation_id   BIGINT       NOT NULL PRIMARY KEY,
    tenant            VARCHAR(255) NOT NULL,
    kind              VARCHAR(20)  NOT NULL,
    subject           VARCHAR(255),
    subject_reference VARCHAR(255)
);

CREATE TABLE realtime_pusher_participant (
    conversation_id BIGINT       NOT NULL REFERENCES realtime_pusher_conversation (conversation_id) ON DELETE CASCADE,
    user_id         VARCHAR(255) NOT NULL,
    role            VARCHAR(20)  NOT NULL,
    active          BOOLEAN      NOT NULL,
    PRIMARY KEY (conversation_id, user_id)
);
