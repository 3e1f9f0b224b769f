/** People and software as principals, and the maker-checker rules; everything here is API. */
module io.travobooks.identity {
    requires transitive io.travobooks.spi;
    requires org.bouncycastle.provider;
    requires com.nulabinc.zxcvbn;

    exports io.travobooks.identity;
    exports io.travobooks.identity.approval;
}
