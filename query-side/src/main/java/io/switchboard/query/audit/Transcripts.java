package io.switchboard.query.audit;

import io.switchboard.api.conversation.ConversationKind;
import io.switchboard.api.conversation.MessageSent;
import io.switchboard.api.conversation.MessageType;
import io.switchboard.api.conversation.query.ParticipantView;
import io.switchboard.api.identity.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversation's messages up to an instant, as a document for people: JSON, CSV or a printable HTML page. Every
 * message line names the event that stored it and that event's chain hash, and the transcript names the chain's head
 * (the last event up to the instant), so whoever holds a transcript can have it checked against the store
 * ({@code verify?head_sequence=&head_hash=}).
 */
final class Transcripts {

    private Transcripts() {
    }

    record Transcript(long conversationId, String tenant, ConversationKind kind, String subject, Instant at,
                      Instant generatedAt, long eventCount, long headSequence, String headHash,
                      List<ParticipantView> participants, List<Line> messages) {
    }

    record Line(long sequence, Instant sentAt, String senderId, String senderName, Role senderRole,
                MessageType type, String text, String content, int attachments, long eventSequence,
                String eventHash) {
    }

    static Transcript of(List<AuditedEvent> events, Instant at, Instant generatedAt) {
        ConversationState state = ConversationReplay.replay(events, at);
        List<Line> lines = new ArrayList<>();
        long lastSequence = 0;
        for (AuditedEvent event : events) {
            if (at != null && event.timestamp().isAfter(at)) {
                break;
            }
            if (event.payload() instanceof MessageSent sent && sent.sequence() > lastSequence) {
                lastSequence = sent.sequence();
                lines.add(new Line(sent.sequence(), sent.sentAt(), sent.senderId(), sent.senderName(),
                        sent.senderRole(), sent.type(), sent.text(), sent.content(),
                        sent.attachments() == null ? 0 : sent.attachments().size(), event.sequence(), event.hash()));
            }
        }
        return new Transcript(state.conversationId(), state.tenant(), state.kind(), state.subject(), at, generatedAt,
                state.eventCount(), state.lastEventSequence(), state.headHash(), state.participants(), lines);
    }

    static String csv(Transcript transcript) {
        StringBuilder out = new StringBuilder(
                "sequence,sent_at,sender_id,sender_name,sender_role,type,text,content,attachments,event_sequence,event_hash\r\n");
        for (Line line : transcript.messages()) {
            row(out, String.valueOf(line.sequence()), String.valueOf(line.sentAt()), line.senderId(),
                    line.senderName(), line.senderRole() == null ? null : line.senderRole().wireName(),
                    line.type() == null ? null : line.type().name(), line.text(), line.content(),
                    String.valueOf(line.attachments()), String.valueOf(line.eventSequence()), line.eventHash());
        }
        // the chain's head as a last row, so the file alone can be checked against the store
        row(out, "", String.valueOf(transcript.generatedAt()), "", "", "", "CHAIN_HEAD",
                "conversation " + transcript.conversationId() + ", " + transcript.eventCount() + " events"
                        + (transcript.at() == null ? "" : " up to " + transcript.at()), "", "",
                String.valueOf(transcript.headSequence()), transcript.headHash());
        return out.toString();
    }

    private static void row(StringBuilder out, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(csvField(fields[i]));
        }
        out.append("\r\n");
    }

    /**
     * RFC 4180 quoting; a text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading
     * apostrophe, since messages are written by anybody and transcripts are opened by auditors.
     */
    static String csvField(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0
                || !text.equals(value)) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    static String html(Transcript transcript) {
        StringBuilder out = new StringBuilder(4_096);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Transcript of conversation ")
                .append(transcript.conversationId()).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}")
                .append("td,th{border:1px solid #999;padding:4px;vertical-align:top;text-align:left}")
                .append(".hash{font-family:monospace;font-size:0.8em;word-break:break-all}")
                .append("@media print{body{margin:0}tr{page-break-inside:avoid}}</style></head><body>\n")
                .append("<h1>Conversation ").append(transcript.conversationId()).append("</h1>\n<dl>")
                .append("<dt>Tenant</dt><dd>").append(escape(transcript.tenant())).append("</dd>")
                .append("<dt>Kind</dt><dd>").append(transcript.kind()).append("</dd>")
                .append("<dt>Subject</dt><dd>").append(escape(transcript.subject())).append("</dd>")
                .append("<dt>As of</dt><dd>").append(transcript.at() == null ? "the latest event" : transcript.at())
                .append("</dd><dt>Generated</dt><dd>").append(transcript.generatedAt()).append("</dd>")
                .append("<dt>Chain head</dt><dd class=\"hash\">event ").append(transcript.headSequence())
                .append(" of ").append(transcript.eventCount()).append(": ").append(escape(transcript.headHash()))
                .append("</dd></dl>\n<h2>Participants</h2>\n<ul>");
        for (ParticipantView participant : transcript.participants()) {
            out.append("<li>").append(escape(participant.name())).append(" (").append(escape(participant.userId()))
                    .append(", ").append(participant.role() == null ? "" : participant.role().wireName())
                    .append(participant.active() ? "" : ", left").append(")</li>");
        }
        out.append("</ul>\n<h2>Messages</h2>\n<table><thead><tr><th>#</th><th>Sent</th><th>From</th><th>Message</th>")
                .append("<th>Event hash</th></tr></thead><tbody>\n");
        for (Line line : transcript.messages()) {
            out.append("<tr><td>").append(line.sequence()).append("</td><td>").append(line.sentAt())
                    .append("</td><td>").append(escape(line.senderName())).append(" (")
                    .append(escape(line.senderId())).append(")</td><td>").append(escape(line.text()));
            if (line.content() != null && !line.content().isEmpty()) {
                out.append("<br><small>").append(escape(line.content())).append("</small>");
            }
            if (line.attachments() > 0) {
                out.append("<br><small>").append(line.attachments()).append(" attachment(s)</small>");
            }
            out.append("</td><td class=\"hash\">").append(line.eventSequence()).append(": ")
                    .append(escape(line.eventHash())).append("</td></tr>\n");
        }
        return out.append("</tbody></table>\n</body></html>\n").toString();
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
