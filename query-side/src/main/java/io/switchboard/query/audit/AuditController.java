package io.switchboard.query.audit;

import io.switchboard.api.audit.EventTypes;
import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.path.PathIds;
import io.switchboard.api.text.InputText;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The auditors' API (docs/audit.md): search, full history, state as of an instant, transcripts and the hash chain's
 * verification, for every kind of conversation. Role {@code auditor} or {@code admin}, own tenant only; every request
 * is itself logged ({@link AuditAccess}). History, state and transcripts come from the event store, never from read
 * models. Conversation ids in paths have one spelling, as everywhere ({@link PathIds}): anything else is 404.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1_000;
    /** Events read per step while filling a filtered history page. */
    private static final int SCAN = 500;

    private final AuditAccess access;
    private final ConversationEvents events;
    private final ChainVerifier verifier;
    private final AuditSearch search;
    private final Clock clock;

    AuditController(AuditAccess access, ConversationEvents events, ChainVerifier verifier, AuditSearch search,
                    Clock clock) {
        this.access = access;
        this.events = events;
        this.verifier = verifier;
        this.search = search;
        this.clock = clock;
    }

    /** A page of history; {@code nextAfterSequence} continues it, null when there is no more. */
    record HistoryPage(long conversationId, List<AuditedEvent> events, Long nextAfterSequence) {
    }

    record SearchPage(List<AuditSearch.Found> conversations, int offset, int limit) {
    }

    record AccessLog(List<AuditAccess.Access> entries, Long nextBeforeId) {
    }

    @GetMapping("/conversations")
    SearchPage search(AuthenticatedUser user, @RequestParam(required = false) String kind,
                      @RequestParam(required = false) String participant,
                      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                      @RequestParam(required = false) Integer offset, @RequestParam(required = false) Integer limit) {
        String parameters = describe("kind", kind, "participant", participant, "from", from, "to", to);
        access.requireAuditor(user, "search", null, parameters);
        ConversationKind parsedKind = kind == null ? null : kind(kind);
        if (participant != null && !InputText.isValid(participant, 255)) {
            throw badRequest("participant: a user id of at most 255 valid characters is required.");
        }
        int pageLimit = limit(limit);
        int pageOffset = offset == null ? 0 : offset;
        if (pageOffset < 0 || pageOffset > 1_000_000) {
            throw badRequest("offset: a number from 0 to 1000000 is required.");
        }
        List<AuditSearch.Found> found = search.search(user.tenant(), parsedKind, participant, instant("from", from),
                instant("to", to), pageOffset, pageLimit);
        access.record(user, "search", null, parameters, "granted");
        return new SearchPage(found, pageOffset, pageLimit);
    }

    @GetMapping("/conversations/{conversationId}/events")
    HistoryPage history(AuthenticatedUser user, @PathVariable("conversationId") String conversationIdSegment,
                        @RequestParam(name = "after_sequence", required = false) Long afterSequence,
                        @RequestParam(required = false) Integer limit, @RequestParam(required = false) String from,
                        @RequestParam(required = false) String to, @RequestParam(required = false) String type,
                        @RequestParam(required = false) String actor) {
        long conversationId = PathIds.conversationId(conversationIdSegment);
        String parameters = describe("after_sequence", afterSequence, "limit", limit, "from", from, "to", to,
                "type", type, "actor", actor);
        access.requireAuditor(user, "history", conversationId, parameters);
        int pageLimit = limit(limit);
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        if (type != null && EventTypes.classOf(type).isEmpty()) {
            throw badRequest("type: one of " + EventTypes.all().values() + " is required.");
        }
        if (actor != null && !InputText.isValid(actor, 255)) {
            throw badRequest("actor: a user id of at most 255 valid characters is required.");
        }
        long after = afterSequence == null ? -1 : Math.max(-1, afterSequence);
        access.requireConversation(user, "history", conversationId, parameters);
        List<AuditedEvent> page = new ArrayList<>();
        while (true) {
            List<AuditedEvent> chunk = events.after(conversationId, after, SCAN);
            for (AuditedEvent event : chunk) {
                after = event.sequence();
                if (matches(event, fromInstant, toInstant, type, actor)) {
                    page.add(event);
                    if (page.size() == pageLimit) {
                        return new HistoryPage(conversationId, page, after);
                    }
                }
            }
            if (chunk.size() < SCAN) {
                return new HistoryPage(conversationId, page, null);
            }
        }
    }

    @GetMapping("/conversations/{conversationId}/state")
    ConversationState state(AuthenticatedUser user, @PathVariable("conversationId") String conversationIdSegment,
                            @RequestParam(required = false) String at) {
        long conversationId = PathIds.conversationId(conversationIdSegment);
        String parameters = describe("at", at);
        access.requireAuditor(user, "state", conversationId, parameters);
        Instant instant = at == null ? clock.instant() : instant("at", at);
        List<AuditedEvent> upTo = access.conversationEvents(user, "state", conversationId, parameters, instant);
        ConversationState state = ConversationReplay.replay(upTo, instant);
        if (state == null) {
            // the conversation did not exist yet at that instant
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "The conversation did not exist at " + instant + ".");
        }
        return state;
    }

    @GetMapping("/conversations/{conversationId}/transcript")
    ResponseEntity<?> transcript(AuthenticatedUser user, @PathVariable("conversationId") String conversationIdSegment,
                                 @RequestParam(required = false) String at,
                                 @RequestParam(required = false) String format) {
        long conversationId = PathIds.conversationId(conversationIdSegment);
        String parameters = describe("at", at, "format", format);
        access.requireAuditor(user, "transcript", conversationId, parameters);
        Instant instant = at == null ? null : instant("at", at);
        String chosen = format == null ? "json" : format.toLowerCase(Locale.ROOT);
        if (!List.of("json", "csv", "html").contains(chosen)) {
            throw badRequest("format: one of json, csv, html is required.");
        }
        List<AuditedEvent> upTo = access.conversationEvents(user, "transcript", conversationId, parameters, instant);
        if (upTo.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "The conversation did not exist at " + instant + ".");
        }
        Transcripts.Transcript transcript = Transcripts.of(upTo, instant, clock.instant());
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .header("X-Audit-Head-Sequence", String.valueOf(transcript.headSequence()))
                .header("X-Audit-Head-Hash", String.valueOf(transcript.headHash()));
        String file = "conversation-" + conversationId + "-transcript.";
        switch (chosen) {
            case "csv":
                return answer.contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "csv\"")
                        .body(Transcripts.csv(transcript));
            case "html":
                return answer.contentType(new MediaType("text", "html", StandardCharsets.UTF_8))
                        .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                        .body(Transcripts.html(transcript));
            default:
                return answer.contentType(MediaType.APPLICATION_JSON).body(transcript);
        }
    }

    @GetMapping("/conversations/{conversationId}/verify")
    ChainVerifier.Verification verify(AuthenticatedUser user, @PathVariable("conversationId") String conversationIdSegment,
                                      @RequestParam(name = "head_sequence", required = false) Long headSequence,
                                      @RequestParam(name = "head_hash", required = false) String headHash) {
        long conversationId = PathIds.conversationId(conversationIdSegment);
        String parameters = describe("head_sequence", headSequence, "head_hash", headHash);
        access.requireAuditor(user, "verify", conversationId, parameters);
        if ((headSequence == null) != (headHash == null)) {
            throw badRequest("head_sequence and head_hash go together.");
        }
        if (headHash != null && !headHash.matches("[0-9a-fA-F]{64}")) {
            throw badRequest("head_hash: 64 hexadecimal digits are required.");
        }
        access.requireConversation(user, "verify", conversationId, parameters);
        return verifier.verify(conversationId, headSequence, headHash == null ? null : headHash.toLowerCase(Locale.ROOT));
    }

    /** Who used the audit API of the caller's tenant, newest first. */
    @GetMapping("/access-log")
    AccessLog accessLog(AuthenticatedUser user, @RequestParam(name = "before_id", required = false) Long beforeId,
                        @RequestParam(required = false) Integer limit) {
        String parameters = describe("before_id", beforeId, "limit", limit);
        access.requireAuditor(user, "access_log", null, parameters);
        int pageLimit = limit(limit);
        access.record(user, "access_log", null, parameters, "granted");
        List<AuditAccess.Access> entries = access.log(user.tenant(), beforeId, pageLimit);
        Long next = entries.size() == pageLimit ? entries.get(entries.size() - 1).id() : null;
        return new AccessLog(entries, next);
    }

    private static boolean matches(AuditedEvent event, Instant from, Instant to, String type, String actor) {
        return (from == null || !event.timestamp().isBefore(from))
                && (to == null || !event.timestamp().isAfter(to))
                && (type == null || type.equals(event.type()))
                && (actor == null || actor.equals(event.actorId()));
    }

    private static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw badRequest("limit: a number from 1 to " + MAX_LIMIT + " is required.");
        }
        return limit;
    }

    private static ConversationKind kind(String kind) {
        try {
            return ConversationKind.valueOf(kind.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw badRequest("kind: one of " + AuditSearch.kinds() + " is required.");
        }
    }

    /** ISO-8601 with an offset ({@code 2026-11-30T12:00:00Z}, {@code …+01:00}); null stays null. */
    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw badRequest(name + ": an ISO-8601 date-time with offset is required, e.g. 2026-11-30T12:00:00Z.");
        }
    }

    private static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }

    /** The request's parameters for the access log, bounded there. */
    private static String describe(Object... namesAndValues) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                out.append(out.length() == 0 ? "" : "&").append(namesAndValues[i]).append('=')
                        .append(namesAndValues[i + 1]);
            }
        }
        return out.length() == 0 ? null : out.toString();
    }
}
