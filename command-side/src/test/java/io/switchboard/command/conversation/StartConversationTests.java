package io.switchboard.command.conversation;

import io.switchboard.api.conversation.CommandRejectedException;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ConversationStarted;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.MessageLimits;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.StartConversation;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.command.conversation.ConversationTestData.CountingIds;
import io.switchboard.command.conversation.ConversationTestData.InMemoryKeys;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.stream.IntStream;

import static io.switchboard.command.conversation.ConversationTestData.AGENT;
import static io.switchboard.command.conversation.ConversationTestData.CUSTOMER;
import static io.switchboard.command.conversation.ConversationTestData.FOREIGN_STAFF;
import static io.switchboard.command.conversation.ConversationTestData.GUEST;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.NEXT_GUEST;
import static io.switchboard.command.conversation.ConversationTestData.NOW;
import static io.switchboard.command.conversation.ConversationTestData.STAFF;
import static io.switchboard.command.conversation.ConversationTestData.SUPERVISOR;
import static io.switchboard.command.conversation.ConversationTestData.TENANT;
import static io.switchboard.command.conversation.ConversationTestData.VISITOR;
import static io.switchboard.command.conversation.ConversationTestData.guestRoomStarted;
import static io.switchboard.command.conversation.ConversationTestData.participant;
import static org.assertj.core.api.Assertions.assertThat;

class StartConversationTests {

    private final InMemoryKeys keys = new InMemoryKeys();
    private FixtureConfiguration<Conversation> fixture;

    @BeforeEach
    void setUp() {
        fixture = ConversationTestData.fixture(new CountingIds(), keys);
    }

    private static StartConversation start(ConversationKind kind, AuthenticatedUser starter, String subject,
                                           AuthenticatedUser... others) {
        return new StartConversation(kind, TENANT, subject,
                List.of(others).stream().map(ConversationTestData::participant).toList(), starter);
    }

    @Test
    void guestRoomThreadIsAboutTheGuestsRoomAndBookingAndAnswersItsNewId() {
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.GUEST_ROOM, GUEST, null))
                .expectEvents(guestRoomStarted())
                .expectResultMessagePayload(ID);
        assertThat(keys.find(TENANT, ConversationKeys.guestRoom("101", "BK-1"))).contains(ID);
    }

    @Test
    void theNewConversationsEventsAreFiledUnderItsId() {
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.GUEST_ROOM, GUEST, null))
                .expectEventsMatching(Matchers.exactSequenceOf(Matchers.predicate(event ->
                        event instanceof DomainEventMessage<?> domainEvent
                                && domainEvent.getAggregateIdentifier().equals(String.valueOf(ID))),
                        Matchers.andNoMore()));
    }

    @Test
    void starterFromAnotherTenantIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new StartConversation(ConversationKind.SUPPORT, TENANT, null, List.of(), FOREIGN_STAFF))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.TENANT_MISMATCH);
    }

    @Test
    void starterAlwaysParticipatesFirstAndParticipantsAreDeduplicated() {
        // the starter listed again is dropped: their own entry, from the token, comes first
        List<Participant> requested = List.of(participant(AGENT), participant(SUPERVISOR), participant(AGENT),
                new Participant(STAFF.userId(), "stale name", Role.CUSTOMER));
        fixture.givenNoPriorActivity()
                .when(new StartConversation(ConversationKind.STAFF, TENANT, "billing", requested, STAFF))
                .expectEvents(new ConversationStarted(ID, TENANT, ConversationKind.STAFF, "billing", null,
                        List.of(participant(STAFF), participant(AGENT), participant(SUPERVISOR)),
                        STAFF.userId(), NOW));
    }

    @Test
    void participantsAreLimited() {
        List<Participant> crowd = IntStream.range(0, MessageLimits.MAX_PARTICIPANTS)
                .mapToObj(i -> new Participant("agent-" + i, null, Role.AGENT)).toList();
        fixture.givenNoPriorActivity()
                .when(new StartConversation(ConversationKind.SUPPORT, TENANT, null, crowd, CUSTOMER))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
    }

    @Test
    void participantsNeedAUserIdAndARole() {
        fixture.givenNoPriorActivity()
                .when(new StartConversation(ConversationKind.SUPPORT, TENANT, null,
                        List.of(new Participant("agent-7", null, null)), CUSTOMER))
                .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
    }

    @Test
    void subjectIsLimited() {
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.SUPPORT, CUSTOMER, "x".repeat(MessageLimits.MAX_SUBJECT_LENGTH + 1)))
                .expectExceptionDetails(ErrorCode.INVALID_SUBJECT);
    }

    @Test
    void guestRoomIsStartedOnlyByAGuestWithRoomAndBooking() {
        AuthenticatedUser guestWithoutRoom = AuthenticatedUser.of("guest-8", "No Room", TENANT, Role.GUEST);
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.GUEST_ROOM, guestWithoutRoom, null))
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.GUEST_ROOM, STAFF, "101"))
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
    }

    @Test
    void guestRoomSubjectIsTheGuestsOwnRoom() {
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.GUEST_ROOM, GUEST, "102"))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.INVALID_SUBJECT);
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.GUEST_ROOM, GUEST, "101"))
                .expectEvents(guestRoomStarted());
    }

    @Test
    void guestRoomAddsOnlyStaff() {
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.GUEST_ROOM, GUEST, null, NEXT_GUEST))
                .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
    }

    @Test
    void secondThreadForTheSameBookingIsRefusedWithTheExistingId() {
        keys.claim(TENANT, ConversationKeys.guestRoom("101", "BK-1"), 7L);
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.GUEST_ROOM, GUEST, null))
                .expectNoEvents()
                .expectException(Matchers.predicate(failure -> failure instanceof CommandRejectedException rejected
                        && rejected.code() == ErrorCode.CONVERSATION_EXISTS && rejected.conversationId() == 7L));
    }

    @Test
    void theRoomsNextBookingGetsAThreadOfItsOwn() {
        keys.claim(TENANT, ConversationKeys.guestRoom("101", "BK-1"), 7L);
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.GUEST_ROOM, NEXT_GUEST, null))
                .expectEvents(new ConversationStarted(ID, TENANT, ConversationKind.GUEST_ROOM, "101", "BK-2",
                        List.of(participant(NEXT_GUEST)), NEXT_GUEST.userId(), NOW));
    }

    @Test
    void staffConversationIsStartedByStaff() {
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.STAFF, CUSTOMER, null, STAFF))
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
    }

    @Test
    void staffConversationNeedsAnotherParticipantAndOnlyStaff() {
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.STAFF, STAFF, null))
                .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.STAFF, STAFF, null, AGENT, GUEST))
                .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.STAFF, STAFF, "night shift", AGENT, SUPERVISOR))
                .expectEvents(new ConversationStarted(ID, TENANT, ConversationKind.STAFF, "night shift", null,
                        List.of(participant(STAFF), participant(AGENT), participant(SUPERVISOR)),
                        STAFF.userId(), NOW));
    }

    @Test
    void directConversationHasExactlyOneOtherParticipant() {
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.DIRECT, CUSTOMER, null))
                .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.DIRECT, CUSTOMER, null, CUSTOMER))
                .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.DIRECT, CUSTOMER, null, AGENT, STAFF))
                .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
    }

    @Test
    void directConversationIsOnePerUserPairWhoeverStartsIt() {
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.DIRECT, CUSTOMER, null, AGENT))
                .expectEvents(new ConversationStarted(ID, TENANT, ConversationKind.DIRECT, null, null,
                        List.of(participant(CUSTOMER), participant(AGENT)), CUSTOMER.userId(), NOW));
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.DIRECT, AGENT, null, CUSTOMER))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.CONVERSATION_EXISTS);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = "VISITOR", mode = EnumSource.Mode.EXCLUDE)
    void liveChatIsStartedOnlyByAVisitor(Role role) {
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.LIVE_CHAT, AuthenticatedUser.of("user-1", "Any", TENANT, role), null))
                .expectExceptionDetails(ErrorCode.ROLE_NOT_ALLOWED);
    }

    @Test
    void visitorStartsALiveChat() {
        fixture.givenNoPriorActivity()
                .when(start(ConversationKind.LIVE_CHAT, VISITOR, null))
                .expectEvents(new ConversationStarted(ID, TENANT, ConversationKind.LIVE_CHAT, null, null,
                        List.of(participant(VISITOR)), VISITOR.userId(), NOW));
    }
}
