package io.switchboard.command.conversation;

import io.switchboard.api.conversation.Attachment;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationRead;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.JoinConversation;
import io.switchboard.api.conversation.MarkConversationRead;
import io.switchboard.api.conversation.MessageAccepted;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.ParticipantLeft;
import io.switchboard.api.livechat.ChangeChatPriority;
import io.switchboard.api.livechat.ChatPriorityChanged;
import io.switchboard.api.livechat.ClaimChat;
import io.switchboard.api.livechat.LeaveChat;
import io.switchboard.api.livechat.MarkVisitorOffline;
import io.switchboard.api.livechat.TakeOverChat;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static io.switchboard.command.conversation.ConversationTestData.AGENT;
import static io.switchboard.command.conversation.ConversationTestData.FIRST_MESSAGE_ID;
import static io.switchboard.command.conversation.ConversationTestData.GUEST;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.NOW;
import static io.switchboard.command.conversation.ConversationTestData.STAFF;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;
import static io.switchboard.command.conversation.ConversationTestData.guestRoomStarted;
import static io.switchboard.command.conversation.ConversationTestData.joined;
import static io.switchboard.command.conversation.ConversationTestData.send;
import static io.switchboard.command.conversation.ConversationTestData.sent;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Axon stores snapshots with the events serializer, Jackson 3 here: a restored snapshot must decide like the original.
 * Each scenario takes a fresh fixture because a fixture holds one given state.
 */
class ConversationSnapshotTests {

    static Stream<Serializer> serializers() {
        return Stream.of(
                // as the app configures it: no default typing
                Jackson3Serializer.builder().build(),
                // should default typing ever be switched on, maps gain class names and must still round-trip
                Jackson3Serializer.builder().defaultTyping().build());
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void aSnapshotWithHistoryDecidesLikeTheOriginal(Serializer serializer) {
        Conversation original = withHistory();

        SerializedObject<byte[]> snapshot = serializer.serialize(original, byte[].class);
        Conversation restored = serializer.deserialize(snapshot);

        assertThat(new String(snapshot.getData(), StandardCharsets.UTF_8))
                .as("message bodies are not aggregate state")
                .doesNotContain("Towels please");
        assertThat(restored).usingRecursiveComparison().isEqualTo(original);
        ConversationTestData.fixture().givenState(() -> restored)
                .when(send(GUEST, "Towels please", "c-1"))
                .expectNoEvents()
                .expectResultMessagePayload(new MessageAccepted(ID, 501, 1, NOW, true));
        ConversationTestData.fixture().givenState(() -> serializer.deserialize(snapshot))
                .when(send(GUEST, "And soap", "c-3"))
                .expectEvents(sent(FIRST_MESSAGE_ID, 3, GUEST, "And soap", "c-3"));
        ConversationTestData.fixture().givenState(() -> serializer.deserialize(snapshot))
                .when(new JoinConversation(ID, ConversationKind.GUEST_ROOM, AGENT))
                .expectEvents(joined(AGENT));
        ConversationTestData.fixture().givenState(() -> serializer.deserialize(snapshot))
                .when(new MarkConversationRead(ID, null, GUEST, Long.MAX_VALUE))
                .expectNoEvents();
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void aLiveChatSnapshotKeepsItsRoutingAndDecidesLikeTheOriginal(Serializer serializer) {
        Conversation original = liveChatWithHistory();

        SerializedObject<byte[]> snapshot = serializer.serialize(original, byte[].class);
        Conversation restored = serializer.deserialize(snapshot);

        assertThat(restored).usingRecursiveComparison().isEqualTo(original);
        // claimed once, for good
        ConversationTestData.fixture().givenState(() -> serializer.deserialize(snapshot))
                .when(new ClaimChat(ID, LiveChatTestData.SUPERVISOR))
                .expectExceptionDetails(ErrorCode.CHAT_ALREADY_CLAIMED);
        // the severity
        ConversationTestData.fixture().givenState(() -> serializer.deserialize(snapshot))
                .when(new ChangeChatPriority(ID, LiveChatTestData.AGENT_2, 3))
                .expectNoEvents();
        // the visitor is offline, and sending brings them back
        ConversationTestData.fixture().givenState(() -> serializer.deserialize(snapshot))
                .when(LiveChatTestData.send(LiveChatTestData.VISITOR, "back"))
                .expectEvents(LiveChatTestData.wentOnline(),
                        LiveChatTestData.sent(FIRST_MESSAGE_ID, 2, LiveChatTestData.VISITOR, "back"));
        // AGENT_2 serves since AGENT left (the earliest added), STAFF is still added
        ConversationTestData.fixture().givenState(() -> serializer.deserialize(snapshot))
                .when(new TakeOverChat(ID, LiveChatTestData.SUPERVISOR))
                .expectEvents(LiveChatTestData.takenOver(LiveChatTestData.SUPERVISOR, LiveChatTestData.AGENT_2),
                        LiveChatTestData.left(LiveChatTestData.AGENT_2),
                        LiveChatTestData.joined(LiveChatTestData.SUPERVISOR));
        ConversationTestData.fixture().givenState(() -> serializer.deserialize(snapshot))
                .when(new LeaveChat(ID, LiveChatTestData.STAFF, false))
                .expectEvents(LiveChatTestData.left(LiveChatTestData.STAFF));
    }

    @ParameterizedTest
    @MethodSource("serializers")
    void aSupportSnapshotKeepsItsRobotMessagesInOrderAndDecidesLikeTheOriginal(Serializer serializer) {
        Conversation original = supportWithRobotMessages();

        SerializedObject<byte[]> snapshot = serializer.serialize(original, byte[].class);
        Conversation restored = serializer.deserialize(snapshot);

        assertThat(restored).usingRecursiveComparison().isEqualTo(original);
        String json = new String(snapshot.getData(), StandardCharsets.UTF_8);
        assertThat(json).as("only unshared robot messages keep their bodies")
                .contains("idea 3").doesNotContain("idea 2").doesNotContain("My invoice");
        // shared already
        ConversationTestData.fixture().givenState(() -> serializer.deserialize(snapshot))
                .when(SupportTestData.share(SupportTestData.AGENT, 502))
                .expectExceptionDetails(ErrorCode.ALREADY_SHARED);
        // pushed out by the later ones: the order of the kept ones survived
        ConversationTestData.fixture().givenState(() -> serializer.deserialize(snapshot))
                .when(SupportTestData.share(SupportTestData.AGENT, 501))
                .expectExceptionDetails(ErrorCode.NOT_A_ROBOT_MESSAGE);
        // kept with its text, content and attachments, shared with the next sequence
        ConversationTestData.fixture().givenState(() -> serializer.deserialize(snapshot))
                .when(SupportTestData.share(SupportTestData.AGENT, 503))
                .expectEvents(SupportTestData.shared(503, FIRST_MESSAGE_ID, SupportTestData.AGENT),
                        SupportTestData.sharedCopy(FIRST_MESSAGE_ID, SUPPORT_NEXT_SEQUENCE, SupportTestData.AGENT,
                                "idea 3", "{\"score\":0.9}", List.of(ATTACHMENT)));
        // the next robot message is kept after a restore too, pushing out the oldest kept one
        ConversationTestData.fixture().givenState(() -> serializer.deserialize(snapshot))
                .when(SupportTestData.send(SupportTestData.ROBOT, MessageType.ROBOT, "idea 4"))
                .expectSuccessfulHandlerExecution()
                .expectState(conversation -> {
                    Conversation afterwards = conversation;
                    ConversationTestData.fixture().givenState(() -> afterwards)
                            .when(SupportTestData.share(SupportTestData.AGENT, 503))
                            .expectExceptionDetails(ErrorCode.NOT_A_ROBOT_MESSAGE);
                });
    }

    private static final Attachment ATTACHMENT =
            new Attachment("https://files.example/form.pdf", "form.pdf", "application/pdf", 99);
    /** After the customer's message, 3 + (MAX_SHAREABLE - 1) robot messages and one shared copy. */
    private static final long SUPPORT_NEXT_SEQUENCE = RobotMessages.MAX_SHAREABLE + 5L;

    /**
     * A support conversation as Axon event-sources it: a customer's message, more robot messages than are kept (the
     * first, 501, pushed out), one (502) shared, one (503) with content and an attachment.
     */
    private static Conversation supportWithRobotMessages() {
        List<Object> history = new ArrayList<>(SupportTestData.history(
                SupportTestData.sent(500, 1, SupportTestData.CUSTOMER, "My invoice is wrong"),
                SupportTestData.robotSent(501, 2, "idea 1"), SupportTestData.robotSent(502, 3, "idea 2"),
                SupportTestData.robotSent(503, 4, "idea 3", "{\"score\":0.9}", List.of(ATTACHMENT)),
                SupportTestData.shared(502, 900, SupportTestData.AGENT),
                SupportTestData.sharedCopy(900, 5, SupportTestData.AGENT, "idea 2", null, List.of())));
        // as many more as push out exactly one: 501
        for (int i = 0; i < RobotMessages.MAX_SHAREABLE - 1; i++) {
            history.add(SupportTestData.robotSent(2_000 + i, 6 + i, "filler " + i));
        }
        AtomicReference<Conversation> state = new AtomicReference<>();
        ConversationTestData.fixture()
                .given(history)
                .when(new JoinConversation(ID, ConversationKind.SUPPORT, SupportTestData.AGENT))
                .expectNoEvents()
                .expectState(state::set);
        return state.get();
    }

    /** A live chat as Axon event-sources it: claimed, staff added, the serving one left, flagged, visitor offline. */
    private static Conversation liveChatWithHistory() {
        AtomicReference<Conversation> state = new AtomicReference<>();
        ConversationTestData.fixture()
                .given(LiveChatTestData.history(LiveChatTestData.claimedBy(LiveChatTestData.AGENT),
                        LiveChatTestData.sent(501, 1, LiveChatTestData.VISITOR, "Hello?"),
                        LiveChatTestData.added(LiveChatTestData.AGENT_2), LiveChatTestData.added(LiveChatTestData.STAFF),
                        LiveChatTestData.left(LiveChatTestData.AGENT),
                        new ChatPriorityChanged(ID, TENANT, LiveChatTestData.VISITOR.userId(),
                                LiveChatTestData.AGENT_2.userId(), LiveChatTestData.AGENT_2.role(), 3, NOW),
                        LiveChatTestData.wentOffline()))
                .when(new MarkVisitorOffline(ID, LiveChatTestData.VISITOR))
                .expectNoEvents()
                .expectState(state::set);
        return state.get();
    }

    /** A conversation as Axon event-sources it: participants came and went, messages, a read marker. */
    private static Conversation withHistory() {
        AtomicReference<Conversation> state = new AtomicReference<>();
        ConversationTestData.fixture()
                .given(guestRoomStarted(), sent(501, 1, GUEST, "Towels please", "c-1"),
                        joined(STAFF), sent(502, 2, STAFF, "On their way", "c-2"),
                        new ConversationRead(ID, TENANT, GUEST.userId(), GUEST.role(), 2, NOW),
                        joined(AGENT), new ParticipantLeft(ID, TENANT, AGENT.userId(), AGENT.role(), NOW))
                .when(new JoinConversation(ID, null, STAFF))
                .expectNoEvents()
                .expectState(state::set);
        return state.get();
    }
}
