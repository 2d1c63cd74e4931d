package dev.rollback.internal.signals;

import dev.rollback.SignalException;
import dev.rollback.internal.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams report files through the JDK's own StAX parser with DTDs and external entities off: a report's
 * {@code <!DOCTYPE>} (JaCoCo and Cobertura write one) is skipped, never fetched, and an entity that would read a
 * file or a URL is an error.
 */
final class SecureXml {

  private static final XMLInputFactory FACTORY = factory();

  private SecureXml() {}

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }

  /** Reads one XML file element by element. */
  interface Handler {
    /** Called at each start element, with its depth (the root is 0). */
    void start(XMLStreamReader r, int depth) throws XMLStreamException;

    /** Called at each end element, with its depth. */
    default void end(XMLStreamReader r, int depth) {}
  }

  /**
   * Parses a file, passing its elements to the handler.
   *
   * @param file the file
   * @param shown how to name the file in messages (workspace-relative)
   * @param what what the file should be, for messages ("test report", "coverage report")
   * @param handler receives the elements
   * @return the root element's local name
   * @throws SignalException naming the file if it is missing, empty or not well-formed
   */
  static String parse(Path file, String shown, String what, Handler handler) {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new SignalException(what + " " + shown + " does not exist");
    } catch (IOException e) {
      throw new SignalException("cannot read " + what + " " + shown + ": " + e, e);
    }
    if (size == 0) {
      throw new SignalException(what + " " + shown + " is empty");
    }
    try (InputStream in = Files.newInputStream(file)) {
      XMLStreamReader r = FACTORY.createXMLStreamReader(in);
      try {
        String root = null;
        int depth = -1;
        while (r.hasNext()) {
          int event = r.next();
          if (event == XMLStreamReader.START_ELEMENT) {
            depth++;
            if (root == null) {
              root = r.getLocalName();
            }
            handler.start(r, depth);
          } else if (event == XMLStreamReader.END_ELEMENT) {
            handler.end(r, depth);
            depth--;
          }
        }
        if (root == null) {
          throw new SignalException(what + " " + shown + " holds no XML element");
        }
        return root;
      } finally {
        r.close();
      }
    } catch (XMLStreamException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber();
      throw new SignalException(what + " " + shown + " is not well-formed XML" + where + ": " + cleanMessage(e), e);
    } catch (IOException e) {
      throw new SignalException("cannot read " + what + " " + shown + ": " + e, e);
    }
  }

  /** The parser's message without the location prefix it repeats. */
  private static String cleanMessage(XMLStreamException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int i = m.indexOf("Message: ");
    return Texts.printable(i >= 0 ? m.substring(i + "Message: ".length()) : m).trim();
  }

  /** An attribute parsed as a number, or NaN when absent. */
  static double number(XMLStreamReader r, String attribute, String shown, String what) {
    String v = r.getAttributeValue(null, attribute);
    if (v == null) {
      return Double.NaN;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new SignalException(what + " " + shown + ": attribute " + attribute + " of <" + r.getLocalName()
          + "> at line " + r.getLocation().getLineNumber() + " is not a number: '" + Texts.printable(v) + "'");
    }
  }
}
