package io.switchboard.api.conversation;

/** One kind per product shape in the protocol seeds. */
public enum ConversationKind {
    /** A hotel room's thread with front-office staff (seed 001). */
    GUEST_ROOM,
    /** Internal staff-to-staff chat (seeds 000, 001). */
    STAFF,
    /** A 1:1 chat between two users (seed 002). */
    DIRECT,
    /** Customer/agent/supervisor/robot conversation (seed 003). */
    SUPPORT,
    /** A visitor's live-chat session routed through a staff queue (seed 004). */
    LIVE_CHAT
}
