package io.travobooks.client;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every item of a list the server answers a page at a time: the next page is asked for, with the last page's
 * {@code next_cursor}, only when the items before it have been used.
 */
public final class Pages {
    private Pages() {
    }

    /**
     * @param fetch the page after a cursor (none: the first page), as the generated client asks for it
     * @param items the items of a page
     * @param next  the cursor of the page after it; null or absent on the last page
     */
    public static <P, T> Stream<T> all(TravoClient.Page<P> fetch, Function<P, List<T>> items,
                                       Function<P, String> next) {
        Iterator<T> iterator = new Iterator<>() {
            private Iterator<T> page = List.<T>of().iterator();
            private Optional<String> cursor = Optional.empty();
            private boolean last;

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && !last) {
                    P answer = TravoClient.call(() -> fetch.after(cursor.orElse(null)));
                    page = items.apply(answer).iterator();
                    cursor = Optional.ofNullable(next.apply(answer));
                    last = cursor.isEmpty();
                }
                return page.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false);
    }
}
