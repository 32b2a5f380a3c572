package io.switchboard.api.livechat;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The visitor of an open chat that was offline connected again. */
@Revision("1")
public record VisitorWentOnline(long conversationId, String tenant, String visitorId, Instant at) {
}
