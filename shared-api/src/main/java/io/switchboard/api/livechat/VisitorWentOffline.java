package io.switchboard.api.livechat;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The visitor of an open chat disconnected; a queued chat is now in the offline queue. */
@Revision("1")
public record VisitorWentOffline(long conversationId, String tenant, String visitorId, Instant at) {
}
