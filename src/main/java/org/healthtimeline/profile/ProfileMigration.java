package org.healthtimeline.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.healthtimeline.errors.Conflict;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.profile.ProfileMarkdown.Warning;
import org.healthtimeline.user.TimeZones;
import org.healthtimeline.user.User;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.MergePatch;

/**
 * Seed 001's markdown-to-PostgreSQL migration: a folder per person holding {@code profile.md},
 * {@code preferences.md} and {@code patterns.md} becomes that person's three profile documents.
 *
 * <p>The folder's name is the person's {@code external_id} (the id the bot knew them by): a user with it is
 * updated, else created, with the time zone {@code profile.md} names. The keys a file gives replace those keys
 * of the stored document (a JSON Merge Patch), and keys the app added since are kept; so running it again on the
 * same files changes nothing. Users are written through {@link UserService}, one transaction each.
 */
public final class ProfileMigration {
  /** The documents, each read from {@code <name>.md}. */
  static final List<String> DOCUMENTS = List.of("profile", "preferences", "patterns");

  public enum Action { CREATED, UPDATED, UNCHANGED, FAILED }

  /** What happened to one person: the keys read per document, and why it failed if it did. */
  public record Outcome(String externalId, UUID userId, Action action, Map<String, Integer> keys, String failure) {}

  /** Every person's outcome, every warning ({@code file:line: why}), and what --verify found different. */
  public record Report(List<Outcome> people, List<String> warnings, List<String> mismatches) {
    public long count(Action action) {
      return people.stream().filter(o -> o.action() == action).count();
    }
  }

  /** One person's folder, read. */
  private record Person(String externalId, Map<String, ObjectNode> documents, Map<String, Integer> profileLines) {}

  private final UserService users;

  public ProfileMigration(UserService users) {
    this.users = users;
  }

  /** Writes what the files say; with {@code dryRun}, reports what it would write and writes nothing. */
  public Report migrate(Path dir, boolean dryRun) {
    var warnings = new ArrayList<String>();
    var outcomes = new ArrayList<Outcome>();
    for (Person p : read(dir, warnings)) outcomes.add(migrate(p, dryRun, warnings));
    return new Report(outcomes, warnings, List.of());
  }

  /** Checks that every key the files give is stored as the files give it, and lists each difference. */
  public Report verify(Path dir) {
    var warnings = new ArrayList<String>();
    var outcomes = new ArrayList<Outcome>();
    var mismatches = new ArrayList<String>();
    for (Person p : read(dir, warnings)) {
      Optional<User> stored = users.findByExternalId(p.externalId());
      if (stored.isEmpty()) {
        mismatches.add(p.externalId() + ": no user has this external_id");
        continue;
      }
      p.documents().forEach((name, doc) -> doc.properties().forEach(e -> {
        JsonNode value = document(stored.get(), name).get(e.getKey());
        if (value == null) mismatches.add(p.externalId() + ": " + name + "." + e.getKey() + " is missing (" + name + ".md)");
        else if (!value.equals(e.getValue())) mismatches.add(p.externalId() + ": " + name + "." + e.getKey() + " differs from " + name + ".md");
      }));
      outcomes.add(new Outcome(p.externalId(), stored.get().id(), Action.UNCHANGED, keyCounts(p), null));
    }
    return new Report(outcomes, warnings, mismatches);
  }

  private Outcome migrate(Person p, boolean dryRun, List<String> warnings) {
    Map<String, Integer> keys = keyCounts(p);
    try {
      Optional<User> existing = users.findByExternalId(p.externalId());
      if (existing.isEmpty()) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("external_id", p.externalId());
        zone(p, warnings).ifPresent(zone -> body.put("time_zone", zone));
        p.documents().forEach(body::set);
        UUID id = dryRun ? null : users.create(body).id();
        return new Outcome(p.externalId(), id, Action.CREATED, keys, null);
      }
      User u = existing.get();
      ObjectNode patch = Json.MAPPER.createObjectNode();
      p.documents().forEach((name, doc) -> {
        if (!MergePatch.apply(document(u, name), doc).equals(document(u, name))) patch.set(name, doc);
      });
      if (patch.isEmpty()) return new Outcome(p.externalId(), u.id(), Action.UNCHANGED, keys, null);
      if (!dryRun) users.update(u.id(), patch);
      return new Outcome(p.externalId(), u.id(), Action.UPDATED, keys, null);
    } catch (InvalidInput | Conflict e) {
      return new Outcome(p.externalId(), null, Action.FAILED, keys, e.getMessage());
    }
  }

  /** The IANA zone of the profile's {@code Timezone} field, or a warning at its line when it is not one. */
  private static Optional<String> zone(Person p, List<String> warnings) {
    ObjectNode profile = p.documents().get("profile");
    JsonNode zone = profile == null ? null : profile.get("timezone");
    if (zone == null || !zone.isTextual()) return Optional.empty();
    try {
      return Optional.of(TimeZones.parse("timezone", zone.asText()).getId());
    } catch (InvalidInput e) {
      warnings.add(new Warning(p.externalId() + "/profile.md", p.profileLines().getOrDefault("timezone", 0),
          "'" + zone.asText() + "' is not an IANA time zone; the new user gets UTC").toString());
      return Optional.empty();
    }
  }

  private static JsonNode document(User u, String name) {
    return switch (name) {
      case "profile" -> u.profile();
      case "preferences" -> u.preferences();
      default -> u.patterns();
    };
  }

  private static Map<String, Integer> keyCounts(Person p) {
    var keys = new LinkedHashMap<String, Integer>();
    p.documents().forEach((name, doc) -> keys.put(name, doc.size()));
    return keys;
  }

  /** The people of {@code dir}, in name order; what cannot be read is a warning, never an abort. */
  private static List<Person> read(Path dir, List<String> warnings) {
    if (!Files.isDirectory(dir)) throw new InvalidInput("DIR", dir + " is not a folder");
    var people = new ArrayList<Person>();
    try (Stream<Path> folders = Files.list(dir)) {
      for (Path folder : folders.sorted().toList()) {
        String name = folder.getFileName().toString();
        if (name.startsWith(".")) continue;
        if (!Files.isDirectory(folder)) {
          warnings.add(name + ": not a folder of a person; not read");
          continue;
        }
        readPerson(folder, warnings).ifPresent(people::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return people;
  }

  private static Optional<Person> readPerson(Path folder, List<String> warnings) throws IOException {
    String externalId = folder.getFileName().toString();
    var documents = new LinkedHashMap<String, ObjectNode>();
    Map<String, Integer> profileLines = Map.of();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path f : files.sorted().toList()) {
        String file = f.getFileName().toString();
        String doc = file.endsWith(".md") ? file.substring(0, file.length() - 3) : null;
        if (doc == null || !DOCUMENTS.contains(doc)) {
          if (!file.startsWith(".")) warnings.add(externalId + "/" + file + ": not one of profile.md, preferences.md, patterns.md; not read");
          continue;
        }
        String text;
        try {
          text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(f))).toString();
        } catch (CharacterCodingException e) {
          warnings.add(externalId + "/" + file + ": not UTF-8 text; not read");
          continue;
        }
        ProfileMarkdown.Parsed parsed = ProfileMarkdown.parse(externalId + "/" + file, text);
        parsed.warnings().forEach(w -> warnings.add(w.toString()));
        documents.put(doc, parsed.document());
        if (doc.equals("profile")) profileLines = parsed.lines();
      }
    }
    if (documents.isEmpty()) {
      warnings.add(externalId + ": none of profile.md, preferences.md, patterns.md; nobody migrated from this folder");
      return Optional.empty();
    }
    return Optional.of(new Person(externalId, documents, profileLines));
  }
}
