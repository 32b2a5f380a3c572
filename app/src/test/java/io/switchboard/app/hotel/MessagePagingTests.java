package io.switchboard.app.hotel;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.app.SwitchboardIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 001's paging: {@code limit} (default 10) and {@code before_id}, pages read oldest first. */
@SwitchboardIntegrationTest
class MessagePagingTests {

    @LocalServerPort
    int port;

    private Hotel hotel;
    private AuthenticatedUser john;
    private long conversation;
    private List<Long> sentIds;

    @BeforeEach
    void thirtyFiveMessages() {
        hotel = new Hotel(new HotelApi(port));
        john = hotel.staff("John Doe");
        conversation = hotel.createStaffChat(john, hotel.staff("Mary Smith"));
        sentIds = IntStream.rangeClosed(1, 35)
                .mapToObj(n -> hotel.sendStaffChat(conversation, john, "message " + n).get("id").asLong())
                .toList();
        hotel.awaitPage(hotel.staffChatMessages(conversation), john, 35);
    }

    @Test
    void beforeIdWalksBackWithoutGapOrDuplicateAndEndsWithoutMore() {
        List<Long> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String url = hotel.staffChatMessages(conversation) + "?limit=10";
        JsonNode page;
        do {
            HotelApi.Response response = hotel.api.get(url, john);
            assertThat(response.status()).as(response.raw()).isEqualTo(200);
            page = response.body();
            List<Long> ids = page.get("results").valueStream().map(message -> message.get("id").asLong()).toList();
            List<String> texts = page.get("results").valueStream().map(message -> message.get("text").asString())
                    .toList();
            assertThat(ids).as("oldest first within a page").isSorted();
            assertThat(texts.get(0)).isEqualTo("message " + (35 - seen.size() - ids.size() + 1));
            seen.addAll(0, ids);
            pageSizes.add(ids.size());
            assertThat(page.get("conversation").asLong()).isEqualTo(conversation);
            if (page.get("has_more").asBoolean()) {
                assertThat(page.get("next_before_id").asLong()).isEqualTo(ids.get(0));
                url = hotel.staffChatMessages(conversation) + "?limit=10&before_id=" + ids.get(0);
            }
        } while (page.get("has_more").asBoolean());

        assertThat(pageSizes).containsExactly(10, 10, 10, 5);
        assertThat(seen).containsExactlyElementsOf(sentIds);
        assertThat(page.get("next_before_id").isNull()).isTrue();
    }

    @Test
    void withoutLimitAPageHoldsTheTenNewest() {
        JsonNode page = hotel.api.get(hotel.staffChatMessages(conversation), john).body();

        assertThat(page.get("results").valueStream().map(message -> message.get("id").asLong()))
                .containsExactlyElementsOf(sentIds.subList(25, 35));
        assertThat(page.get("has_more").asBoolean()).isTrue();
    }

    @Test
    void limitOutsideOneToAHundredOrNotAnIntegerIsRefused() {
        String url = hotel.staffChatMessages(conversation);

        StaffChatTests.assertDetail(hotel.api.get(url + "?limit=0", john),
                "limit: Ensure this value is greater than or equal to 1.");
        StaffChatTests.assertDetail(hotel.api.get(url + "?limit=101", john),
                "limit: Ensure this value is less than or equal to 100.");
        assertThat(hotel.api.get(url + "?limit=abc", john).status()).isEqualTo(400);
        assertThat(hotel.api.get(url + "?limit=abc", john).get("detail").asString()).startsWith("limit: ");
        assertThat(hotel.api.get(url + "?before_id=x", john).get("detail").asString()).startsWith("before_id: ");
        StaffChatTests.assertDetail(hotel.api.get(url + "?before_id=0", john),
                "before_id: Ensure this value is greater than or equal to 1.");
        assertThat(hotel.api.get(url + "?limit=100", john).get("results")).hasSize(35);
    }
}
