package io.switchboard.app.hotel;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.testsupport.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against every REST endpoint the served OpenAPI document lists, on the real server and database:
 * malformed JSON, wrong types, U+0000, unpaired surrogates and non-characters (as JSON escapes), invalid UTF-8 bytes,
 * other charsets, bodies over the limit, deep nesting, odd ids, content types, {@code Accept} headers and methods,
 * oversized headers. Every answer must be below 500; every error must be {@code {"detail": "..."}} JSON, the
 * container's own included; and no refused request may change a row of the event store or the natural-key registry.
 * Runs in the Pusher-enabled context so the channel authorization endpoint is fuzzed past its "not configured" 503.
 */
class RestFuzzTests extends PusherAppTest {

    /** Unpaired surrogates, U+0000 and non-characters, written as the JSON escapes a client would send. */
    static final List<String> REFUSED_ESCAPES = List.of("\\u0000", "a\\u0000b", "\\ud800", "\\udc00", "a\\ud800b",
            "\\udbff", "\\uffff", "\\ufffe", "\\ufdd0", "x\\ufdef", "\\ud83f\\udfff", "\\udbff\\udffe");
    /** Bytes no strict UTF-8 decoder accepts: overlong, lone continuation, CESU-8 surrogate, beyond U+10FFFF. */
    static final List<String> INVALID_UTF8 = List.of("c0af", "e080af", "f08080af", "eda080", "edbfbf", "80", "bf",
            "ff", "fe", "c3", "e282", "f4908080", "f880808080");
    static final List<String> ODD_IDS = List.of("0x10", "%2B1", "%201", "+1", "-1", "0", "0001", "1;DROP", "1%3BDROP",
            "99999999999999999999", "9007199254740992", "9223372036854775808", "1.0", "1e3", "%D9%A1", "abc", "1%20");
    /** Paths the container itself refuses (400) before any routing: invalid percent-encoded UTF-8, U+0000. */
    static final List<String> UNDECODABLE_IDS = List.of("%00", "%ED%A0%80", "%C0%AF", "%FF", "%");

    @Autowired
    JdbcTemplate jdbc;

    private Hotel hotel;
    private RawHttp http;
    private AuthenticatedUser john;
    private AuthenticatedUser mary;
    private AuthenticatedUser guest;
    private long staffChat;
    private long roomThread;

    private int sent;
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();

    @BeforeEach
    void hotel() {
        hotel = new Hotel(new HotelApi(port));
        http = new RawHttp(port);
        john = hotel.staff("John Doe");
        mary = hotel.staff("Mary Smith");
        guest = hotel.guest("Ann Guest", "101", "B-1");
        staffChat = hotel.createStaffChat(john, mary);
        roomThread = hotel.sendAsGuest(guest, "hello").get("conversation").asLong();
    }

    record Endpoint(String method, String template) {

        boolean guestOnly() {
            return template.startsWith("/api/guest/");
        }

        boolean hasId() {
            return template.contains("{conversationId}");
        }

        /** Mark-read and the admin rebuild ({@code POST /api/admin/replay}) take no body. */
        boolean takesBody() {
            return method.equals("POST") && !template.endsWith("/mark-read/") && !template.startsWith("/api/admin/");
        }

        boolean isPusherAuth() {
            return template.equals("/api/pusher/auth");
        }

        boolean createsStaffChat() {
            return method.equals("POST") && template.endsWith("/staff-chat/conversations/");
        }
    }

    @Test
    void noHostileRequestGetsA5xxOrANonJsonErrorOrChangesARowWhenRefused() {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("the OpenAPI document lists the hotel endpoints").hasSizeGreaterThanOrEqualTo(11);

        for (Endpoint endpoint : endpoints) {
            String path = path(endpoint, null);
            String token = "Bearer " + TestTokens.token(endpoint.guestOnly() ? guest : john);
            if (endpoint.takesBody()) {
                fuzzBodies(endpoint, path, token);
            }
            if (endpoint.hasId()) {
                for (String id : ODD_IDS) {
                    expectRefused(endpoint + " id " + id, 404, request(endpoint.method(), path(endpoint, id), token,
                            "application/json", validBody(endpoint)));
                }
                for (String id : UNDECODABLE_IDS) {
                    expectRefused(endpoint + " id " + id, null, request(endpoint.method(), path(endpoint, id), token,
                            "application/json", validBody(endpoint)));
                }
                // the real id spelt with a leading zero used to address the real conversation
                String zeroPadded = "0" + (endpoint.template().contains("staff-chat") ? staffChat : roomThread);
                expectRefused(endpoint + " id " + zeroPadded, 404, request(endpoint.method(),
                        path(endpoint, zeroPadded), token, "application/json", validBody(endpoint)));
            }
            for (String accept : List.of("text/html", "application/xml", "image/png", "*/*;q=0", "garbage")) {
                Map<String, String> headers = headers(token, endpoint.takesBody() ? "application/json" : null);
                headers.put("Accept", accept);
                RawHttp.Response response = check(endpoint + " Accept " + accept,
                        () -> http.send(endpoint.method(), path, headers, validBody(endpoint)));
                if (response.status() < 300 && !isJson(response)) {
                    failures.add(endpoint + " Accept " + accept + " answered " + response.status() + " without JSON");
                }
            }
            for (String method : List.of("PUT", "DELETE", "PATCH")) {
                check(endpoint + " " + method, request(method, path, token, "application/json",
                        bytes("{\"message\":\"x\"}")));
            }
            check(endpoint + " oversized Authorization", request(endpoint.method(), path,
                    "Bearer " + "a".repeat(20_000), "application/json", validBody(endpoint)));
            check(endpoint + " invalid UTF-8 in Authorization", () -> http.send(endpoint.method(), path,
                    Map.of("Authorization", "Bearer \u00c0\u00af"), validBody(endpoint)));
            check(endpoint + " no Authorization", () -> http.send(endpoint.method(), path, Map.of(),
                    validBody(endpoint)));
        }
        check("URI of 20,000 characters", request("GET",
                "/api/staff/hotels/" + "x".repeat(20_000) + "/chat/conversations/", "Bearer " + TestTokens.token(john),
                null, null));
        check("invalid percent-encoding in the path", request("GET", "/api/staff/hotels/%ZZ/chat/conversations/",
                "Bearer " + TestTokens.token(john), null, null));
        check("the issue's lone-surrogate client_message_id", request("POST", hotel.sendStaffChatMessage(staffChat),
                "Bearer " + TestTokens.token(john), "application/json",
                bytes("{\"text\":\"x\",\"client_message_id\":\"\\ud800\"}")));

        System.out.printf("[rest-fuzz] %d requests over %d endpoints; statuses %s%n", sent, endpoints.size(),
                statuses);
        assertThat(failures).as("%d requests sent", sent).isEmpty();
        assertThat(statuses.keySet()).allMatch(status -> status < 500);
    }

    /** Strings that must be accepted and kept exactly: they are valid Unicode, however unpleasant. */
    static final List<String> HOSTILE_ACCEPTED = List.of(
            "\u202Eevil.exe\u202C \u2066isolate\u2069 \u200F",
            "\uD83D\uDE00 \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67 \uD835\uDD4F "
                    + "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08",
            "Z\u0324\u0354\u0367\u0311\u0313a\u0308\u0356\u032D\u0308\u0307l\u036E\u0312\u036Bg\u030C\u0317\u035A",
            "\uFEFF\u200B\u0001\u0085\u00A0 \\\"/\b\f\n\r\t </script> '; DROP TABLE x; -- \uFFFD",
            "\uD83D\uDE00".repeat(5_000),
            "x".repeat(10_000));

    /**
     * The severe case, from the other end: a conversation whose 250 events carry every hostile-but-valid
     * string class (and snapshots, every 100 events, that must round-trip them) still takes commands from several
     * participants, reads its messages back unchanged, and recognises a resend from before the snapshot; the refused
     * classes store nothing.
     */
    @Test
    void aConversationFullOfHostileButValidTextKeepsTakingCommandsAcrossSnapshots() {
        AuthenticatedUser paddy = hotel.staff("P\u0301addy \u202EByrne\u202C \uD83D\uDE00");
        String title = "\u202ENight\u202C \uD83C\uDF19 shift\u0301";
        HotelApi.Response created = hotel.api.post(hotel.staffChats(), john,
                Map.of("participant_ids", List.of(mary.userId(), paddy.userId()), "title", title));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.get("title").asString()).isEqualTo(title);
        long conversation = created.get("id").asLong();
        List<AuthenticatedUser> people = List.of(john, mary, paddy);
        Map<String, String> firstClientIds = new LinkedHashMap<>();

        for (int i = 0; events(conversation) < 250; i++) {
            AuthenticatedUser sender = people.get(i % people.size());
            String hostile = HOSTILE_ACCEPTED.get(i % HOSTILE_ACCEPTED.size());
            String clientId = (i + ":" + hostile).substring(0, Math.min(100, (i + ":" + hostile).length()));
            if (Character.isHighSurrogate(clientId.charAt(clientId.length() - 1))) {
                clientId = clientId.substring(0, clientId.length() - 1);
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("text", hostile);
            body.put("client_message_id", clientId);
            if (i % 5 == 0) {
                int end = Math.min(200, hostile.length());
                String name = hostile.substring(0, Character.isHighSurrogate(hostile.charAt(end - 1)) ? end - 1 : end);
                body.put("attachments", List.of(Map.of("url", "https://files.example/\u202E" + i + "/\uD83D\uDE00.pdf",
                        "name", name, "mime_type", "application/pdf; x=\"\u202E\"")));
            }
            HotelApi.Response sent = hotel.api.post(hotel.sendStaffChatMessage(conversation), sender, body);
            assertThat(sent.status()).as("send %d: %s", i, sent.raw()).isEqualTo(201);
            assertThat(sent.get("text").asString()).isEqualTo(hostile);
            if (i < 3) {
                firstClientIds.put(clientId, sender.userId());
            }
            if (i % 7 == 0) {
                assertThat(hotel.api.post(hotel.staffChatMarkRead(conversation), people.get((i + 1) % 3), null)
                        .status()).isEqualTo(200);
            }
        }
        long seeded = events(conversation);
        org.awaitility.Awaitility.await().atMost(Hotel.READ_MODEL_WAIT).until(() -> snapshots(conversation) > 0);

        for (String field : List.of("message", "text", "client_message_id")) {
            for (String escape : REFUSED_ESCAPES) {
                String json = field.equals("client_message_id")
                        ? "{\"text\":\"ok\",\"client_message_id\":\"" + escape + "\"}"
                        : "{\"" + field + "\":\"" + escape + "\"}";
                HotelApi.Response refused = hotel.api.postRaw(hotel.sendStaffChatMessage(conversation),
                        TestTokens.bearer(mary), json);
                assertThat(refused.status()).as(json + " → " + refused.raw()).isEqualTo(400);
            }
        }
        for (String escape : REFUSED_ESCAPES) {
            HotelApi.Response refused = hotel.api.postRaw(hotel.staffChats(), TestTokens.bearer(john),
                    "{\"participant_ids\":[" + mary.userId() + "],\"title\":\"" + escape + "\"}");
            assertThat(refused.status()).as(escape + " → " + refused.raw()).isEqualTo(400);
        }
        assertThat(events(conversation)).as("refused classes stored nothing").isEqualTo(seeded);

        for (AuthenticatedUser person : people) {
            JsonNode sent = hotel.sendStaffChat(conversation, person, "still here \uD83D\uDC4B from " + person.name());
            assertThat(sent.get("text").asString()).isEqualTo("still here \uD83D\uDC4B from " + person.name());
            assertThat(hotel.api.post(hotel.staffChatMarkRead(conversation), person, null).status()).isEqualTo(200);
        }
        firstClientIds.forEach((clientId, senderId) -> {
            AuthenticatedUser sender =
                    people.stream().filter(person -> person.userId().equals(senderId)).findFirst().orElseThrow();
            HotelApi.Response resent = hotel.api.post(hotel.sendStaffChatMessage(conversation), sender,
                    Map.of("text", "resent", "client_message_id", clientId));
            assertThat(resent.status()).as("a resend from before the snapshot: %s", resent.raw()).isEqualTo(200);
            assertThat(resent.get("text").asString()).isNotEqualTo("resent");
        });
        JsonNode page = org.awaitility.Awaitility.await().atMost(Hotel.READ_MODEL_WAIT)
                .until(() -> hotel.api.get(hotel.staffChatMessages(conversation) + "?limit=100", john),
                        response -> response.status() == 200 && response.get("results").size() == 100
                                && response.get("results").get(99).get("text").asString().startsWith("still here"))
                .body();
        List<String> texts = new ArrayList<>();
        page.get("results").forEach(message -> texts.add(message.get("text").asString()));
        assertThat(texts).as("read back unchanged").allMatch(text -> HOSTILE_ACCEPTED.contains(text)
                || text.startsWith("still here \uD83D\uDC4B from "));
    }

    private long events(long conversation) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, Long.toString(conversation));
    }

    private long snapshots(long conversation) {
        return jdbc.queryForObject("select count(*) from snapshot_event_entry where aggregate_identifier = ?",
                Long.class, Long.toString(conversation));
    }

    private void fuzzBodies(Endpoint endpoint, String path, String token) {
        for (String field : stringFields(endpoint)) {
            for (String escape : REFUSED_ESCAPES) {
                expectRefused(endpoint + " " + field + "=" + escape, null, request("POST", path, token,
                        "application/json", bytes(bodyWith(endpoint, field, "\"" + escape + "\""))));
            }
            for (String wrongType : List.of("1", "true", "1.5", "{}", "[]", "-0", "1e400")) {
                check(endpoint + " " + field + "=" + wrongType, request("POST", path, token, "application/json",
                        bytes(bodyWith(endpoint, field, wrongType))));
            }
            for (String hex : INVALID_UTF8) {
                byte[] body = bodyWithBytes(endpoint, field, HexFormat.of().parseHex(hex));
                expectRefused(endpoint + " " + field + " bytes " + hex, 400,
                        request("POST", path, token, "application/json", body));
            }
        }
        for (String malformed : List.of("", "{", "{\"message\": \"x\"", "not json", "[]", "null", "\"x\"", "1",
                "{\"message\":\"x\"}}", "{\"message\":\"x\",}", "{'message':'x'}", "{\"message\":\"\\x41\"}",
                "{\"message\":\"\\u12\"}", "{\"message\":\"x\"} trailing", "\uFEFF{\"message\":\"x\"}",
                "{\"attachments\":[{\"url\":\"https://f.example/a\",\"size\":-1}]}",
                "{\"attachments\":[{\"url\":\"https://f.example/a\",\"size\":9007199254740992}]}",
                "{\"attachments\":[{\"url\":\"https://f.example/a\",\"size\":1e30}]}",
                "{\"attachments\":[null]}", "{\"attachments\":{}}", "{\"participant_ids\":[-1]}",
                "{\"participant_ids\":[1.5]}", "{\"participant_ids\":[99999999999999999999]}")) {
            check(endpoint + " body " + malformed, request("POST", path, token, "application/json", bytes(malformed)));
        }
        for (String contentType : List.of("*/*", "text/plain", "application/xml", "application/json;;;", "garbage",
                "application/json; charset=ISO-8859-1", "application/json; charset=utf-16",
                "application/json; charset=\"UTF-16BE\"", "multipart/form-data; boundary=x")) {
            check(endpoint + " Content-Type " + contentType, request("POST", path, token, contentType,
                    validBody(endpoint)));
        }
        expectRefused(endpoint + " latin-1 body", null, request("POST", path, token,
                "application/json; charset=ISO-8859-1", "{\"message\":\"caf\u00e9\"}"
                        .getBytes(StandardCharsets.ISO_8859_1)));
        expectRefused(endpoint + " utf-16 body", null, request("POST", path, token, "application/json; charset=utf-16",
                "{\"message\":\"x\"}".getBytes(StandardCharsets.UTF_16)));
        check(endpoint + " no Content-Type", () -> http.send("POST", path, Map.of("Authorization", token),
                validBody(endpoint)));
        byte[] huge = bytes("{\"message\":\"" + "x".repeat((1 << 20) + 10) + "\"}");
        expectRefused(endpoint + " body over 1 MiB", 413, request("POST", path, token, "application/json", huge));
        Map<String, String> chunkedHeaders = headers(token, "application/json");
        chunkedHeaders.put("Transfer-Encoding", "chunked");
        expectRefused(endpoint + " chunked body over 1 MiB", 413,
                () -> http.send("POST", path, chunkedHeaders, chunked(huge)));
        expectRefused(endpoint + " 10k nested arrays", 400, request("POST", path, token, "application/json",
                bytes("{\"message\":\"x\",\"attachments\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}")));
        expectRefused(endpoint + " 10k nested objects", 400, request("POST", path, token, "application/json",
                bytes("{\"message\":\"x\",\"extra\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}")));
    }

    /** Sends, then checks the invariants; a refusal of another status than {@code expected} (if given) fails too. */
    private void expectRefused(String label, Integer expected, java.util.function.Supplier<RawHttp.Response> call) {
        RawHttp.Response response = check(label, call);
        if (response.status() < 400 || (expected != null && response.status() != expected)) {
            failures.add(label + ": expected " + (expected == null ? "a refusal" : expected) + ", got "
                    + response.status() + " " + abbreviate(response.text()));
        }
    }

    private RawHttp.Response check(String label, java.util.function.Supplier<RawHttp.Response> call) {
        long before = rows();
        RawHttp.Response response = call.get();
        sent++;
        statuses.merge(response.status(), 1, Integer::sum);
        if (response.status() >= 500) {
            failures.add(label + ": " + response.status() + " " + abbreviate(response.text()));
        }
        if (response.status() >= 400) {
            if (!isDetailJson(response)) {
                failures.add(label + ": error " + response.status() + " is not {\"detail\"} JSON: "
                        + response.header("content-type") + " " + abbreviate(response.text()));
            }
            long after = rows();
            if (after != before) {
                failures.add(label + ": refused with " + response.status() + " but changed " + (after - before)
                        + " rows");
            }
        }
        return response;
    }

    private long rows() {
        return jdbc.queryForObject("select (select count(*) from domain_event_entry)"
                + " + (select count(*) from conversation_key)", Long.class);
    }

    private static boolean isJson(RawHttp.Response response) {
        String type = response.header("content-type");
        return type != null && type.toLowerCase().startsWith("application/json");
    }

    private static boolean isDetailJson(RawHttp.Response response) {
        if (!isJson(response)) {
            return false;
        }
        try {
            JsonNode body = HotelApi.JSON.readTree(response.body());
            return body.isObject() && body.path("detail").isString() && !body.get("detail").asString().isBlank();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private java.util.function.Supplier<RawHttp.Response> request(String method, String path, String token,
                                                                   String contentType, byte[] body) {
        return () -> http.send(method, path, headers(token, contentType), body);
    }

    private static Map<String, String> headers(String token, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", token);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return headers;
    }

    private List<Endpoint> endpoints() {
        JsonNode document = hotel.api.get("/api-docs", (String) null).body();
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                endpoints.add(new Endpoint(operation.getKey().toUpperCase(), path.getKey()));
            }
        }
        return endpoints;
    }

    private String path(Endpoint endpoint, String id) {
        long conversation = endpoint.template().contains("staff-chat") ? staffChat : roomThread;
        return endpoint.template().replace("{hotelSlug}", hotel.slug)
                .replace("{conversationId}", id != null ? id : Long.toString(conversation));
    }

    private static List<String> stringFields(Endpoint endpoint) {
        if (endpoint.isPusherAuth()) {
            return List.of("socket_id", "channel_name");
        }
        if (endpoint.createsStaffChat()) {
            return List.of("title", "participant_ids.0");
        }
        return List.of("message", "text", "client_message_id", "attachments.0.url", "attachments.0.name",
                "attachments.0.mime_type");
    }

    private byte[] validBody(Endpoint endpoint) {
        if (!endpoint.takesBody()) {
            return null;
        }
        return bytes(bodyWith(endpoint, null, null));
    }

    /** The endpoint's valid body with {@code field} (dotted path) set to the raw JSON {@code json}. */
    private String bodyWith(Endpoint endpoint, String field, String json) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (endpoint.isPusherAuth()) {
            fields.put("socket_id", "\"123.456\"");
            fields.put("channel_name", "\"private-" + hotel.slug + ".guest-chat-notifications\"");
        } else if (endpoint.createsStaffChat()) {
            fields.put("participant_ids.0", mary.userId());
            fields.put("title", "\"fuzz\"");
        } else {
            if (!"text".equals(field)) {
                fields.put("message", "\"fuzz\"");
            }
            if (field != null && field.startsWith("attachments.")) {
                fields.put("attachments.0.url", "\"https://files.example/a.pdf\"");
            }
        }
        if (field != null) {
            fields.put(field, json);
        }
        return render(fields);
    }

    private byte[] bodyWithBytes(Endpoint endpoint, String field, byte[] raw) {
        String marker = "\"MARKER\"";
        String body = bodyWith(endpoint, field, marker);
        int at = body.indexOf(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(body.substring(0, at) + "\"a"));
        out.writeBytes(raw);
        out.writeBytes(bytes("b\"" + body.substring(at + marker.length())));
        return out.toByteArray();
    }

    /** {@code a.0.b} keys become nested objects and one-element arrays. */
    private static String render(Map<String, String> fields) {
        Map<String, Object> tree = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            String[] parts = key.split("\\.");
            Map<String, Object> node = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                if (parts[i].matches("\\d+")) {
                    continue;
                }
                boolean array = i + 1 < parts.length && parts[i + 1].matches("\\d+");
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(
                        (array ? "[]" : "") + parts[i], ignored -> new LinkedHashMap<String, Object>());
                node = child;
            }
            node.put(parts[parts.length - 1].matches("\\d+") ? "#value" : parts[parts.length - 1], value);
        });
        return renderObject(tree);
    }

    private static String renderObject(Map<String, Object> node) {
        StringBuilder json = new StringBuilder("{");
        node.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            boolean array = key.startsWith("[]");
            json.append('"').append(array ? key.substring(2) : key).append("\":");
            json.append(array ? "[" + renderValue(value) + "]" : renderValue(value));
        });
        return json.append('}').toString();
    }

    @SuppressWarnings("unchecked")
    private static String renderValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> node = (Map<String, Object>) map;
            return node.containsKey("#value") && node.size() == 1 ? (String) node.get("#value") : renderObject(node);
        }
        return (String) value;
    }

    private static byte[] chunked(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int offset = 0; offset < body.length; offset += 65_536) {
            int length = Math.min(65_536, body.length - offset);
            out.writeBytes(bytes(Integer.toHexString(length) + "\r\n"));
            out.write(body, offset, length);
            out.writeBytes(bytes("\r\n"));
        }
        out.writeBytes(bytes("0\r\n\r\n"));
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
