package io.switchboard.query.conversation;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.query.FindMessage;
import io.switchboard.api.conversation.query.FindMessages;
import io.switchboard.api.conversation.query.MessagePage;
import io.switchboard.api.conversation.query.MessageView;
import io.switchboard.api.conversation.query.ReadMarkerView;
import io.switchboard.query.QuerySideTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.LongStream;

import static io.switchboard.query.conversation.ConversationScenario.guest;
import static io.switchboard.query.conversation.ConversationScenario.newTenant;
import static io.switchboard.query.conversation.ConversationScenario.staff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A conversation of 35 messages, read back in pages of 10 by every cursor. */
@QuerySideTest
class MessagePagingTests {

    private static final int MESSAGES = 35;

    private final Participant guest = guest("guest-1");
    private final Participant frontDesk = staff("front-desk");

    @Autowired
    private ReadModelDriver driver;
    @Autowired
    private MessageQueryHandler queries;

    private ConversationScenario room;

    @BeforeEach
    void thirtyFiveMessages() {
        room = new ConversationScenario(newTenant(), ConversationKind.GUEST_ROOM);
        List<Object> events = new ArrayList<>();
        events.add(room.started(guest, frontDesk));
        for (int i = 1; i <= MESSAGES; i++) {
            events.add(room.message(i % 2 == 0 ? frontDesk : guest, "message " + i));
        }
        driver.applyInOneTransaction(events);
    }

    @Test
    void walksBackBySequenceWithoutGapOrDuplicate() {
        assertWalksBackOverEveryMessage(previous -> page(10, lastOf(previous).sequence(), null, null, null));
    }

    @Test
    void walksBackByMessageIdWithoutGapOrDuplicate() {
        assertWalksBackOverEveryMessage(previous -> page(10, null, lastOf(previous).messageId(), null, null));
    }

    @Test
    void catchesUpAfterASequenceNewestFirst() {
        MessagePage tail = page(10, null, null, 30L, null);
        assertThat(sequences(tail)).containsExactly(35L, 34L, 33L, 32L, 31L);
        assertThat(tail.hasMore()).isTrue();

        assertThat(sequences(page(10, null, null, 5L, null)))
                .as("the messages right after the cursor, so the next catch-up continues without a gap")
                .containsExactly(15L, 14L, 13L, 12L, 11L, 10L, 9L, 8L, 7L, 6L);

        MessagePage upToDate = page(10, null, null, 35L, null);
        assertThat(upToDate.found()).isTrue();
        assertThat(upToDate.messages()).isEmpty();
    }

    @Test
    void pagesByOffsetFromTheNewest() {
        MessagePage middle = page(10, null, null, null, 10);
        assertThat(sequences(middle)).containsExactlyElementsOf(descending(25, 16));
        assertThat(middle.hasMore()).isTrue();

        MessagePage oldest = page(10, null, null, null, 30);
        assertThat(sequences(oldest)).containsExactlyElementsOf(descending(5, 1));
        assertThat(oldest.hasMore()).isFalse();

        assertThat(page(10, null, null, null, 35).messages()).isEmpty();
    }

    @Test
    void clampsTheLimitBetweenOneAndTwoHundred() {
        assertThat(sequences(page(0, null, null, null, null))).containsExactly(35L);
        assertThat(page(1000, null, null, null, null).messages()).hasSize(MESSAGES);
    }

    @Test
    void aMessageIdOfAnotherConversationGivesAnEmptyPageOfAFoundConversation() {
        ConversationScenario other = new ConversationScenario(room.tenant(), ConversationKind.GUEST_ROOM);
        MessageSent elsewhere = other.message(guest, "elsewhere");
        driver.apply(other.started(guest, frontDesk), elsewhere);

        MessagePage page = page(10, null, elsewhere.messageId(), null, null);

        assertThat(page.found()).isTrue();
        assertThat(page.messages()).isEmpty();
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void anUnknownOrAnotherTenantsConversationIsNotFound() {
        MessagePage foreign = queries.handle(FindMessages.latest(newTenant(), room.id(), 10));
        MessagePage unknown = queries.handle(FindMessages.latest(room.tenant(), room.id() + 1_000_000, 10));

        for (MessagePage page : List.of(foreign, unknown)) {
            assertThat(page.found()).isFalse();
            assertThat(page.messages()).isEmpty();
            assertThat(page.readMarkers()).isEmpty();
        }
    }

    @Test
    void findsOneMessageWithEveryFieldOnlyWithinItsTenant() {
        Attachment menu = new Attachment("https://files.example/menu.pdf", "menu.pdf", "application/pdf", 0);
        MessageSent sent = room.message(frontDesk, "our menu", "{\"card\":{\"title\":\"Menu\"}}", List.of(menu));
        driver.apply(sent);

        assertThat(queries.handle(new FindMessage(room.tenant(), sent.messageId()))).contains(new MessageView(
                sent.messageId(), room.id(), 36, frontDesk.userId(), frontDesk.name(), frontDesk.role(), sent.type(),
                "our menu", "{\"card\":{\"title\":\"Menu\"}}", List.of(menu), sent.clientMessageId(), sent.sentAt()));
        assertThat(queries.handle(new FindMessage(newTenant(), sent.messageId()))).isEmpty();
    }

    @Test
    void everyPageCarriesEveryReadMarkerOfTheConversation() {
        var guestRead = room.read(guest, 20);
        var managerRead = room.read(staff("manager"), 35);
        driver.apply(guestRead, managerRead);

        assertThat(page(10, null, null, null, null).readMarkers()).containsExactlyInAnyOrder(
                new ReadMarkerView(guest.userId(), guest.role(), 20, guestRead.readAt()),
                new ReadMarkerView("manager", managerRead.readerRole(), 35, managerRead.readAt()));
    }

    @Test
    void refusesMoreThanOneCursor() {
        assertThatIllegalArgumentException().isThrownBy(() -> page(10, 20L, null, 5L, null));
    }

    private void assertWalksBackOverEveryMessage(Function<MessagePage, MessagePage> older) {
        List<Long> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        MessagePage page = page(10, null, null, null, null);
        seen.addAll(sequences(page));
        sizes.add(page.messages().size());
        while (page.hasMore()) {
            page = older.apply(page);
            seen.addAll(sequences(page));
            sizes.add(page.messages().size());
        }
        assertThat(seen).containsExactlyElementsOf(descending(MESSAGES, 1));
        assertThat(sizes).containsExactly(10, 10, 10, 5);
    }

    private MessagePage page(int limit, Long beforeSequence, Long beforeMessageId, Long afterSequence,
                             Integer offset) {
        return queries.handle(new FindMessages(room.tenant(), room.id(), limit, beforeSequence, beforeMessageId,
                afterSequence, offset));
    }

    private static MessageView lastOf(MessagePage page) {
        return page.messages().get(page.messages().size() - 1);
    }

    private static List<Long> sequences(MessagePage page) {
        return page.messages().stream().map(MessageView::sequence).toList();
    }

    private static List<Long> descending(long from, long to) {
        return LongStream.rangeClosed(to, from).map(sequence -> from + to - sequence).boxed().toList();
    }
}
