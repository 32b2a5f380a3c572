package io.switchboard.app.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Token verification settings (see docs/auth.md).
 *
 * @param jwtSecret  HS256 shared secret ({@code SWITCHBOARD_AUTH_JWT_SECRET}); at least 32 bytes
 * @param jwkSetUri  production alternative: RS256 tokens verified against this JWK set
 *                   ({@code SWITCHBOARD_AUTH_JWK_SET_URI}); wins over the secret when set
 */
@ConfigurationProperties("switchboard.auth")
record AuthProperties(String jwtSecret, String jwkSetUri) {
}
