package io.switchboard.query.conversation;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.Participant;
import io.switchboard.api.conversation.query.FindConversation;
import io.switchboard.api.identity.Role;
import io.switchboard.query.QuerySideTest;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static io.switchboard.query.conversation.ConversationScenario.newTenant;
import static io.switchboard.query.conversation.ConversationScenario.staff;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Participants added by id only (a staff chat's creator knows no names) get the name their own messages carry. */
@QuerySideTest
class ParticipantNamesTests {

    private final Participant creator = staff("staff-1");
    private final Participant addedById = new Participant("staff-2", null, Role.STAFF);
    private final Participant silent = new Participant("staff-3", null, Role.STAFF);

    @Autowired
    private ReadModelDriver driver;
    @Autowired
    private ConversationQueryHandler queries;

    @Test
    void aNamelessParticipantIsNamedByTheirFirstMessage() {
        ConversationScenario chat = new ConversationScenario(newTenant(), ConversationKind.STAFF);

        driver.apply(story(chat));

        assertThat(participants(chat)).containsExactly(
                tuple(creator.userId(), creator.name()),
                tuple(addedById.userId(), "Mary Smith"),
                tuple(silent.userId(), null));
    }

    @Test
    void redeliveriesEndWithTheNamesOfASingleDelivery() {
        String tenant = newTenant();
        ConversationScenario once = new ConversationScenario(tenant, ConversationKind.STAFF);
        ConversationScenario redelivered = new ConversationScenario(tenant, ConversationKind.STAFF);
        driver.apply(story(once));

        List<Object> events = story(redelivered);
        events.forEach(event -> driver.apply(event, event));
        driver.apply(events);

        assertThat(participants(redelivered)).isEqualTo(participants(once));
    }

    /**
     * A processor batch is one transaction: the name a message fills in must survive a later event of the same batch
     * that changes the participant's row (a managed copy loaded before the name was filled in).
     */
    @Test
    void aNameFilledInWithinABatchSurvivesLaterChangesToTheRowInThatBatch() {
        ConversationScenario chat = new ConversationScenario(newTenant(), ConversationKind.STAFF);
        driver.apply(chat.started(creator, silent));

        driver.applyInOneTransaction(List.of(chat.joined(addedById), chat.message(named(addedById, "Mary Smith"), "hi"),
                chat.left(addedById)));

        assertThat(participants(chat)).contains(tuple(addedById.userId(), "Mary Smith"));
    }

    /** The later message carries another name (a newer token): the first one stays, as on every replay. */
    private List<Object> story(ConversationScenario chat) {
        return List.of(chat.started(creator, addedById, silent),
                chat.message(creator, "who is on tonight?"),
                chat.message(named(addedById, "Mary Smith"), "me"),
                chat.message(named(addedById, "Mary S."), "me again"));
    }

    private static Participant named(Participant participant, String name) {
        return new Participant(participant.userId(), name, participant.role());
    }

    private List<Tuple> participants(ConversationScenario chat) {
        return queries.handle(new FindConversation(chat.tenant(), chat.id(), creator.userId())).orElseThrow()
                .participants().stream().map(view -> tuple(view.userId(), view.name())).toList();
    }
}
