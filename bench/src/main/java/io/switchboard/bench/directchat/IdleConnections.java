package io.switchboard.bench.directchat;

import io.switchboard.bench.SwitchboardServer;
import io.switchboard.bench.writepath.Format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Idle chat sockets and the server's heap: opens sockets in steps (e.g. 1,000, 2,000, ... 10,000 in all), and after
 * each step measures the heap left after a full collection.
 * <p>
 * Who opens what: {@code u} users {@code idle-0..idle-(u-1)}; socket {@code k} is user {@code k mod u} opening its
 * chat with user {@code (k mod u + 1 + k / u) mod u}, so every socket is a distinct (user, other) pair, the first
 * half of them start a new conversation each, and from about half-way on the other side of each conversation opens
 * too (both users online in it, as in a real chat). {@code u} is the least with {@code u(u-1) >= } the largest step.
 * So the heap per socket includes its share of the conversations it started (the hub's and the command side's
 * per-conversation state); the row after every socket is closed shows what stays once they are gone.
 */
final class IdleConnections {

    /** One step: the sockets open after it and the heap. */
    record Step(int target, int open, int openedInStep, int failedInStep, int notAttempted,
                Map<String, Integer> failures, double handshakesPerSecond, HeapProbe.Heap heap) {
    }

    private static final long SETTLE_MILLIS = 3000;

    private final ChatClient client;
    private final SwitchboardServer server;
    private final int users;
    private final int concurrency;
    private final int maxFailures;
    private final HeapProbe probe = new HeapProbe();
    private final List<ChatSocket> sockets = new ArrayList<>();
    private int next;
    private int handshakes;

    IdleConnections(ChatClient client, SwitchboardServer server, int largestStep, int concurrency, int maxFailures) {
        this.client = client;
        this.server = server;
        int u = 2;
        while ((long) u * (u - 1) < largestStep) {
            u++;
        }
        this.users = u;
        this.concurrency = concurrency;
        this.maxFailures = maxFailures;
    }

    int users() {
        return users;
    }

    /** The heap before any socket, after the same settling as the steps. */
    HeapProbe.Heap baseline() throws Exception {
        TimeUnit.MILLISECONDS.sleep(SETTLE_MILLIS);
        return probe.afterFullGc(server.pid());
    }

    /** Opens sockets until {@code target} are open (counting from all earlier steps), then measures. */
    Step openUpTo(int target) throws Exception {
        List<ChatClient.Spec> specs = new ArrayList<>();
        for (int k = next; k < target; k++) {
            int user = k % users;
            int other = (user + 1 + k / users) % users;
            specs.add(new ChatClient.Spec(server, "idle-" + user, "idle-" + other, ChatSocket.Frames.IGNORE));
        }
        next = target;
        ChatClient.Opened opened = client.openAll(specs, concurrency, maxFailures);
        sockets.addAll(opened.sockets());
        handshakes += opened.sockets().size();
        Map<String, Integer> failures = new TreeMap<>();
        opened.failures().forEach(failure -> failures.merge(failure, 1, Integer::sum));
        double perSecond = opened.sockets().size() / (opened.nanos() / 1e9);
        System.out.printf("  %,d sockets asked for: %,d opened in %s (%s handshakes/s), %d failed, %d not attempted"
                        + "%s%n",
                target, opened.sockets().size(), Format.seconds(opened.nanos()), Format.rate(perSecond),
                opened.failures().size(), opened.notAttempted(), failures.isEmpty() ? "" : " " + failures);
        TimeUnit.MILLISECONDS.sleep(SETTLE_MILLIS); // presence frames of the last handshakes, then quiet
        HeapProbe.Heap heap = server.isAlive() ? probe.afterFullGc(server.pid()) : null;
        return new Step(target, openCount(), opened.sockets().size(), opened.failures().size(),
                opened.notAttempted(), failures, perSecond, heap);
    }

    /** Where the heap goes, for the notes: the largest classes by live bytes. */
    List<String> largestClasses(int count) throws Exception {
        return probe.largestClasses(server.pid(), count);
    }

    /** Handshakes that succeeded so far: the most sockets the server held at once (none is closed before the end). */
    int handshakes() {
        return handshakes;
    }

    /** Sockets still open (the server may close some, e.g. when it runs out of heap). */
    int openCount() {
        return (int) sockets.stream().filter(ChatSocket::isOpen).count();
    }

    /** Drops every socket and measures what the server still holds once it has noticed. */
    HeapProbe.Heap closeAll() throws Exception {
        sockets.forEach(ChatSocket::abort);
        sockets.clear();
        TimeUnit.MILLISECONDS.sleep(2 * SETTLE_MILLIS);
        return server.isAlive() ? probe.afterFullGc(server.pid()) : null;
    }
}
