package org.healthtimeline.profile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.Block;
import org.commonmark.node.Heading;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.healthtimeline.web.Json;

/**
 * Reads one markdown memory file of the coaching bot (seed 001) into a JSON document, with CommonMark:
 * <pre>
 *   # Title                     the file's title; not stored
 *   - Key: value                before the first section: a field, {"key": "value"}
 *   ## Section name             a section, {"section_name": ["bullet", ...]}
 *   - bullet text
 * </pre>
 * Keys and section names become snake_case ({@code Last updated} -> {@code last_updated}); bullet and value text
 * is kept exactly as written (inline markdown included). Whatever else the file holds is never dropped silently:
 * it gives a warning with its line number and its text is kept under {@code notes}, except a heading that lacks
 * the space CommonMark needs ({@code ##Dietary preferences}), which is read as the section it was meant to be,
 * with a warning, so that its bullets stay under their own section.
 */
final class ProfileMarkdown {
  /** A line that looks like a heading but is a paragraph to CommonMark: hashes without the space after them. */
  private static final Pattern BROKEN_HEADING = Pattern.compile("^(#{2,6})([^#\\s].*)$");
  private static final Pattern FIELD = Pattern.compile("^([^:]{1,60}):\\s*(.*)$", Pattern.DOTALL);
  private static final Parser PARSER = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build();

  /** What could not be read as it was written: the file, its 1-based line, and why. */
  record Warning(String file, int line, String message) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + message;
    }
  }

  /** The document read from a file, the line each top-level key came from, and the warnings. */
  record Parsed(ObjectNode document, Map<String, Integer> lines, List<Warning> warnings) {}

  private final String file;
  private final String source;
  private final ObjectNode doc = Json.MAPPER.createObjectNode();
  private final Map<String, Integer> lines = new HashMap<>();
  private final List<Warning> warnings = new ArrayList<>();
  private ArrayNode section;
  private boolean titled;

  private ProfileMarkdown(String file, String source) {
    this.file = file;
    this.source = source;
  }

  /** {@code file} names the file in warnings, e.g. {@code amara/preferences.md}. */
  static Parsed parse(String file, String markdown) {
    var reader = new ProfileMarkdown(file, markdown);
    for (Node n = PARSER.parse(markdown).getFirstChild(); n != null; n = n.getNext()) reader.block(n);
    return new Parsed(reader.doc, reader.lines, reader.warnings);
  }

  private void block(Node n) {
    switch (n) {
      case Heading h when h.getLevel() == 1 -> title(h);
      case Heading h -> {
        if (h.getLevel() > 2) warn(n, "'" + raw(n) + "' is a level-" + h.getLevel() + " heading; read as a section like ##");
        startSection(n, raw(n).replaceFirst("^#+\\s*", "").replaceFirst("\\s+#+\\s*$", "").strip());
      }
      case ListBlock list -> list(list);
      case Paragraph p -> paragraph(p);
      case ThematicBreak ignored -> { }
      default -> note(n, "a " + n.getClass().getSimpleName() + " is not understood here");
    }
  }

  private void title(Heading h) {
    if (titled) warn(h, "a second '#' title; what follows it is read as before");
    titled = true;
  }

  private void paragraph(Paragraph p) {
    String text = raw(p);
    Matcher m = BROKEN_HEADING.matcher(text);
    if (!text.contains("\n") && m.matches()) {
      String name = m.group(2).strip();
      warn(p, "'" + text + "' is not a heading in CommonMark (it needs a space after " + m.group(1)
          + "); read as the section '" + name + "'");
      startSection(p, name);
    } else {
      note(p, "text outside a list is not understood");
    }
  }

  private void startSection(Node at, String name) {
    String key = key(name);
    if (key.isEmpty()) {
      note(at, "a heading without a name");
      return;
    }
    if (doc.has(key)) {
      warn(at, "'" + name + "' is named twice (as '" + key + "'); its bullets are added to the first");
      if (doc.get(key).isArray()) {
        section = (ArrayNode) doc.get(key);
        return;
      }
      key = key + "_section";
    }
    section = doc.putArray(key);
    lines.put(key, line(at));
  }

  private void list(ListBlock list) {
    for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
      if (!(item instanceof ListItem li)) continue;
      var text = new ArrayList<String>();
      for (Node part = li.getFirstChild(); part != null; part = part.getNext()) {
        if (part instanceof Paragraph) {
          text.add(raw(part).replaceAll("\\s*\\n\\s*", " "));
        } else if (part instanceof ListBlock nested) {
          warn(part, "a nested list is not understood; its bullets are read as bullets of their own");
          list(nested);
        } else {
          note(part, "a " + part.getClass().getSimpleName() + " inside a bullet is not understood");
        }
      }
      if (!text.isEmpty()) bullet(li, String.join(" ", text));
    }
  }

  private void bullet(ListItem item, String text) {
    if (section != null) {
      section.add(text);
      return;
    }
    Matcher m = FIELD.matcher(text);
    if (!m.matches() || key(m.group(1)).isEmpty()) {
      note(item, "a bullet before the first section must read 'Key: value'");
      return;
    }
    String key = key(m.group(1));
    if (doc.has(key)) {
      note(item, "'" + m.group(1).strip() + "' is given twice; the first is kept");
      return;
    }
    doc.put(key, m.group(2).strip());
    lines.put(key, line(item));
  }

  /** Warns, and keeps the block's text under {@code notes} so that nothing is lost. */
  private void note(Node n, String why) {
    warn(n, why + "; kept under 'notes'");
    (doc.get("notes") instanceof ArrayNode notes ? notes : doc.putArray("notes")).add(raw(n));
  }

  private void warn(Node n, String message) {
    warnings.add(new Warning(file, line(n), message));
  }

  private static int line(Node n) {
    List<SourceSpan> spans = n.getSourceSpans();
    return spans.isEmpty() ? 0 : spans.getFirst().getLineIndex() + 1;
  }

  /** The block's text as written in the file, without the list marker of a bullet. */
  private String raw(Node n) {
    var out = new StringBuilder();
    for (SourceSpan s : ((Block) n).getSourceSpans()) {
      if (!out.isEmpty()) out.append('\n');
      out.append(source, s.getInputIndex(), s.getInputIndex() + s.getLength());
    }
    return out.toString().strip();
  }

  /** {@code Dietary preferences} -> {@code dietary_preferences}. */
  static String key(String name) {
    return name.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
  }
}
