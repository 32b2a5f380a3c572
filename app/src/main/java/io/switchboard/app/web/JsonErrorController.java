package io.switchboard.app.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Spring Boot's error page, replaced: whatever the container or a filter refused ends as {@code {"detail": "..."}}
 * like every other error, never the whitelabel HTML page or Boot's {@code timestamp/status/error} shape, and never
 * the exception's message.
 */
@Hidden
@RestController
class JsonErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // asked for directly, not as the container's error dispatch: there is no such page
        HttpStatus status = code == null ? HttpStatus.NOT_FOUND
                : code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        return ResponseEntity.status(status).body(Map.of("detail", detail(status)));
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "Invalid request.";
            case UNAUTHORIZED -> "Authentication credentials were not provided.";
            case FORBIDDEN -> "You do not have permission to perform this action.";
            case NOT_FOUND -> "Not found.";
            case METHOD_NOT_ALLOWED -> "Method not allowed.";
            case NOT_ACCEPTABLE -> "Could not satisfy the request Accept header.";
            case PAYLOAD_TOO_LARGE -> "Request body too large; at most " + StrictRequestFilter.MAX_BODY_BYTES
                    + " bytes.";
            case URI_TOO_LONG -> "Request URI too long.";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported media type; send application/json in UTF-8.";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "Request header fields too large.";
            case SERVICE_UNAVAILABLE -> "The service is temporarily unavailable; please retry.";
            default -> status.is4xxClientError() ? "Invalid request." : "A server error occurred.";
        };
    }
}
