/** The double-entry ledger; its rules live in the internal package, which is not exported. */
module io.travobooks.ledger {
    requires transitive io.travobooks.spi;
    requires org.slf4j;

    exports io.travobooks.ledger;
}
