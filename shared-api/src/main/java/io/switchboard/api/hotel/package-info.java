/**
 * The hotel REST dialect's wire shapes and access rule (seeds 000, 001), shared because both sides answer with them:
 * the command side's sends and the query side's reads must render one message the same way. Records with pure
 * mappings from the shared-api records; no Spring.
 */
package io.switchboard.api.hotel;
