package io.travobooks.booking.posting;

/**
 * When a tenant recognises airline commission as revenue (docs/accounting.md: a tenant policy): at issue, or when the
 * passenger travels, holding it as deferred revenue (2400) until then.
 */
public enum CommissionRecognition {
    AT_ISSUE, AT_TRAVEL
}
