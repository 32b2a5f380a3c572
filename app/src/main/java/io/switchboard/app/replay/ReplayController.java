package io.switchboard.app.replay;

import io.switchboard.api.identity.AuthenticatedUser;
import io.switchboard.api.identity.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.Map;

/**
 * {@code POST /api/admin/replay} starts a rebuild of every read model (202 with its status; 409 while one runs),
 * {@code GET /api/admin/replay} shows the current or last one. Role {@code admin} only: 401 without a token (the
 * bearer filter), 403 for any other role. The operation is installation-wide — the read models of all tenants share
 * the processors and are rebuilt together — and exposes no data, only counts, so an admin of any tenant may run it
 * (docs/rebuild.md).
 */
@RestController
class ReplayController {

    static final String PATH = "/api/admin/replay";

    private final ReadModelRebuild rebuild;

    ReplayController(ReadModelRebuild rebuild) {
        this.rebuild = rebuild;
    }

    @PostMapping(PATH)
    ResponseEntity<Map<String, Object>> start(AuthenticatedUser user) {
        requireAdmin(user);
        RebuildStatus started = rebuild.start();
        if (started == null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "A read-model rebuild is already running.");
        }
        return ResponseEntity.status(started.state() == RebuildStatus.State.FAILED
                ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.ACCEPTED).body(started.toJson());
    }

    @GetMapping(PATH)
    Map<String, Object> status(AuthenticatedUser user) {
        requireAdmin(user);
        return rebuild.status().toJson();
    }

    private static void requireAdmin(AuthenticatedUser user) {
        if (user.role() != Role.ADMIN) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }
}
