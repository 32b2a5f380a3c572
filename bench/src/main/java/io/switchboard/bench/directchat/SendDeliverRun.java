package io.switchboard.bench.directchat;

import io.switchboard.bench.writepath.Samples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * One open-loop run of send → deliver at a fixed offered rate: message {@code i} is planned at
 * {@code start + i / rate} and sent by sender {@code i mod senders}, whatever the server does, so every sender sends
 * at {@code rate / senders} a second. Each message carries {@code client_message_id = "<tag>-<i>"}; the receiver's
 * socket matches it back, and the message's latency is its receive instant minus the instant the sender handed it to
 * its socket (both {@link System#nanoTime()} in this JVM: no clock skew). The latency from the planned instant is kept
 * too: it also counts any delay of the client's own scheduler, so the two differ only when the client falls behind.
 * <p>
 * Where the time goes: each delivered frame's {@code date_added} is the instant the command handler accepted the
 * message (the server's clock, the same machine's), which splits the latency into send → accepted (frame transit,
 * Tomcat, command dispatch, waiting for a database connection, loading the conversation) and accepted → delivered
 * (commit, the per-node hub processor's wake-up, the connection's lane, the socket write, the client's read).
 * Microsecond timestamps; the wall clock is tied to {@link System#nanoTime()} once per run.
 * <p>
 * Two schedules: the warm-up, whose rate rises evenly from a fifth of the rate to the rate (a fresh server JVM runs
 * interpreted and compiles as it goes: offered the full rate at once, it falls behind and works off a backlog while
 * still compiling), then — once every warm-up message has arrived, or {@code drain} passed — the measured one at the
 * rate, so a backlog left by the warm-up does not count as the measured window's latency. A measured message not
 * received {@code drain} after the end of its schedule is lost.
 */
final class SendDeliverRun {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** About as long as a typical chat line; the same for every message so frames are alike. */
    private static final String TEXT = "benchmark message, about as long as a typical line of a chat: ";
    /** The warm-up's first rate, as a fraction of the rate. */
    private static final double WARMUP_START = 0.2;

    /**
     * The measured schedule's figures; {@code perSecond}: send → deliver of the messages sent in each of its seconds;
     * {@code warmupDrained}: how long the warm-up's backlog took to arrive after its schedule (-1: not within drain).
     */
    record Result(int senders, int rate, Duration measure, long measured, long sent, long delivered,
                  long deliveredInWindow, long sendFailures, long duplicates, long outOfOrder,
                  Map<String, Integer> errorFrames, Samples fromSend, Samples fromPlanned, Samples sendLag,
                  Samples sendToAccepted, Samples acceptedToDelivered, List<Samples> perSecond, long warmupDrained) {

        long lost() {
            return sent - delivered;
        }

        double sentPerSecond() {
            return sent / (measure.toNanos() / 1e9);
        }

        /** Measured messages received within the measured schedule's own span. */
        double deliveredPerSecond() {
            return deliveredInWindow / (measure.toNanos() / 1e9);
        }
    }

    private final String tag;
    private final int rate;
    private final long period;
    private final Duration drain;
    private final Duration warmup;
    private final int warmupMessages;
    private final int total;
    /** Instants are kept relative to this, so 0 can mean "not yet" (nanoTime itself may be negative). */
    private final long origin = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
    /** The wall clock at {@link #origin}, in nanoseconds since the epoch, to place date_added on this scale. */
    private final long wallAtOrigin;
    /** Written by the scheduling thread only, read by it after the run. */
    private final long[] plannedAt;
    private final AtomicLongArray sentAt;
    private final AtomicLongArray receivedAt;
    private final AtomicLongArray acceptedAt;
    private final AtomicLong duplicates = new AtomicLong();
    /** Deliveries on a receiver's socket whose sequence was not above the previous one's (the protocol's order). */
    private final AtomicLong outOfOrder = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final Map<String, AtomicInteger> errorFrames = new ConcurrentHashMap<>();

    SendDeliverRun(String tag, int rate, Duration warmup, Duration measure, Duration drain) {
        this.tag = tag;
        this.rate = rate;
        this.period = 1_000_000_000L / rate;
        this.drain = drain;
        this.warmupMessages = (int) (warmup.toNanos() * (WARMUP_START + 1) / 2 / period); // the ramp's mean rate
        this.warmup = warmup;
        this.total = warmupMessages + (int) (measure.toNanos() / period);
        this.plannedAt = new long[total];
        this.sentAt = new AtomicLongArray(total);
        this.receivedAt = new AtomicLongArray(total);
        this.acceptedAt = new AtomicLongArray(total);
        Instant wall = Instant.now();
        long nano = System.nanoTime();
        this.wallAtOrigin = wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - (nano - origin);
    }

    /**
     * For one receiver's socket (a new callback per socket: it keeps that socket's last sequence; one socket's frames
     * arrive one at a time): matches chat messages back to the run by their client message id.
     */
    ChatSocket.Frames receiver() {
        String prefix = tag + "-";
        long[] lastSequence = {0};
        return (frame, now) -> {
            if (!frame.contains("\"chat_message\"")) {
                return; // presence: online_user_list, user_join
            }
            JsonNode message = JSON.readTree(frame);
            String id = message.path("client_message_id").asString("");
            if (!id.startsWith(prefix)) {
                return;
            }
            long sequence = message.path("sequence").asLong();
            if (sequence <= lastSequence[0]) {
                outOfOrder.incrementAndGet();
            }
            lastSequence[0] = Math.max(lastSequence[0], sequence);
            int index = Integer.parseInt(id.substring(prefix.length()));
            Instant accepted = Instant.parse(message.path("date_added").asString());
            // before the receipt, which is what marks the message done for the drain and the result
            acceptedAt.set(index, accepted.getEpochSecond() * 1_000_000_000L + accepted.getNano() - wallAtOrigin);
            if (!receivedAt.compareAndSet(index, 0, now - origin)) {
                duplicates.incrementAndGet();
            }
        };
    }

    /**
     * For the senders' sockets: they also get their own messages back (that is how a sender learns ids and
     * sequences); only error frames (e.g. {@code rate_limited}, {@code unavailable}) are looked at.
     */
    ChatSocket.Frames sender() {
        return (frame, now) -> {
            if (frame.contains("\"error\"")) {
                JsonNode error = JSON.readTree(frame);
                if ("error".equals(error.path("type").asString())) {
                    errorFrames.computeIfAbsent(error.path("code").asString("?"), code -> new AtomicInteger())
                            .incrementAndGet();
                }
            }
        };
    }

    /**
     * Runs both schedules on this thread, waits for the deliveries, and returns the measured schedule's figures.
     *
     * @param meters started when the measured schedule starts, stopped when its messages have arrived (or the drain
     *               ended): they meter CPU over exactly that work
     */
    Result run(List<ChatSocket> senders, List<CpuMeter> meters) throws InterruptedException {
        schedule(senders, 0, warmupMessages);
        long warmupDrained = awaitDeliveries(0, warmupMessages);
        meters.forEach(CpuMeter::start);
        schedule(senders, warmupMessages, total);
        awaitDeliveries(warmupMessages, total);
        meters.forEach(CpuMeter::stop);
        return result(senders.size(), warmupDrained);
    }

    private void schedule(List<ChatSocket> senders, int from, int to) {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        for (int i = from; i < to; i++) {
            long planned = start + (from == 0 ? rampOffset(i) : (i - from) * period);
            plannedAt[i] = planned - origin;
            for (long wait = planned - System.nanoTime(); wait > 0; wait = planned - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            String frame = "{\"type\":\"chat_message\",\"message\":\"" + TEXT + i + "\",\"client_message_id\":\""
                    + tag + "-" + i + "\"}";
            senders.get(i % senders.size())
                    .send(frame, nanos -> sentAt.set(index, nanos - origin))
                    .whenComplete((ignored, failure) -> {
                        if (failure != null) {
                            sendFailures.incrementAndGet();
                            sentAt.set(index, -1);
                        }
                    });
        }
    }

    /**
     * When the warm-up's message {@code k} is due: the rate rises linearly from {@code r0 = WARMUP_START × rate} to
     * {@code r1 = rate} over the warm-up {@code T}, so {@code k} messages are due by the {@code t} with
     * {@code r0·t + (r1 − r0)·t²/(2T) = k}.
     */
    private long rampOffset(int k) {
        double t = warmup.toNanos() / 1e9;
        double r0 = WARMUP_START * rate;
        double a = (rate - r0) / (2 * t);
        double seconds = a == 0 ? k / r0 : (-r0 + Math.sqrt(r0 * r0 + 4 * a * k)) / (2 * a);
        return (long) (seconds * 1e9);
    }

    /** Until every message of {@code [from, to)} sent so far has arrived, or {@link #drain}; the time it took or -1. */
    private long awaitDeliveries(int from, int to) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < drain.toNanos()) {
            if (allDelivered(from, to)) {
                return System.nanoTime() - start;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return -1;
    }

    private boolean allDelivered(int from, int to) {
        for (int i = from; i < to; i++) {
            if (sentAt.get(i) >= 0 && receivedAt.get(i) == 0) {
                return false;
            }
        }
        return true;
    }

    private Result result(int senders, long warmupDrained) {
        long windowStart = plannedAt[warmupMessages];
        long windowEnd = windowStart + (total - warmupMessages) * period;
        Samples fromSend = new Samples();
        Samples fromPlanned = new Samples();
        Samples sendLag = new Samples();
        Samples sendToAccepted = new Samples();
        Samples acceptedToDelivered = new Samples();
        List<Samples> perSecond = new ArrayList<>();
        long sent = 0;
        long delivered = 0;
        long deliveredInWindow = 0;
        for (int i = warmupMessages; i < total; i++) {
            long planned = plannedAt[i];
            long sentNanos = sentAt.get(i);
            long received = receivedAt.get(i);
            if (sentNanos <= 0) {
                continue; // the send failed, or never started (counted apart as a send failure)
            }
            sent++;
            sendLag.add(Math.max(0, sentNanos - planned));
            if (received == 0) {
                continue;
            }
            delivered++;
            fromSend.add(received - sentNanos);
            fromPlanned.add(received - planned);
            // clamped: the two clocks agree only to their resolution (microseconds)
            sendToAccepted.add(Math.max(0, acceptedAt.get(i) - sentNanos));
            acceptedToDelivered.add(Math.max(0, received - acceptedAt.get(i)));
            int second = (i - warmupMessages) / rate;
            while (perSecond.size() <= second) {
                perSecond.add(new Samples());
            }
            perSecond.get(second).add(received - sentNanos);
            if (received >= windowStart && received < windowEnd) {
                deliveredInWindow++;
            }
        }
        Map<String, Integer> errors = new TreeMap<>();
        errorFrames.forEach((code, count) -> errors.put(code, count.get()));
        return new Result(senders, rate, Duration.ofNanos(windowEnd - windowStart), total - warmupMessages, sent,
                delivered, deliveredInWindow, sendFailures.get(), duplicates.get(), outOfOrder.get(), errors,
                fromSend, fromPlanned, sendLag, sendToAccepted, acceptedToDelivered, perSecond, warmupDrained);
    }
}
