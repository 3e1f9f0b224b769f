package io.travobooks.eticket;

import com.ibm.icu.util.ULocale;
import io.travobooks.spi.Money;
import io.travobooks.spi.supplier.Fare;
import io.travobooks.spi.supplier.Passenger;
import io.travobooks.spi.supplier.Segment;
import io.travobooks.templates.icu.NotificationTemplates;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The e-ticket in each shipped language: its text (extracted by PDFBox, an independent reader) holds the ticket
 * numbers, the Latin passenger names and a label in the locale's own script, and every font it uses is embedded.
 * Each rendering is written as a PNG under {@code target/etickets/} for a person to check the shaping.
 */
class ETicketRendererTest {
    private static final ETicket DHAKA_DUBAI = new ETicket("Travo Demo Travels", "BK1", "QWERTY",
            Instant.parse("2026-03-01T08:30:00Z"), ZoneId.of("Asia/Dhaka"),
            List.of(new ETicket.Traveller(new Passenger("RAHIM", "UDDIN"), "1762000000001"),
                    new ETicket.Traveller(new Passenger("KARIM", "UDDIN"), "1762000000002")),
            List.of(new Segment("EK", "585", "DAC", "DXB", LocalDateTime.of(2026, 4, 2, 10, 15))),
            new Fare(Money.of("40000", "BDT"), Money.of("8000", "BDT"), Money.of("3200", "BDT"),
                    Map.of("BD", Money.of("500", "BDT"), "UT", Money.of("2000", "BDT"), "E5",
                            Money.of("700", "BDT"))));

    private final ETicketRenderer renderer = new ETicketRenderer(new NotificationTemplates());

    @ParameterizedTest
    @CsvSource({
            "en, Electronic ticket receipt, NotoSans-Regular",
            "bn, টিকিট, NotoSansBengali-Regular",
            "bn-BD, টিকিট, NotoSansBengali-Regular",
            "hi, टिकट, NotoSansDevanagari-Regular",
            "ar, التذكرة, NotoSansArabic-Regular"})
    void theTicketIsReadableInItsLanguageWithItsFontsEmbedded(String tag, String label, String scriptFont)
            throws IOException {
        byte[] pdf = renderer.render(DHAKA_DUBAI, ULocale.forLanguageTag(tag));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("1762000000001", "1762000000002", "UDDIN/RAHIM", "UDDIN/KARIM", "QWERTY",
                    "DAC", "DXB", "EK 585");
            assertThat(text).as("a label in the locale's script").contains(label);

            List<PDFont> fonts = fonts(document.getPage(0).getResources());
            assertThat(fonts).allSatisfy(font -> assertThat(font.isEmbedded())
                    .as(font.getName() + " is embedded").isTrue());
            assertThat(fonts).extracting(PDFont::getName).anySatisfy(name -> assertThat(name).endsWith(scriptFont));

            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 110);
            Path png = Path.of("target", "etickets", "eticket-" + tag + ".png");
            Files.createDirectories(png.getParent());
            ImageIO.write(image, "png", png.toFile());
            assertThat(png).isNotEmptyFile();
        }
    }

    private static List<PDFont> fonts(PDResources resources) throws IOException {
        List<PDFont> fonts = new ArrayList<>();
        for (COSName name : resources.getFontNames()) {
            fonts.add(resources.getFont(name));
        }
        return fonts;
    }
}
