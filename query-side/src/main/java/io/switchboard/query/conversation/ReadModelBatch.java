package io.switchboard.query.conversation;

import io.switchboard.api.identity.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The read-model rows of the conversations one transaction (a processor batch) touches, held in memory: the
 * projections read and change these copies, so a handler sees what the handlers before it in the batch did, and
 * {@link #flush()} writes every change at commit as a few JDBC batches (one statement kind each: inserts of new rows,
 * updates of changed ones, message inserts that skip a message already stored).
 * <p>
 * A conversation's rows (list row, participants, read markers, live chat) are loaded together the first time any
 * event of it is handled, together with those of every other conversation the batch will touch (its events are
 * known up front: {@code upcoming}), so a batch costs four selects whatever its size. Only this processor writes
 * these tables, and a conversation's events are all in one segment, so nothing else changes the loaded rows before
 * the commit.
 */
final class ReadModelBatch {

    /** Parameters of one multi-row insert: well below PostgreSQL's limit of 65,535. */
    private static final int MAX_PARAMETERS = 2_600;
    /** Bounded IN lists: one select per this many conversations. */
    private static final int LOAD_CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final Supplier<Collection<Long>> upcoming;

    private final Set<Long> loaded = new HashSet<>();
    private final Map<Long, ConversationRow> conversations = new HashMap<>();
    private final Map<Long, Map<String, ParticipantRow>> participants = new HashMap<>();
    private final Map<Long, Map<String, ReadMarkerRow>> markers = new HashMap<>();
    private final Map<Long, LiveChatRow> chats = new HashMap<>();

    /** Rows to insert, in creation order (participants' identity ids then follow join order). */
    private final Set<ConversationRow> newConversations = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<ParticipantRow> newParticipants = new ArrayList<>();
    private final Set<ReadMarkerRow> newMarkers = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<LiveChatRow> newChats = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Object> changed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<ParticipantRow, Integer> creationOrder = new IdentityHashMap<>();
    private final List<MessageRow> messages = new ArrayList<>();
    private boolean upcomingLoaded;

    /**
     * @param upcoming the conversation ids of the batch's events, if known (empty otherwise): loaded together with
     *                 the first conversation asked for
     */
    ReadModelBatch(JdbcTemplate jdbc, Supplier<Collection<Long>> upcoming) {
        this.jdbc = jdbc;
        this.upcoming = upcoming;
    }

    // ---- conversations

    Optional<ConversationRow> conversation(long conversationId) {
        load(conversationId);
        return Optional.ofNullable(conversations.get(conversationId));
    }

    /** A new row; the caller has checked that none exists. */
    void addConversation(ConversationRow row) {
        conversations.put(row.id(), row);
        newConversations.add(row);
    }

    void changed(ConversationRow row) {
        changed.add(row);
    }

    // ---- participants

    Optional<ParticipantRow> participant(long conversationId, String userId) {
        load(conversationId);
        return Optional.ofNullable(participants.getOrDefault(conversationId, Map.of()).get(userId));
    }

    void addParticipant(ParticipantRow row) {
        participants.computeIfAbsent(row.conversationId(), id -> new LinkedHashMap<>()).put(row.userId(), row);
        creationOrder.put(row, newParticipants.size());
        newParticipants.add(row);
    }

    void changed(ParticipantRow row) {
        changed.add(row);
    }

    /**
     * The active participant with one of {@code roles} who joined first (ties: in row order, rows not yet inserted
     * after the stored ones, in creation order), other than {@code excludedUserId}.
     */
    Optional<String> firstJoinedActive(long conversationId, Collection<Role> roles, String excludedUserId) {
        load(conversationId);
        Comparator<ParticipantRow> rowOrder = Comparator.comparing(ParticipantRow::joinedAt)
                .thenComparing(row -> row.id() != null ? row.id() : Long.MAX_VALUE / 2 + creationOrder.get(row));
        return participants.getOrDefault(conversationId, Map.of()).values().stream()
                .filter(row -> row.active() && !row.userId().equals(excludedUserId) && roles.contains(row.role()))
                .min(rowOrder)
                .map(ParticipantRow::userId);
    }

    // ---- read markers

    Optional<ReadMarkerRow> marker(long conversationId, String userId) {
        load(conversationId);
        return Optional.ofNullable(markers.getOrDefault(conversationId, Map.of()).get(userId));
    }

    void addMarker(long conversationId, ReadMarkerRow row) {
        markers.computeIfAbsent(conversationId, id -> new HashMap<>()).put(row.userId(), row);
        newMarkers.add(row);
    }

    void changed(ReadMarkerRow row) {
        changed.add(row);
    }

    // ---- live chats

    Optional<LiveChatRow> chat(long conversationId) {
        load(conversationId);
        return Optional.ofNullable(chats.get(conversationId));
    }

    void addChat(LiveChatRow row) {
        chats.put(row.conversationId(), row);
        newChats.add(row);
    }

    void changed(LiveChatRow row) {
        changed.add(row);
    }

    // ---- messages

    /** Inserted at flush unless a message with its id (or its conversation and sequence) is already stored. */
    void addMessage(MessageRow row) {
        messages.add(row);
    }

    // ---- loading and writing

    private void load(long conversationId) {
        if (loaded.contains(conversationId)) {
            return;
        }
        Set<Long> ids = new LinkedHashSet<>();
        ids.add(conversationId);
        if (!upcomingLoaded) {
            upcomingLoaded = true;
            ids.addAll(upcoming.get());
        }
        ids.removeAll(loaded);
        List<Long> pending = new ArrayList<>(ids);
        for (int from = 0; from < pending.size(); from += LOAD_CHUNK) {
            loadChunk(pending.subList(from, Math.min(pending.size(), from + LOAD_CHUNK)));
        }
    }

    private void loadChunk(List<Long> ids) {
        loaded.addAll(ids);
        String in = ids.stream().map(id -> "?").collect(Collectors.joining(", ", "(", ")"));
        Object[] parameters = ids.toArray();
        jdbc.query("SELECT " + ConversationRow.COLUMNS + " FROM query_conversation WHERE id IN " + in,
                rows -> {
                    ConversationRow row = ConversationRow.read(rows);
                    conversations.put(row.id(), row);
                }, parameters);
        jdbc.query(ParticipantRow.SELECT + " WHERE conversation_id IN " + in + " ORDER BY id", rows -> {
            ParticipantRow row = ParticipantRow.read(rows);
            participants.computeIfAbsent(row.conversationId(), id -> new LinkedHashMap<>()).put(row.userId(), row);
        }, parameters);
        jdbc.query(ReadMarkerRow.SELECT + " WHERE conversation_id IN " + in, rows -> {
            ReadMarkerRow row = ReadMarkerRow.read(rows);
            markers.computeIfAbsent(rows.getLong("conversation_id"), id -> new HashMap<>()).put(row.userId(), row);
        }, parameters);
        jdbc.query("SELECT " + LiveChatRow.COLUMNS + " FROM query_live_chat WHERE conversation_id IN " + in, rows -> {
            LiveChatRow row = LiveChatRow.read(rows);
            chats.put(row.conversationId(), row);
        }, parameters);
    }

    /**
     * Writes every change of the batch; the transaction commits right after. New rows go in multi-row inserts (in
     * creation order), changed ones in JDBC batches of updates.
     */
    void flush() {
        insert(ConversationRow.INSERT, newConversations.stream().sorted(
                java.util.Comparator.comparingLong(ConversationRow::id)).toList(), ConversationRow::bindInsert);
        batch(ConversationRow.UPDATE, changedExisting(conversations.values(), newConversations),
                ConversationRow::bindUpdate);
        insert(ParticipantRow.INSERT, newParticipants, ParticipantRow::bindInsert);
        batch(ParticipantRow.UPDATE, changedExisting(allOf(participants), creationOrder.keySet()),
                ParticipantRow::bindUpdate);
        insert(MessageRow.INSERT, messages, MessageRow::bindInsert);
        insert(ReadMarkerRow.INSERT, List.copyOf(newMarkers), ReadMarkerRow::bindInsert);
        batch(ReadMarkerRow.UPDATE, changedExisting(allOf(markers), newMarkers), ReadMarkerRow::bindUpdate);
        insert(LiveChatRow.INSERT, newChats.stream().sorted(
                java.util.Comparator.comparingLong(LiveChatRow::conversationId)).toList(), LiveChatRow::bindInsert);
        batch(LiveChatRow.UPDATE, changedExisting(chats.values(), newChats), LiveChatRow::bindUpdate);
    }

    private <R> void insert(RowInsert insert, List<R> rows, InsertBinder<R> binder) {
        int perStatement = Math.max(1, MAX_PARAMETERS / insert.columns());
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<R> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            jdbc.execute(insert.sql(chunk.size()), (PreparedStatementCallback<Integer>) statement -> {
                for (int i = 0; i < chunk.size(); i++) {
                    binder.bind(chunk.get(i), statement, i * insert.columns());
                }
                return statement.executeUpdate();
            });
        }
    }

    @FunctionalInterface
    private interface InsertBinder<R> {
        void bind(R row, PreparedStatement statement, int at) throws SQLException;
    }

    private static <R> List<R> allOf(Map<Long, Map<String, R>> rows) {
        List<R> all = new ArrayList<>();
        rows.values().forEach(ofConversation -> all.addAll(ofConversation.values()));
        return all;
    }

    private <R> List<R> changedExisting(Collection<R> rows, Collection<R> created) {
        Set<R> fresh = Collections.newSetFromMap(new IdentityHashMap<>());
        fresh.addAll(created);
        return rows.stream().filter(row -> changed.contains(row) && !fresh.contains(row)).toList();
    }

    private <R> void batch(String sql, List<R> rows, Binder<R> binder) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(sql, rows, rows.size(), (statement, row) -> binder.bind(row, statement));
    }

    @FunctionalInterface
    private interface Binder<R> {
        void bind(R row, PreparedStatement statement) throws SQLException;
    }
}
