package io.switchboard.api.conversation.query;

import java.util.List;

public record ConversationList(List<ConversationSummary> conversations) {
}
