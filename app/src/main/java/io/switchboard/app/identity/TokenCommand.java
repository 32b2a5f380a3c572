package io.switchboard.app.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.api.identity.Role;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar switchboard.jar token --tenant killarney --sub 45 --name "John Doe" --role staff} prints a token
 * the embedded server accepts: signed with the same secret the server uses (configured, or kept in the data
 * directory). Runs without starting Spring, so it answers in well under a second.
 */
public final class TokenCommand {

    private static final Set<String> OPTIONS =
            Set.of("tenant", "sub", "name", "role", "email", "room", "booking", "username", "ttl-hours", "data-dir");
    private static final String USAGE = "usage: java -jar switchboard.jar token --tenant T --sub ID --role ROLE"
            + " [--name N] [--email E] [--room R] [--booking B] [--username U] [--ttl-hours 24] [--data-dir ./data]";

    private TokenCommand() {
    }

    /** @return the process exit code */
    public static int run(String[] args, Map<String, String> environment, Clock clock, PrintStream out,
                          PrintStream err) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            out.println(USAGE);
            out.println("Prints a token signed with SWITCHBOARD_AUTH_JWT_SECRET, or else with the secret the server"
                    + " keeps in its data directory (--data-dir, default $SWITCHBOARD_DATA_DIR or ./data; the server"
                    + " creates it on its first start).");
            return 0;
        }
        Map<String, String> options;
        try {
            options = parse(args);
            require(options, "tenant", "sub", "role");
            Role role = Role.fromWire(options.get("role"));
            Path dataDirectory = Path.of(options.getOrDefault("data-dir",
                    environment.getOrDefault("SWITCHBOARD_DATA_DIR", "data")));
            byte[] secret = secret(environment.get("SWITCHBOARD_AUTH_JWT_SECRET"), dataDirectory, err);
            long ttlHours = Long.parseLong(options.getOrDefault("ttl-hours", "24"));
            if (ttlHours < 1) {
                throw new IllegalArgumentException("--ttl-hours must be at least 1");
            }
            out.println(sign(options, role, secret, clock, Duration.ofHours(ttlHours)));
            return 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            err.println("token: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    /**
     * Never creates a secret: one made here (say, from another directory than the server's) would sign tokens the
     * server refuses, silently. Says which secret signs, on stderr, so stdout stays the token alone.
     */
    private static byte[] secret(String configured, Path dataDirectory, PrintStream err) {
        if (configured != null && !configured.isBlank()) {
            err.println("token: signed with SWITCHBOARD_AUTH_JWT_SECRET");
            return SigningSecret.resolve(configured, dataDirectory);
        }
        Path file = dataDirectory.resolve(SigningSecret.FILE_NAME).toAbsolutePath().normalize();
        byte[] secret = SigningSecret.existing(dataDirectory).orElseThrow(() -> new IllegalStateException(
                "no signing secret at " + file + ": start the server once in this directory, run this command from"
                        + " the server's directory, pass --data-dir <the server's data directory>, or set"
                        + " SWITCHBOARD_AUTH_JWT_SECRET"));
        err.println("token: signed with the secret in " + file);
        return secret;
    }

    private static String sign(Map<String, String> options, Role role, byte[] secret, Clock clock, Duration ttl) {
        Date now = Date.from(clock.instant());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(options.get("sub"))
                .claim("name", options.getOrDefault("name", options.get("sub")))
                .claim("tenant", options.get("tenant"))
                .claim("role", role.wireName())
                .issueTime(now)
                .expirationTime(Date.from(clock.instant().plus(ttl)));
        for (String optional : new String[]{"email", "room", "booking", "username"}) {
            if (options.containsKey(optional)) {
                claims.claim(optional, options.get(optional));
            }
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        try {
            jwt.sign(new MACSigner(secret));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            options.put(name, value);
        }
        return options;
    }

    private static void require(Map<String, String> options, String... names) {
        for (String name : names) {
            if (options.getOrDefault(name, "").isBlank()) {
                throw new IllegalArgumentException("--" + name + " is required");
            }
        }
    }
}
