/**
 * Support conversations (seed 003): a {@code SUPPORT} conversation addressed by a client-chosen string id (at most
 * {@link SupportConversations#MAX_CLIENT_ID_LENGTH} characters, unique per tenant), with customers, agents,
 * supervisors and robots. Robot messages ({@code MessageType.ROBOT}) are visible to agents and supervisors only
 * until an agent shares one, which adds a visible message linked to the original.
 */
package io.switchboard.api.support;
