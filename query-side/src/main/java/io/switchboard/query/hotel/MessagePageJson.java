package io.switchboard.query.hotel;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.switchboard.api.conversation.query.MessagePage;
import io.switchboard.api.conversation.query.MessageView;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a conversation, oldest message first (the order a chat window shows them). {@code next_before_id} is
 * the {@code before_id} that loads the page before this one, null when {@code has_more} is false.
 *
 * @param conversation the conversation's id, null for a guest whose thread the read model does not have (yet)
 */
record MessagePageJson<T>(Long conversation, List<T> results, @JsonProperty("has_more") boolean hasMore,
                          @JsonProperty("next_before_id") Long nextBeforeId) {

    /** The same messages under the name the existing hotel frontend reads ({@code response.messages || response}). */
    @JsonProperty("messages")
    List<T> messages() {
        return results;
    }

    static <T> MessagePageJson<T> empty(Long conversation) {
        return new MessagePageJson<>(conversation, List.of(), false, null);
    }

    static <T> MessagePageJson<T> of(long conversation, MessagePage page, Function<MessageView, T> render) {
        // The query answers newest first; a chat page reads oldest first.
        List<MessageView> oldestFirst = new ArrayList<>(page.messages());
        Collections.reverse(oldestFirst);
        Long nextBeforeId = page.hasMore() && !oldestFirst.isEmpty() ? oldestFirst.get(0).messageId() : null;
        return new MessagePageJson<>(conversation, oldestFirst.stream().map(render).toList(),
                nextBeforeId != null, nextBeforeId);
    }
}
