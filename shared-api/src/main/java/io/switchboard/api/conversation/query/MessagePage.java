package io.switchboard.api.conversation.query;

import java.util.List;

/**
 * @param messages    newest first
 * @param hasMore     older messages exist beyond this page
 * @param readMarkers everyone's read position in the conversation, for per-message read flags
 */
public record MessagePage(boolean found, List<MessageView> messages, boolean hasMore,
                          List<ReadMarkerView> readMarkers) {
}
