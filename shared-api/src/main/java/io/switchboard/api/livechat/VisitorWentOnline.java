package io.switchboard.api.livechat;

import java.time.Instant;

/** The visitor of an open chat that was offline connected again. */
public record VisitorWentOnline(long conversationId, String tenant, String visitorId, Instant at) {
}
