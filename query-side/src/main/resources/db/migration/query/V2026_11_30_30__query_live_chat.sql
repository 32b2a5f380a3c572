-- The live-chat read model (seed 004): one row per LIVE_CHAT conversation, maintained only by LiveChatProjection in
-- processing group "conversation-read-models". Messages and staff are not copied here: they are read from
-- query_message and query_participant (same group, same transactions), so the three never disagree.
-- No foreign keys, as for the other read models: every reset handler clears its own table, in any order.
-- Slot _30 of the day, as the query module's earlier migrations (eventstore _01, command _1x, realtime _50), so the
-- modules' migrations of one day never collide in the app's single Flyway history.
-- Plain indexes only (no partial or expression indexes): the same migrations run on the embedded H2 database.

CREATE TABLE query_live_chat (
    conversation_id  BIGINT                   NOT NULL PRIMARY KEY,
    tenant           VARCHAR(255)             NOT NULL,
    visitor_id       VARCHAR(255)             NOT NULL,
    visitor_name     TEXT,
    -- the start's subject reference: the visitor token's email, when it had one
    visitor_email    TEXT,
    -- QUEUED, ASSIGNED or CLOSED (LiveChatStatus)
    status           VARCHAR(32)              NOT NULL,
    visitor_online   BOOLEAN                  NOT NULL,
    severity_level   INTEGER                  NOT NULL,
    -- when the severity last went from 0 to above 0; NULL exactly when severity_level is 0
    flagged_at       TIMESTAMP WITH TIME ZONE,
    -- the claimer or taking-over supervisor, then whoever succeeds them; NULL while queued
    serving_staff_id VARCHAR(255),
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- the last change of the chat's state, presence, priority or staff (messages are not counted here)
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- serves both queues: WHERE tenant AND status = 'QUEUED' AND visitor_online ORDER BY started_at, conversation_id
CREATE INDEX query_live_chat_queue ON query_live_chat (tenant, status, visitor_online, started_at, conversation_id);

-- Serves the flagged list: WHERE tenant AND status IN ('QUEUED', 'ASSIGNED') AND flagged_at IS NOT NULL ORDER BY
-- flagged_at DESC. Status before flagged_at keeps closed chats, which pile up forever, out of the scan; what is
-- left to sort is the tenant's open flagged chats, a handful.
CREATE INDEX query_live_chat_flagged ON query_live_chat (tenant, status, flagged_at DESC, conversation_id DESC);

-- serves "the visitor's open chat": WHERE tenant AND visitor_id AND status <> 'CLOSED' (a visitor has at most one
-- open chat and few closed ones)
CREATE INDEX query_live_chat_visitor ON query_live_chat (tenant, visitor_id, status);
