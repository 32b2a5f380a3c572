package io.switchboard.app.hotel;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.app.SwitchboardIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENTS;
import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENT_MIME_TYPE_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENT_NAME_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENT_SIZE;
import static io.switchboard.api.conversation.MessageLimits.MAX_ATTACHMENT_URL_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_CLIENT_MESSAGE_ID_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_PARTICIPANTS;
import static io.switchboard.api.conversation.MessageLimits.MAX_SUBJECT_LENGTH;
import static io.switchboard.api.conversation.MessageLimits.MAX_TEXT_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hotel adapter checks the aggregate's limits first, to answer with the field's name; this pins that its copy
 * agrees with the aggregate at every limit of {@code MessageLimits}. At the limit the send is stored (201: the adapter
 * is not stricter than the aggregate); one past it the answer is the adapter's own field-named 400 (were the adapter
 * looser, the aggregate's refusal would come back instead, worded as the command side words it).
 */
@SwitchboardIntegrationTest
class HotelLimitsTests {

    @LocalServerPort
    int port;

    private Hotel hotel;
    private AuthenticatedUser john;
    private AuthenticatedUser mary;

    @BeforeEach
    void hotel() {
        hotel = new Hotel(new HotelApi(port));
        john = hotel.staff("John Doe");
        mary = hotel.staff("Mary Smith");
    }

    @Test
    void everyMessageLimitIsTheAggregatesOneForOne() {
        String url = hotel.sendStaffChatMessage(hotel.createStaffChat(john, mary));

        assertStored(url, Map.of("message", "x".repeat(MAX_TEXT_LENGTH)));
        StaffChatTests.assertDetail(hotel.api.post(url, john, Map.of("message", "x".repeat(MAX_TEXT_LENGTH + 1))),
                "message: Ensure this field has no more than " + MAX_TEXT_LENGTH + " characters.");

        assertStored(url, withAttachments(Collections.nCopies(MAX_ATTACHMENTS, file("https://f.example/a"))));
        StaffChatTests.assertDetail(hotel.api.post(url, john,
                        withAttachments(Collections.nCopies(MAX_ATTACHMENTS + 1, file("https://f.example/a")))),
                "attachments: Ensure this field has no more than " + MAX_ATTACHMENTS + " elements.");

        String host = "https://f.example/";
        assertStored(url, withAttachments(List.of(file(host + "a".repeat(MAX_ATTACHMENT_URL_LENGTH - host.length())))));
        StaffChatTests.assertDetail(hotel.api.post(url, john, withAttachments(List.of(
                        file(host + "a".repeat(MAX_ATTACHMENT_URL_LENGTH + 1 - host.length()))))),
                "attachments.0.url: Ensure this field has no more than " + MAX_ATTACHMENT_URL_LENGTH + " characters.");

        assertStored(url, withAttachments(List.of(file("name", "n".repeat(MAX_ATTACHMENT_NAME_LENGTH)))));
        StaffChatTests.assertDetail(hotel.api.post(url, john,
                        withAttachments(List.of(file("name", "n".repeat(MAX_ATTACHMENT_NAME_LENGTH + 1))))),
                "attachments.0.name: Ensure this field has no more than " + MAX_ATTACHMENT_NAME_LENGTH
                        + " characters.");

        assertStored(url, withAttachments(List.of(file("mime_type", "m".repeat(MAX_ATTACHMENT_MIME_TYPE_LENGTH)))));
        StaffChatTests.assertDetail(hotel.api.post(url, john,
                        withAttachments(List.of(file("mime_type", "m".repeat(MAX_ATTACHMENT_MIME_TYPE_LENGTH + 1))))),
                "attachments.0.mime_type: Ensure this field has no more than " + MAX_ATTACHMENT_MIME_TYPE_LENGTH
                        + " characters.");

        assertStored(url, withAttachments(List.of(file("size", MAX_ATTACHMENT_SIZE))));
        StaffChatTests.assertDetail(hotel.api.post(url, john,
                        withAttachments(List.of(file("size", MAX_ATTACHMENT_SIZE + 1)))),
                "attachments.0.size: Ensure this value is less than or equal to " + MAX_ATTACHMENT_SIZE + ".");
        StaffChatTests.assertDetail(hotel.api.post(url, john, withAttachments(List.of(file("size", -1)))),
                "attachments.0.size: Ensure this value is greater than or equal to 0.");

        assertStored(url, Map.of("message", "hi", "client_message_id", "c".repeat(MAX_CLIENT_MESSAGE_ID_LENGTH)));
        StaffChatTests.assertDetail(hotel.api.post(url, john,
                        Map.of("message", "hi", "client_message_id", "c".repeat(MAX_CLIENT_MESSAGE_ID_LENGTH + 1))),
                "client_message_id: Ensure this field has no more than " + MAX_CLIENT_MESSAGE_ID_LENGTH
                        + " characters.");
    }

    @Test
    void everyStartLimitIsTheAggregatesOneForOne() {
        assertCreated(Map.of("participant_ids", List.of(mary.userId()), "title", "t".repeat(MAX_SUBJECT_LENGTH)));
        StaffChatTests.assertDetail(hotel.api.post(hotel.staffChats(), john,
                        Map.of("participant_ids", List.of(mary.userId()), "title", "t".repeat(MAX_SUBJECT_LENGTH + 1))),
                "title: Ensure this field has no more than " + MAX_SUBJECT_LENGTH + " characters.");

        // the caller counts, each user once: the caller and duplicates listed on top change nothing
        List<Object> others = new ArrayList<>();
        for (int index = 1; index < MAX_PARTICIPANTS; index++) {
            others.add(hotel.staff("Staff " + index).userId());
        }
        List<Object> listed = new ArrayList<>(others);
        listed.add(john.userId());
        listed.addAll(others);
        assertCreated(Map.of("participant_ids", listed));
        listed.add(hotel.staff("One too many").userId());
        StaffChatTests.assertDetail(hotel.api.post(hotel.staffChats(), john, Map.of("participant_ids", listed)),
                "participant_ids: Ensure the conversation has no more than " + MAX_PARTICIPANTS
                        + " participants, yourself included.");
    }

    private void assertStored(String url, Map<String, Object> body) {
        HotelApi.Response sent = hotel.api.post(url, john, body);
        assertThat(sent.status()).as(sent.raw()).isEqualTo(201);
    }

    private void assertCreated(Map<String, Object> body) {
        HotelApi.Response created = hotel.api.post(hotel.staffChats(), john, body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
    }

    private static Map<String, Object> withAttachments(List<Map<String, Object>> files) {
        return Map.of("message", "files", "attachments", files);
    }

    private static Map<String, Object> file(String url) {
        return Map.of("url", url);
    }

    private static Map<String, Object> file(String field, Object value) {
        Map<String, Object> file = new HashMap<>();
        file.put("url", "https://f.example/a");
        file.put(field, value);
        return file;
    }
}
