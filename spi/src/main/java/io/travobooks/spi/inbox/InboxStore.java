package io.travobooks.spi.inbox;

import io.travobooks.spi.TenantId;
import io.travobooks.spi.TransactionRunner;
import io.travobooks.spi.UnitOfWork;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Conversations and their messages; every method runs in the caller's {@link UnitOfWork}, scoped to a tenant. */
public interface InboxStore {

    TransactionRunner transactions();

    Optional<Conversation> conversation(UnitOfWork uow, TenantId tenant, String conversationId);

    /** The conversation with the contact who writes from {@code address} on {@code channel}. */
    Optional<Conversation> conversationWith(UnitOfWork uow, TenantId tenant, String channel, String address);

    /**
     * The conversation, locked until the unit of work ends: for a change made from what was read, which a
     * concurrent change of the same conversation must neither overwrite nor be overwritten by.
     */
    Optional<Conversation> conversationForUpdate(UnitOfWork uow, TenantId tenant, String conversationId);

    /** The contact's conversation, locked as {@link #conversationForUpdate} locks it. */
    Optional<Conversation> conversationWithForUpdate(UnitOfWork uow, TenantId tenant, String channel,
                                                     String address);

    /** Stores the conversation, replacing the tenant's conversation with that id (and its booking links). */
    void saveConversation(UnitOfWork uow, Conversation conversation);

    /** The tenant's conversations in a status, most recently updated first, at most {@code max}. */
    default List<Conversation> conversations(UnitOfWork uow, TenantId tenant, Conversation.Status status, int max) {
        return conversations(uow, tenant, status, Optional.empty(), max);
    }

    /** Where a page of conversations ended: the last one's update time and id. */
    record Position(Instant updatedAt, String conversationId) {
        public Position {
            Objects.requireNonNull(updatedAt, "updatedAt");
            Objects.requireNonNull(conversationId, "conversationId");
        }
    }

    /**
     * The tenant's conversations in a status, most recently updated first (ties by id), at most {@code max}: those
     * after {@code after} in that order, when given. A conversation updated while a client pages moves to the top.
     */
    List<Conversation> conversations(UnitOfWork uow, TenantId tenant, Conversation.Status status,
                                     Optional<Position> after, int max);

    /** The conversations linked to a booking. */
    List<Conversation> conversationsAbout(UnitOfWork uow, TenantId tenant, String bookingId);

    /** Adds a message unless the tenant has one with its id: false then, and nothing is written. */
    boolean addMessage(UnitOfWork uow, InboxMessage message);

    /** A conversation's messages, oldest first. */
    List<InboxMessage> messages(UnitOfWork uow, TenantId tenant, String conversationId);
}
