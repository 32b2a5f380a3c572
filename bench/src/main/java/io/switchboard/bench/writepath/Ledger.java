package io.switchboard.bench.writepath;

import io.switchboard.bench.writepath.HotelApi.SendResult;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every send of the run (warm-ups included), per conversation, so the correctness check (g) can compare what the
 * clients were told with what the read models hold, and the final table can give error totals.
 */
final class Ledger {

    private final Map<Long, PerConversation> conversations = new ConcurrentHashMap<>();
    private final Map<SendResult.Outcome, AtomicLong> outcomes = new EnumMap<>(SendResult.Outcome.class);
    private final Set<Long> createdIds = ConcurrentHashMap.newKeySet();
    private final AtomicLong duplicateIds = new AtomicLong();
    private final Map<String, AtomicInteger> errorSamples = new ConcurrentHashMap<>();

    Ledger() {
        for (SendResult.Outcome outcome : SendResult.Outcome.values()) {
            outcomes.put(outcome, new AtomicLong());
        }
    }

    void record(long conversationId, SendResult result) {
        outcomes.get(result.outcome()).incrementAndGet();
        PerConversation conversation = conversations.computeIfAbsent(conversationId, id -> new PerConversation());
        if (result.created()) {
            conversation.created.incrementAndGet();
            if (!createdIds.add(result.messageId())) {
                duplicateIds.incrementAndGet(); // two 201s answered with one message id
            }
        } else if (result.ambiguous()) {
            conversation.ambiguous.incrementAndGet();
        }
        if (result.error() != null && errorSamples.size() < 20) {
            // a few distinct failures, so the printout says what went wrong, not only how often
            errorSamples.computeIfAbsent(result.error().replaceAll("\\d+", "#"), key -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    long created() {
        return outcomes.get(SendResult.Outcome.CREATED).get();
    }

    long count(SendResult.Outcome outcome) {
        return outcomes.get(outcome).get();
    }

    long created(long conversationId) {
        PerConversation conversation = conversations.get(conversationId);
        return conversation == null ? 0 : conversation.created.get();
    }

    long ambiguous(long conversationId) {
        PerConversation conversation = conversations.get(conversationId);
        return conversation == null ? 0 : conversation.ambiguous.get();
    }

    List<Long> conversationIds() {
        return conversations.keySet().stream().sorted().toList();
    }

    Set<Long> createdIds() {
        return createdIds;
    }

    long duplicateIds() {
        return duplicateIds.get();
    }

    Map<String, AtomicInteger> errorSamples() {
        return errorSamples;
    }

    private static final class PerConversation {
        final AtomicLong created = new AtomicLong();
        final AtomicLong ambiguous = new AtomicLong();
    }
}
