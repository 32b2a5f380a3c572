package io.switchboard.app.identity;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default's {@code token} command mints tokens the server's verifier accepts. */
class TokenCommandTests {

    @TempDir
    Path dataDirectory;

    @Test
    void printsATokenTheServerAcceptsUsingTheSecretKeptInTheDataDirectory() throws Exception {
        SigningSecret.resolve(null, dataDirectory); // the server's first start creates it
        Result result = run(Map.of("SWITCHBOARD_DATA_DIR", dataDirectory.toString()),
                "--tenant", "killarney", "--sub", "45", "--name", "John Doe", "--role", "staff");

        assertThat(result.exitCode).isZero();
        assertThat(result.err).contains("signed with the secret in "
                + dataDirectory.resolve(SigningSecret.FILE_NAME).toAbsolutePath());
        // The server resolves the same secret from the same data directory.
        JwtTokenVerifier server = JwtTokenVerifier.hs256(SigningSecret.resolve(null, dataDirectory));
        assertThat(server.verify(result.out.trim()))
                .isEqualTo(AuthenticatedUser.of("45", "John Doe", "killarney", Role.STAFF));
    }

    /** Run from another directory, it used to make a new secret there and print a token the server refuses. */
    @Test
    void withoutASecretItRefusesAndSaysWhereItLookedInsteadOfMakingOne() {
        Path elsewhere = dataDirectory.resolve("not-the-servers");
        Result result = run(Map.of("SWITCHBOARD_DATA_DIR", elsewhere.toString()),
                "--tenant", "killarney", "--sub", "45", "--role", "staff");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.out).isEmpty();
        assertThat(result.err).contains("no signing secret at "
                + elsewhere.resolve(SigningSecret.FILE_NAME).toAbsolutePath()).contains("--data-dir");
        assertThat(Files.exists(elsewhere)).isFalse();
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        for (String help : new String[]{"--help", "-h"}) {
            Result result = run(Map.of(), help);
            assertThat(result.exitCode).as(help).isZero();
            assertThat(result.out).as(help).contains("usage: java -jar switchboard.jar token").contains("--data-dir");
        }
    }

    @Test
    void secretIsGeneratedOnceAndKept() {
        byte[] first = SigningSecret.resolve(null, dataDirectory);
        byte[] second = SigningSecret.resolve(null, dataDirectory);
        assertThat(second).isEqualTo(first).hasSizeGreaterThanOrEqualTo(SigningSecret.MIN_BYTES);
    }

    @Test
    void configuredSecretWinsOverTheDataDirectory() {
        String secret = "configured-secret-configured-secret-configured";
        Result result = run(Map.of("SWITCHBOARD_AUTH_JWT_SECRET", secret,
                        "SWITCHBOARD_DATA_DIR", dataDirectory.toString()),
                "--tenant", "acme", "--sub", "g1", "--role", "guest", "--room", "101", "--booking", "B1");

        AuthenticatedUser user = JwtTokenVerifier.hs256(secret.getBytes(StandardCharsets.UTF_8))
                .verify(result.out.trim());
        assertThat(user.room()).isEqualTo("101");
        assertThat(user.booking()).isEqualTo("B1");
        assertThat(Files.exists(dataDirectory.resolve(SigningSecret.FILE_NAME))).isFalse();
    }

    @Test
    void missingOptionsOrUnknownRoleExitWithUsage() {
        assertThat(run(Map.of(), "--tenant", "acme").exitCode).isEqualTo(2);
        Result badRole = run(Map.of("SWITCHBOARD_DATA_DIR", dataDirectory.toString()),
                "--tenant", "acme", "--sub", "1", "--role", "emperor");
        assertThat(badRole.exitCode).isEqualTo(2);
        assertThat(badRole.err).contains("unknown role 'emperor'").contains("usage:");
    }

    @Test
    void tooShortConfiguredSecretIsRefused() {
        Result result = run(Map.of("SWITCHBOARD_AUTH_JWT_SECRET", "short"),
                "--tenant", "acme", "--sub", "1", "--role", "staff");
        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("at least 32 bytes");
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TokenCommand.run(args, environment, Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
