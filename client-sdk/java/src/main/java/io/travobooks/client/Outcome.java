package io.travobooks.client;

import io.travobooks.client.generated.model.Approval;

/**
 * What a change came to, for an operation a policy or a mandate can hold: done, with the operation's answer, or held
 * for a person's approval (202), with the pending approval. The generated methods cannot tell the two apart (a
 * held answer would read as a malformed value); {@link TravoClient#outcome} can.
 */
public sealed interface Outcome<T> {
    /** Done: the operation's answer; {@code replayed} when it is the stored answer of an earlier try. */
    record Done<T>(T value, boolean replayed) implements Outcome<T> {
    }

    /** Held: a person approves (or rejects) the exact request first; the approval names it. */
    record Held<T>(Approval approval) implements Outcome<T> {
    }
}
