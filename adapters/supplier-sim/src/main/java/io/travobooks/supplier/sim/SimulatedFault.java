package io.travobooks.supplier.sim;

/**
 * A fault the simulated airline can answer a change with: a definite refusal, an ambiguous answer for a request
 * that never arrived, or an ambiguous answer for a request the airline did process.
 */
public enum SimulatedFault {
    REFUSE, LOST, TIMEOUT
}
