package io.switchboard.bench.directchat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's live heap, from outside: {@code jcmd <pid> GC.run} (a full collection: with G1, System.gc() is one)
 * then {@code jcmd <pid> GC.heap_info}, whose first line is e.g.
 * {@code garbage-first heap   total 524288K, used 123456K [...]}. What is left after a full collection is what the
 * open sockets (and everything else) really hold, independent of when the collector last ran.
 */
final class HeapProbe {

    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total\\s+(\\d+)K,\\s+used\\s+(\\d+)K");
    /** "   1:         12345       67890123  [B (java.base@17)": instances, bytes, class. */
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    /** Bytes; {@code totalBytes} is the heap's current capacity ("total"), not -Xmx. */
    record Heap(long usedBytes, long totalBytes, long rssBytes) {
    }

    private final String jcmd;

    HeapProbe() {
        Path beside = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        this.jcmd = Files.isExecutable(beside) ? beside.toString() : "jcmd";
    }

    /** Collects twice (the second finds what the first's finalization and reference processing freed) and reads. */
    Heap afterFullGc(long pid) throws IOException, InterruptedException {
        run(pid, "GC.run");
        run(pid, "GC.run");
        String info = run(pid, "GC.heap_info");
        Matcher heap = HEAP_USED.matcher(info);
        if (!heap.find()) {
            throw new IllegalStateException("unexpected GC.heap_info output: " + info);
        }
        return new Heap(Long.parseLong(heap.group(2)) * 1024, Long.parseLong(heap.group(1)) * 1024, rss(pid));
    }

    /**
     * The classes holding the most live heap ({@code jcmd <pid> GC.class_histogram}, itself after a full
     * collection): "12.3 MiB byte[] (4,000 instances)", largest first.
     */
    List<String> largestClasses(long pid, int count) throws IOException, InterruptedException {
        List<String> largest = new ArrayList<>();
        Matcher row = HISTOGRAM_ROW.matcher(run(pid, "GC.class_histogram"));
        while (largest.size() < count && row.find()) {
            largest.add(String.format(Locale.ROOT, "%.1f MiB %s (%,d instances)",
                    Long.parseLong(row.group(2)) / (1024.0 * 1024), row.group(3), Long.parseLong(row.group(1))));
        }
        return largest;
    }

    /** Resident set size of the process (heap, metaspace, thread stacks, direct buffers, code), or -1. */
    private static long rss(long pid) throws IOException {
        Path status = Path.of("/proc", String.valueOf(pid), "status");
        if (!Files.exists(status)) {
            return -1;
        }
        Matcher rss = RSS.matcher(Files.readString(status));
        return rss.find() ? Long.parseLong(rss.group(1)) * 1024 : -1;
    }

    private String run(long pid, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(jcmd, String.valueOf(pid), command))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output);
        }
        return output;
    }
}
