package io.travobooks.messaging.notify;

/** Where a notification goes. */
public enum Channel {
    EMAIL, SMS, WHATSAPP, IN_APP
}
