package io.switchboard.command.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.conversation.SendMessage;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import io.switchboard.api.livechat.AddStaffToChat;
import io.switchboard.api.livechat.ChangeChatPriority;
import io.switchboard.api.livechat.ClaimChat;
import io.switchboard.api.livechat.LeaveChat;
import io.switchboard.api.livechat.MarkVisitorOffline;
import io.switchboard.api.livechat.MarkVisitorOnline;
import io.switchboard.api.livechat.RemoveStaffFromChat;
import io.switchboard.api.livechat.TakeOverChat;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.switchboard.command.conversation.ConversationTestData.GUEST;
import static io.switchboard.command.conversation.ConversationTestData.ID;
import static io.switchboard.command.conversation.ConversationTestData.participant;
import static io.switchboard.command.conversation.ConversationTestData.started;
import static io.switchboard.command.conversation.LiveChatTestData.AGENT;
import static io.switchboard.command.conversation.LiveChatTestData.AGENT_2;
import static io.switchboard.command.conversation.LiveChatTestData.STAFF;
import static io.switchboard.command.conversation.LiveChatTestData.claimedBy;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every live-chat command reaches a live chat of the caller's tenant only. Another kind has no live-chat routing:
 * refused as an unknown conversation (as the other dialects' kinds are), never with Axon's own "no entity" error.
 */
class LiveChatAddressingTests {

    private final FixtureConfiguration<Conversation> fixture = ConversationTestData.fixture();

    /** Each live-chat command, built for a caller (who would be allowed if the chat were theirs). */
    static Stream<Named<Function<AuthenticatedUser, Object>>> commands() {
        return Stream.of(
                command("ClaimChat", caller -> new ClaimChat(ID, caller)),
                command("TakeOverChat", caller -> new TakeOverChat(ID, caller)),
                command("AddStaffToChat", caller -> new AddStaffToChat(ID, caller, participant(AGENT_2))),
                command("RemoveStaffFromChat", caller -> new RemoveStaffFromChat(ID, caller, AGENT_2.userId())),
                command("ChangeChatPriority", caller -> new ChangeChatPriority(ID, caller, 2)),
                command("LeaveChat", caller -> new LeaveChat(ID, caller, false)),
                command("MarkVisitorOffline", caller -> new MarkVisitorOffline(ID, caller)),
                command("MarkVisitorOnline", caller -> new MarkVisitorOnline(ID, caller)));
    }

    private static Named<Function<AuthenticatedUser, Object>> command(String name,
                                                                      Function<AuthenticatedUser, Object> command) {
        return Named.of(name, command);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aConversationOfAnotherKindIsAnUnknownConversation(Function<AuthenticatedUser, Object> command) {
        for (ConversationKind kind : List.of(ConversationKind.STAFF, ConversationKind.SUPPORT,
                ConversationKind.DIRECT)) {
            fixture.given(started(kind, STAFF, AGENT))
                    .when(command.apply(AuthenticatedUser.of("super-1", "Sue", ConversationTestData.TENANT,
                            Role.SUPERVISOR)))
                    .expectNoEvents()
                    .expectExceptionDetails(ErrorCode.UNKNOWN_CONVERSATION)
                    .expectExceptionMessage(equalTo("no LIVE_CHAT conversation " + ID));
        }
        fixture.given(ConversationTestData.guestRoomStarted())
                .when(command.apply(GUEST))
                .expectExceptionDetails(ErrorCode.UNKNOWN_CONVERSATION);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aCallerOfAnotherTenantCannotReachTheChat(Function<AuthenticatedUser, Object> command) {
        for (Role role : new Role[]{Role.VISITOR, Role.AGENT, Role.SUPERVISOR}) {
            fixture.given(claimedBy(AGENT))
                    .when(command.apply(AuthenticatedUser.of("user-9", "Fy", "galway", role)))
                    .expectNoEvents()
                    .expectExceptionDetails(ErrorCode.TENANT_MISMATCH);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ConversationKind.class, names = "LIVE_CHAT", mode = EnumSource.Mode.EXCLUDE)
    void sendingToALiveChatAsAnotherKindIsAnUnknownConversation(ConversationKind kind) {
        fixture.given(claimedBy(AGENT))
                .when(new SendMessage(ID, kind, AGENT, null, "hi", null, null, null))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.UNKNOWN_CONVERSATION);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void aCallerWithUnstorableIdsIsRefused(Function<AuthenticatedUser, Object> command) {
        fixture.given(claimedBy(AGENT))
                .when(command.apply(AuthenticatedUser.of("agent-\u0000", "Nul", ConversationTestData.TENANT,
                        Role.SUPERVISOR)))
                .expectNoEvents()
                .expectExceptionDetails(ErrorCode.INVALID_PARTICIPANTS);
    }
}
