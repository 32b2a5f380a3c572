/**
 * The live-chat queue (seed 004): a visitor's {@code LIVE_CHAT} conversation routed through the staff of the
 * visitor's organisation (the tenant). A chat starts with {@code StartConversation(LIVE_CHAT, ..., firstMessage)} by
 * the visitor (queued, unclaimed), is claimed by one staff member, may be taken over by a supervisor/admin, gets
 * staff added and removed, changes priority (severity) and closes. Messages are {@code SendMessage}s with the
 * client's JSON {@code content}. At most one open chat per visitor: the command side claims the natural key
 * {@code LIVE_CHAT:<visitor id>} on start and releases it when the chat closes.
 */
package io.switchboard.api.livechat;
