package io.switchboard.command.conversation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationKeysTests {

    @Test
    void eachBookingOfARoomHasItsOwnKey() {
        assertThat(ConversationKeys.guestRoom("101", "BK-1"))
                .isEqualTo(ConversationKeys.guestRoom("101", "BK-1"))
                .isNotEqualTo(ConversationKeys.guestRoom("101", "BK-2"))
                .isNotEqualTo(ConversationKeys.guestRoom("102", "BK-1"));
    }

    @Test
    void aUserPairHasOneKeyWhoeverStarts() {
        assertThat(ConversationKeys.direct("ann", "bob"))
                .isEqualTo(ConversationKeys.direct("bob", "ann"))
                .isNotEqualTo(ConversationKeys.direct("ann", "cy"));
    }

    @Test
    void separatorsInsidePartsCannotMakeTwoKeysCollide() {
        assertThat(ConversationKeys.guestRoom("1:2", "3")).isNotEqualTo(ConversationKeys.guestRoom("1", "2:3"));
        assertThat(ConversationKeys.direct("a:b", "c")).isNotEqualTo(ConversationKeys.direct("a", "b:c"));
    }

    @Test
    void kindsHaveSeparateKeys() {
        assertThat(ConversationKeys.guestRoom("ann", "bob")).isNotEqualTo(ConversationKeys.direct("ann", "bob"));
    }

    @Test
    void eachVisitorHasOneLiveChatKeyOfItsKind() {
        assertThat(ConversationKeys.liveChat("vi"))
                .isEqualTo(ConversationKeys.liveChat("vi"))
                .isNotEqualTo(ConversationKeys.liveChat("vo"))
                .isNotEqualTo(ConversationKeys.direct("vi", "vi"))
                .startsWith("LIVE_CHAT:");
        String longId = "v".repeat(1_000);
        assertThat(ConversationKeys.liveChat(longId)).hasSizeLessThanOrEqualTo(ConversationKeys.MAX_PLAIN_LENGTH)
                .isNotEqualTo(ConversationKeys.liveChat(longId + "w"));
    }

    @Test
    void eachClientIdHasOneSupportKeyTakenExactly() {
        assertThat(ConversationKeys.support("conv-1"))
                .isEqualTo("SUPPORT:6:conv-1")
                .isNotEqualTo(ConversationKeys.support("CONV-1"))
                .isNotEqualTo(ConversationKeys.support("conv-1 "))
                .isNotEqualTo(ConversationKeys.liveChat("conv-1"));
        assertThat(ConversationKeys.liveChat("vi")).as("the live-chat keys stored so far keep their format")
                .isEqualTo("LIVE_CHAT:2:vi");
    }

    @Test
    void longPartsGiveADigestThatFitsTheColumnAndStaysDistinct() {
        String longId = "u".repeat(1_000);
        String key = ConversationKeys.direct(longId, "bob");

        assertThat(key).hasSizeLessThanOrEqualTo(ConversationKeys.MAX_PLAIN_LENGTH)
                .isEqualTo(ConversationKeys.direct("bob", longId))
                .isNotEqualTo(ConversationKeys.direct(longId, "cy"));
    }
}
