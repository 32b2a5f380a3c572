/**
 * The hotel dialect's wire contract (seeds 000, 001): the JSON shapes its command-side sends, query-side reads and
 * realtime-projector Pusher events render alike, its numeric-user-id rule ({@link io.switchboard.hotel.UserIds}) and
 * its access rule ({@link io.switchboard.hotel.HotelAccess}, with the HTTP statuses of its refusals). Records with pure
 * mappings from the shared-api records; depends on shared-api and Jackson's annotations only, no Spring. Not part of
 * shared-api's published contract: another dialect never sees these shapes.
 */
package io.switchboard.hotel;
