package io.switchboard.api.audit;

/** The entry point a command came through, recorded on every event for auditors. */
public enum Dialect {
    /** Hotel REST API (seeds 000, 001). */
    HOTEL_REST,
    /** Plain WebSocket direct chat (seed 002). */
    DIRECT_WEBSOCKET,
    /** Socket.IO support conversations (seed 003). */
    SUPPORT_SOCKETIO,
    /** Socket.IO live-chat queue (seed 004). */
    LIVECHAT_SOCKETIO,
    /** Operator tooling and tests. */
    INTERNAL
}
