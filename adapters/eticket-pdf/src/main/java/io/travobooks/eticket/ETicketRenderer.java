package io.travobooks.eticket;

import com.ibm.icu.util.ULocale;
import io.travobooks.spi.Money;
import io.travobooks.spi.supplier.Segment;
import io.travobooks.templates.icu.NotificationTemplates;
import org.openpdf.text.Chunk;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.FontFactory;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.FontSelector;
import org.openpdf.text.pdf.LayoutProcessor;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an {@link ETicket} as a PDF in the passenger's language, with its labels from the {@code eticket}
 * templates (falling back like every template, for example {@code bn-BD -> bn -> en}).
 *
 * <p>Text is set in Noto fonts shipped with this module (SIL Open Font License, see {@code fonts/OFL.txt}) and
 * embedded in the PDF: Noto Sans for Latin script, and Noto Sans Bengali, Devanagari or Arabic for the label
 * script. Bangla conjuncts, Devanagari matras and joined Arabic letters are shaped by the JDK's layout engine
 * through OpenPDF's {@link LayoutProcessor}, which the renderer switches on for the whole JVM the first time it is
 * used (OpenPDF keeps that switch global). Shaped runs carry their text as ActualText, so the PDF's text can be
 * extracted. A right-to-left locale sets every row from the right: label on the right, value on its left.
 */
public final class ETicketRenderer {
    private static final String FONTS = "io/travobooks/eticket/fonts/";
    private static final float TEXT = 10f;
    private static final float HEADING = 12f;
    private static final float TITLE = 18f;
    private static final int CHECK_IN_HOURS = 3;
    private static final Color RULE = new Color(0x4A, 0x6F, 0xA5);
    private static final Pattern WORD_OR_SPACE = Pattern.compile("\\s+|\\S+");

    private final NotificationTemplates templates;

    public ETicketRenderer(NotificationTemplates templates) {
        this.templates = Objects.requireNonNull(templates, "templates");
        setUpFonts();
    }

    /** The e-ticket as PDF bytes, in {@code locale} or the nearest locale with a translation. */
    public byte[] render(ETicket ticket, ULocale locale) {
        NotificationTemplates.Localized labels = templates.localized("booking.issued", "eticket", locale)
                .orElseThrow(() -> new IllegalStateException("no e-ticket template, not even English"));
        Script script = Script.of(labels.locale());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Document document = new Document(PageSize.A4, 40, 40, 40, 40)) {
            PdfWriter.getInstance(document, out);
            document.addTitle("E-ticket " + ticket.pnr());
            document.open();
            Writer writer = new Writer(document, script, labels.rightToLeft());

            writer.heading(labels.format("title", Map.of()), TITLE);
            writer.rows(List.of(
                    List.of(labels.format("booking", Map.of()), ticket.pnr() + " / " + ticket.bookingId()),
                    List.of(labels.format("issued", Map.of()), labels.date(ticket.issuedAt(), ticket.agencyZone()))));

            writer.heading(labels.format("passenger", Map.of()), HEADING);
            List<List<String>> travellers = new ArrayList<>();
            travellers.add(List.of(labels.format("passenger", Map.of()), labels.format("ticket", Map.of())));
            ticket.travellers().forEach(t -> travellers.add(List.of(t.passenger().surname() + "/"
                    + t.passenger().givenName(), t.ticketNumber())));
            writer.table(travellers);

            writer.heading(labels.format("itinerary", Map.of()), HEADING);
            List<List<String>> flights = new ArrayList<>();
            flights.add(List.of(labels.format("flight", Map.of()), labels.format("from", Map.of()),
                    labels.format("to", Map.of()), labels.format("departure", Map.of())));
            for (Segment segment : ticket.segments()) {
                flights.add(List.of(segment.carrier() + " " + segment.flightNumber(), segment.origin(),
                        segment.destination(), labels.dateTime(segment.departure())));
            }
            writer.table(flights);

            writer.heading(labels.format("fare", Map.of()), HEADING);
            List<List<String>> fare = new ArrayList<>();
            fare.add(List.of(labels.format("base", Map.of()), money(labels, ticket.farePerPassenger().base())));
            if (ticket.farePerPassenger().carrierSurcharges().minor() != 0) {
                fare.add(List.of(labels.format("surcharge", Map.of()),
                        money(labels, ticket.farePerPassenger().carrierSurcharges())));
            }
            ticket.farePerPassenger().taxesByCode().forEach((code, amount) ->
                    fare.add(List.of(labels.format("tax", Map.of("code", code)), money(labels, amount))));
            int passengers = ticket.travellers().size();
            Money perPassenger = ticket.farePerPassenger().total();
            fare.add(List.of(labels.format("total", Map.of("passengers", passengers)), money(labels,
                    Money.ofMinor(Math.multiplyExact(perPassenger.minor(), passengers),
                            perPassenger.currency().getCurrencyCode()))));
            writer.rows(fare);

            writer.paragraph(labels.format("footer", Map.of("agency", ticket.agency(), "hours", CHECK_IN_HOURS)),
                    TEXT, 18f);
        }
        return out.toByteArray();
    }

    private static String money(NotificationTemplates.Localized labels, Money amount) {
        BigDecimal decimal = amount.toDecimal();
        return labels.money(decimal, amount.currency().getCurrencyCode());
    }

    /** The font set of a locale: Noto Sans for Latin letters, digits and punctuation, and the label script's. */
    private enum Script {
        LATIN(null), BENGALI("NotoSansBengali-Regular.ttf"), DEVANAGARI("NotoSansDevanagari-Regular.ttf"),
        ARABIC("NotoSansArabic-Regular.ttf");

        final String fontFile;

        Script(String fontFile) {
            this.fontFile = fontFile;
        }

        static Script of(ULocale locale) {
            return switch (locale.getLanguage()) {
                case "bn", "as" -> BENGALI;
                case "hi", "mr", "ne" -> DEVANAGARI;
                case "ar", "fa", "ur" -> ARABIC;
                default -> LATIN;
            };
        }

        String alias() {
            return "travobooks-" + name().toLowerCase();
        }
    }

    /** Registers the fonts once per JVM, after switching on the layout processor that shapes with them. */
    private static synchronized void setUpFonts() {
        if (FontFactory.isRegistered(Script.LATIN.alias())) {
            return;
        }
        if (!LayoutProcessor.isEnabled()) {
            LayoutProcessor.enableKernLiga();
            LayoutProcessor.setWriteActualText();
        }
        FontFactory.register(FONTS + "NotoSans-Regular.ttf", Script.LATIN.alias());
        for (Script script : Script.values()) {
            if (script.fontFile != null) {
                FontFactory.register(FONTS + script.fontFile, script.alias());
            }
        }
    }

    /** Writes rows and paragraphs in the document's direction. */
    private static final class Writer {
        private final Document document;
        private final Script script;
        private final boolean rightToLeft;

        Writer(Document document, Script script, boolean rightToLeft) {
            this.document = document;
            this.script = script;
            this.rightToLeft = rightToLeft;
        }

        /**
         * A phrase whose characters each go to the first font that has them: Latin first, then the label script's.
         * A right-to-left line goes in word by word, in logical order: OpenPDF orders a line's chunks by the
         * Unicode bidi algorithm, while the shaper orders only the letters inside one chunk, so a chunk of several
         * Arabic words would show them left to right.
         */
        Phrase phrase(String text, float size) {
            if (!rightToLeft) {
                FontSelector selector = new FontSelector();
                selector.addFont(latin(size));
                if (script != Script.LATIN) {
                    selector.addFont(local(size));
                }
                return selector.process(text);
            }
            Font latin = latin(size);
            FontSelector scriptFirst = new FontSelector();
            scriptFirst.addFont(local(size));
            scriptFirst.addFont(latin);
            Phrase phrase = new Phrase();
            Matcher words = WORD_OR_SPACE.matcher(text);
            while (words.find()) {
                String word = words.group();
                if (word.chars().allMatch(c -> latin.getBaseFont().charExists(c))) {
                    phrase.add(new Chunk(word, latin));
                } else {
                    phrase.addAll(scriptFirst.process(word)); // punctuation the script's font lacks: Latin
                }
            }
            return phrase;
        }

        private Font local(float size) {
            return FontFactory.getFont(script.alias(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED, size);
        }

        static Font latin(float size) {
            return FontFactory.getFont(Script.LATIN.alias(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED, size);
        }

        void heading(String text, float size) {
            paragraph(text, size, size);
        }

        void paragraph(String text, float size, float spacingBefore) {
            Paragraph paragraph = new Paragraph(phrase(text, size));
            paragraph.setFont(latin(size)); // the font of the blank line OpenPDF adds for the spacing: embedded too
            paragraph.setAlignment(rightToLeft ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
            paragraph.setSpacingBefore(spacingBefore);
            paragraph.setSpacingAfter(4f);
            document.add(paragraph);
        }

        /** Label and value pairs, one per row. */
        void rows(List<List<String>> rows) {
            table(rows, false);
        }

        /** A table whose first row is its header. */
        void table(List<List<String>> rows) {
            table(rows, true);
        }

        private void table(List<List<String>> rows, boolean header) {
            int columns = rows.getFirst().size();
            PdfPTable table = new PdfPTable(columns);
            table.setWidthPercentage(100);
            for (int r = 0; r < rows.size(); r++) {
                List<String> row = new ArrayList<>(rows.get(r));
                if (rightToLeft) {
                    Collections.reverse(row); // the first column on the right
                }
                for (String text : row) {
                    PdfPCell cell = new PdfPCell(phrase(text, TEXT));
                    cell.setBorder(header && r == 0 ? PdfPCell.BOTTOM : PdfPCell.NO_BORDER);
                    cell.setBorderColor(RULE);
                    cell.setPaddingBottom(4f);
                    cell.setHorizontalAlignment(rightToLeft ? Element.ALIGN_RIGHT : Element.ALIGN_LEFT);
                    table.addCell(cell);
                }
            }
            document.add(table);
        }
    }
}
