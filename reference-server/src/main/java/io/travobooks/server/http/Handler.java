package io.travobooks.server.http;

/** One operation of the contract, after the pipeline has authenticated, authorised and validated the request. */
@FunctionalInterface
public interface Handler {
    Reply handle(Call call);
}
