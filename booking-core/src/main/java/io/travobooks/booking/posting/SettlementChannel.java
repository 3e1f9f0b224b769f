package io.travobooks.booking.posting;

/** How the agency settles with the airline: IATA BSP, ARC (USA), airline direct (NDC) or through an aggregator. */
public enum SettlementChannel {
    BSP, ARC, DIRECT, AGGREGATOR
}
