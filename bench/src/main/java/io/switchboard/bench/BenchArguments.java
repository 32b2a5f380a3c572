package io.switchboard.bench;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The command line every benchmark takes: {@code --key=value} (or {@code --flag}), {@code --help}, {@code --phases=a,b}. */
public final class BenchArguments {

    private BenchArguments() {
    }

    /** Options by name; {@code --help} prints {@code usage} and exits. */
    public static Map<String, String> parse(String[] args, String usage) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(usage);
                System.exit(0);
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg + "\n" + usage);
            }
            int equals = arg.indexOf('=');
            values.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals),
                    equals < 0 ? "true" : arg.substring(equals + 1));
        }
        return values;
    }

    /** Removes {@code phases} from {@code values}: the named ones (all of {@code known} when none), checked. */
    public static Set<String> phases(Map<String, String> values, List<String> known, String usage) {
        Set<String> phases = new LinkedHashSet<>();
        for (String phase : values.getOrDefault("phases", String.join(",", known)).split(",")) {
            String name = phase.trim().toLowerCase();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown phase " + phase + "\n" + usage);
            }
            phases.add(name);
        }
        values.remove("phases");
        return phases;
    }
}
