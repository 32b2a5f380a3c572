package io.switchboard.query.conversation;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.query.ConversationSummary;
import io.switchboard.api.conversation.query.FindConversation;
import io.switchboard.api.conversation.query.FindConversations;
import io.switchboard.api.conversation.query.FindUnreadCounts;
import io.switchboard.api.conversation.query.ParticipantView;
import io.switchboard.api.conversation.query.UnreadCounts;
import io.switchboard.api.identity.Role;
import io.switchboard.query.QuerySideTest;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.switchboard.query.conversation.ConversationScenario.START;
import static io.switchboard.query.conversation.ConversationScenario.guest;
import static io.switchboard.query.conversation.ConversationScenario.newTenant;
import static io.switchboard.query.conversation.ConversationScenario.staff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@QuerySideTest
class ConversationListTests {

    private static final ConversationKind ROOMS = ConversationKind.GUEST_ROOM;

    private final Participant guest = guest("guest-1");
    private final Participant frontDesk = staff("front-desk");
    private final Participant manager = staff("manager");

    @Autowired
    private ReadModelDriver driver;
    @Autowired
    private ConversationQueryHandler queries;
    @Autowired
    private EntityManagerFactory entityManagerFactory;

    @Test
    void listsMostRecentActivityFirstThenHigherIdFirst() {
        String tenant = newTenant();
        ConversationScenario messaged = startedAt(tenant, ROOMS, 0);
        ConversationScenario joined = startedAt(tenant, ROOMS, 10);
        ConversationScenario quiet = startedAt(tenant, ROOMS, 20);
        ConversationScenario quietTwin = startedAt(tenant, ROOMS, 20);
        startedAt(tenant, ConversationKind.STAFF, 90);
        startedAt(newTenant(), ROOMS, 90);

        driver.apply(messaged.at(START.plusSeconds(3600)).message(guest, "towels please"),
                joined.at(START.plusSeconds(5400)).joined(manager));

        List<ConversationSummary> list = list(tenant, guest.userId(), false, 50, 0);
        assertThat(list).extracting(ConversationSummary::conversationId)
                .containsExactly(joined.id(), messaged.id(), quietTwin.id(), quiet.id());
        assertThat(list.get(0).updatedAt()).isEqualTo(START.plusSeconds(5400));
        assertThat(list.get(1).updatedAt()).isEqualTo(START.plusSeconds(3600));
        assertThat(list.get(3).updatedAt()).isEqualTo(list.get(3).createdAt());
    }

    @Test
    void summarisesParticipantsCountersAndTheLastMessage() {
        ConversationScenario room = new ConversationScenario(newTenant(), ROOMS);
        Attachment photo = new Attachment("https://files.example/p.jpg", "p.jpg", "image/jpeg", 1234);
        driver.apply(room.at(START).started(guest, frontDesk), room.message(guest, "hello"),
                room.message(guest, "towels please"));
        MessageSent reply = room.at(START.plusSeconds(600)).message(frontDesk, "on its way",
                "{\"eta\":5}", List.of(photo));
        driver.apply(reply, room.joined(manager), room.left(frontDesk));

        ConversationSummary summary = find(room, guest.userId());

        assertThat(summary.subject()).isEqualTo(ConversationScenario.SUBJECT);
        assertThat(summary.subjectReference()).isEqualTo(ConversationScenario.SUBJECT_REFERENCE);
        assertThat(summary.kind()).isEqualTo(ROOMS);
        assertThat(summary.tenant()).isEqualTo(room.tenant());
        assertThat(summary.messageCount()).isEqualTo(3);
        assertThat(summary.lastSequence()).isEqualTo(3);
        assertThat(summary.lastMessage().messageId()).isEqualTo(reply.messageId());
        assertThat(summary.lastMessage().attachments()).containsExactly(photo);
        assertThat(summary.lastMessage().content()).isEqualTo("{\"eta\":5}");
        assertThat(summary.createdAt()).isEqualTo(START);
        assertThat(summary.updatedAt()).isEqualTo(START.plusSeconds(600 + 2 * 60));
        assertThat(summary.participants()).extracting(ParticipantView::userId, ParticipantView::role,
                        ParticipantView::active)
                .containsExactly(
                        tuple(guest.userId(), Role.GUEST, true),
                        tuple(frontDesk.userId(), Role.STAFF, false),
                        tuple(manager.userId(), Role.STAFF, true));
    }

    @Test
    void countsUnreadMessagesByOthersAfterEachViewersReadMarker() {
        ConversationScenario room = new ConversationScenario(newTenant(), ROOMS);
        driver.apply(room.started(guest, frontDesk));
        driver.apply(room.messages(guest, 3));
        driver.apply(room.message(frontDesk, "hello"), room.message(guest, "still there?"));

        assertThat(find(room, frontDesk.userId()).unreadCount()).isEqualTo(4);
        assertThat(find(room, guest.userId()).unreadCount()).isEqualTo(1);
        assertThat(find(room, manager.userId()).unreadCount())
                .as("a reader who is no participant").isEqualTo(5);

        driver.apply(room.read(frontDesk, 3), room.read(manager, 5));
        assertThat(find(room, frontDesk.userId()).unreadCount()).isEqualTo(1);
        assertThat(find(room, manager.userId()).hasUnread()).isFalse();
        assertThat(list(room.tenant(), frontDesk.userId(), false, 10, 0))
                .singleElement().extracting(ConversationSummary::unreadCount).isEqualTo(1L);
    }

    @Test
    void participatingOnlyListsConversationsTheViewerIsActiveIn() {
        String tenant = newTenant();
        ConversationScenario active = new ConversationScenario(tenant, ROOMS);
        ConversationScenario left = new ConversationScenario(tenant, ROOMS);
        ConversationScenario foreign = new ConversationScenario(tenant, ROOMS);
        driver.apply(active.started(guest, frontDesk), left.started(guest, frontDesk), left.left(frontDesk),
                foreign.started(guest("guest-2"), manager));

        assertThat(list(tenant, frontDesk.userId(), true, 10, 0)).extracting(ConversationSummary::conversationId)
                .containsExactly(active.id());
        assertThat(list(tenant, frontDesk.userId(), false, 10, 0)).extracting(ConversationSummary::conversationId)
                .containsExactlyInAnyOrder(active.id(), left.id(), foreign.id());
    }

    @Test
    void pagesByLimitAndOffset() {
        String tenant = newTenant();
        // started at minutes 5, 4, 3, 2, 1: creation order is newest first
        List<Long> newestFirst = IntStream.of(5, 4, 3, 2, 1)
                .mapToObj(minute -> startedAt(tenant, ROOMS, minute).id()).toList();

        assertThat(ids(list(tenant, guest.userId(), false, 2, 0))).isEqualTo(newestFirst.subList(0, 2));
        assertThat(ids(list(tenant, guest.userId(), false, 2, 2))).isEqualTo(newestFirst.subList(2, 4));
        assertThat(ids(list(tenant, guest.userId(), false, 2, 4))).isEqualTo(newestFirst.subList(4, 5));
        assertThat(list(tenant, guest.userId(), false, 2, 5)).isEmpty();
        assertThat(ids(list(tenant, guest.userId(), false, 0, 0))).as("limit below 1").hasSize(1);
    }

    @Test
    void capsTheLimitAt200() {
        String tenant = newTenant();
        driver.applyInOneTransaction(IntStream.range(0, 201)
                .mapToObj(i -> new ConversationScenario(tenant, ROOMS).started(guest, frontDesk)).toList());

        assertThat(list(tenant, guest.userId(), false, 1000, 0)).hasSize(200);
    }

    @Test
    void anotherTenantsConversationIsNotFound() {
        ConversationScenario room = new ConversationScenario(newTenant(), ROOMS);
        driver.apply(room.started(guest, frontDesk));

        assertThat(queries.handle(new FindConversation(newTenant(), room.id(), guest.userId()))).isEmpty();
        assertThat(queries.handle(new FindConversation(room.tenant(), room.id(), guest.userId()))).isPresent();
        assertThat(queries.handle(new FindConversation(room.tenant(), room.id() + 1_000_000, guest.userId())))
                .isEmpty();
    }

    @Test
    void unreadCountsCoverConversationsTheUserActivelyParticipatesIn() {
        String tenant = newTenant();
        ConversationScenario twoUnread = new ConversationScenario(tenant, ROOMS);
        ConversationScenario allRead = new ConversationScenario(tenant, ROOMS);
        ConversationScenario leftBehind = new ConversationScenario(tenant, ROOMS);
        ConversationScenario staffChat = new ConversationScenario(tenant, ConversationKind.STAFF);
        ConversationScenario otherTenant = new ConversationScenario(newTenant(), ROOMS);
        List<Object> events = new ArrayList<>();
        for (ConversationScenario conversation : List.of(twoUnread, allRead, leftBehind, staffChat, otherTenant)) {
            events.add(conversation.started(frontDesk, manager));
            events.addAll(conversation.messages(manager, conversation == staffChat ? 3 : 2));
            events.add(conversation.message(frontDesk, "mine"));
        }
        events.add(allRead.read(frontDesk, 3));
        events.add(leftBehind.left(frontDesk));
        driver.apply(events);

        assertThat(queries.handle(new FindUnreadCounts(tenant, frontDesk.userId(), null))).isEqualTo(
                new UnreadCounts(Map.of(twoUnread.id(), 2L, staffChat.id(), 3L), 5));
        assertThat(queries.handle(new FindUnreadCounts(tenant, frontDesk.userId(), ROOMS))).isEqualTo(
                new UnreadCounts(Map.of(twoUnread.id(), 2L), 2));
        assertThat(queries.handle(new FindUnreadCounts(tenant, "nobody", null))).isEqualTo(
                new UnreadCounts(Map.of(), 0));
    }

    @Test
    void aListPageTakesTheSameNumberOfStatementsWhateverItsSize() {
        assertThat(statementsToList(12)).isEqualTo(statementsToList(3));
    }

    private long statementsToList(int conversations) {
        String tenant = newTenant();
        List<Object> events = new ArrayList<>();
        IntStream.range(0, conversations).forEach(i -> {
            ConversationScenario room = new ConversationScenario(tenant, ROOMS);
            events.add(room.started(guest, frontDesk));
            events.add(room.message(guest, "hello"));
            events.add(room.read(frontDesk, 1));
        });
        driver.applyInOneTransaction(events);
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        long before = statistics.getPrepareStatementCount();
        assertThat(list(tenant, frontDesk.userId(), false, 50, 0)).hasSize(conversations);
        return statistics.getPrepareStatementCount() - before;
    }

    private ConversationScenario startedAt(String tenant, ConversationKind kind, int minute) {
        ConversationScenario conversation = new ConversationScenario(tenant, kind);
        driver.apply(conversation.at(START.plusSeconds(minute * 60L)).started(guest, frontDesk));
        return conversation;
    }

    private ConversationSummary find(ConversationScenario conversation, String viewerId) {
        return queries.handle(new FindConversation(conversation.tenant(), conversation.id(), viewerId)).orElseThrow();
    }

    private List<ConversationSummary> list(String tenant, String viewerId, boolean participatingOnly, int limit,
                                           int offset) {
        return queries.handle(new FindConversations(tenant, ROOMS, viewerId, participatingOnly, limit, offset))
                .conversations();
    }

    private static List<Long> ids(List<ConversationSummary> summaries) {
        return summaries.stream().map(ConversationSummary::conversationId).toList();
    }
}
