-- Serves FindGuestRoomConversation: WHERE tenant AND kind AND subject (the room) AND subject_reference (the
-- booking). The booking stays out of the index: it is an unbounded token claim, and a PostgreSQL b-tree entry is
-- limited to about 2.7 kB, so indexing it could fail a projection; a subject is at most 100 characters. A room has
-- few bookings with a thread, so filtering them by booking is cheap.
CREATE INDEX query_conversation_subject ON query_conversation (tenant, kind, subject);
