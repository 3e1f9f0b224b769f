package io.travobooks.server.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Request bodies for tests, built the way a client would write them. */
public final class Bodies {
    private Bodies() {
    }

    public static Map<String, Object> line(String account, String side, long amountMinor) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("account", account);
        line.put("side", side);
        line.put("amount_minor", amountMinor);
        line.put("currency", "BDT");
        return line;
    }

    public static Map<String, Object> dr(String account, long amountMinor) {
        return line(account, "DEBIT", amountMinor);
    }

    public static Map<String, Object> cr(String account, long amountMinor) {
        return line(account, "CREDIT", amountMinor);
    }

    public static Map<String, Object> entry(String id, String date, Map<String, Object> first,
                                            Map<String, Object> second) {
        return entry(id, date, List.of(first, second));
    }

    public static Map<String, Object> entry(String id, String date, Map<String, Object> first,
                                            Map<String, Object> second, Map<String, Object> third) {
        return entry(id, date, List.of(first, second, third));
    }

    public static Map<String, Object> entry(String id, String date, List<Map<String, Object>> lines) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", id);
        entry.put("effective_date", date);
        entry.put("lines", new ArrayList<>(lines));
        return entry;
    }

    public static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(field, value);
        return copy;
    }
}
