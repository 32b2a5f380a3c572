package io.switchboard.api.livechat;

import java.time.Instant;

/** @param severityLevel 0 normal; above 0 the chat is flagged (as of {@code changedAt}) */
public record ChatPriorityChanged(long conversationId, String tenant, String visitorId, String changedBy,
                                  int severityLevel, Instant changedAt) {
}
