package io.switchboard.app.web;

import io.switchboard.api.conversation.ErrorCode;
import io.switchboard.api.path.NoSuchResourceException;
import io.switchboard.hotel.HotelAccessDeniedException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every REST error in the Django REST framework shape the hotel frontends expect: {@code {"detail": "..."}} with
 * 400/401/403/404, plus a machine-readable {@code code} where the command side gave one. Bad input never becomes a
 * 500.
 */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /** Long enough for a database failover or restart, short enough for a chat client to keep the message. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<Map<String, Object>> statusException(ResponseStatusException e) {
        String reason = e.getReason() != null ? e.getReason() : defaultDetail(e.getStatusCode());
        return body(e.getStatusCode(), reason, null);
    }

    @ExceptionHandler(HotelAccessDeniedException.class)
    ResponseEntity<Map<String, Object>> hotelAccessDenied(HotelAccessDeniedException e) {
        return body(HttpStatusCode.valueOf(e.access().status()), e.access().detail(), null);
    }

    /** A malformed id in a URL ({@code PathIds}), any dialect: exactly what an unknown id answers. */
    @ExceptionHandler(NoSuchResourceException.class)
    ResponseEntity<Map<String, Object>> noSuchResource(NoSuchResourceException e) {
        return body(HttpStatus.NOT_FOUND, "Not found.", null);
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Map<String, Object>> commandRefused(CommandExecutionException e) {
        ErrorCode code = e.getDetails().filter(ErrorCode.class::isInstance).map(ErrorCode.class::cast).orElse(null);
        if (code == null) {
            return unexpected(e);
        }
        HttpStatus status = switch (code) {
            case TENANT_MISMATCH, UNKNOWN_CONVERSATION -> HttpStatus.NOT_FOUND;
            case NOT_PARTICIPANT, ROLE_NOT_ALLOWED -> HttpStatus.FORBIDDEN;
            case CONVERSATION_EXISTS -> HttpStatus.CONFLICT;
            default -> HttpStatus.BAD_REQUEST;
        };
        // A refusal for another tenant's conversation must look exactly like an unknown id: no detail, no code.
        if (status == HttpStatus.NOT_FOUND) {
            return body(status, "Not found.", null);
        }
        return body(status, e.getMessage(), code.name().toLowerCase(Locale.ROOT));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Map<String, Object>> unknownAggregate(AggregateNotFoundException e) {
        // a client's mistake, not the server's: no warning, no stack trace
        log.debug("Unknown conversation {}: 404", e.getAggregateIdentifier());
        return body(HttpStatus.NOT_FOUND, "Not found.", null);
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Map<String, Object>> conflict(ConcurrencyException e) {
        return body(HttpStatus.CONFLICT, "The conversation changed concurrently; please retry.", null);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
                String field = databind.getPath().stream()
                        .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName()
                                : String.valueOf(ref.getIndex()))
                        .collect(Collectors.joining("."));
                return body(HttpStatus.BAD_REQUEST, field + ": Invalid value.", null);
            }
            if (cause instanceof JacksonException) {
                return body(HttpStatus.BAD_REQUEST, "JSON parse error: malformed request body.", null);
            }
        }
        return body(HttpStatus.BAD_REQUEST, "A JSON request body is required.", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e) {
        // A malformed id in the path names no resource; a malformed query parameter is a validation error.
        boolean pathVariable = e.getParameter().hasParameterAnnotation(
                org.springframework.web.bind.annotation.PathVariable.class);
        return pathVariable ? body(HttpStatus.NOT_FOUND, "Not found.", null)
                : body(HttpStatus.BAD_REQUEST, e.getName() + ": A valid value is required.", null);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
        return body(HttpStatus.BAD_REQUEST, e.getParameterName() + ": This field is required.", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, "Method \"" + e.getMethod() + "\" not allowed.", null);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type; send application/json.", null);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<Void> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        // The client accepts no JSON, so there is no body it could read: the status says it all.
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE).build();
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> noSuchPath(NoResourceFoundException e) {
        return body(HttpStatus.NOT_FOUND, "Not found.", null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        if (DatabaseOutages.causedBy(e)) {
            // one line, no stack trace: during an outage every request would log one
            log.warn("Database unreachable, answering 503: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
                    .body(Map.of("detail", "The service is temporarily unavailable; please retry."));
        }
        log.error("Unhandled error in a REST request", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "A server error occurred.", null);
    }

    private static ResponseEntity<Map<String, Object>> body(HttpStatusCode status, String detail, String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail);
        if (code != null) {
            body.put("code", code);
        }
        return ResponseEntity.status(status).body(body);
    }

    private static String defaultDetail(HttpStatusCode status) {
        return switch (status.value()) {
            case 403 -> "You do not have permission to perform this action.";
            case 404 -> "Not found.";
            default -> "Invalid request.";
        };
    }
}
