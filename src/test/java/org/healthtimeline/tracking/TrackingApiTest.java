package org.healthtimeline.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.healthtimeline.testing.Refusals.refused;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.healthtimeline.testing.TestApi;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TrackingApiTest {
  static TestApi api;
  static final String BLOOD_PRESSURE = """
      {"name":"Blood Pressure","fields":[
        {"name":"systolic","type":"integer","required":true,"min":60,"max":260,"unit":"mmHg"},
        {"name":"diastolic","type":"integer","required":true,"min":30,"max":160,"unit":"mmHg"},
        {"name":"heart_rate","type":"integer","min":30,"max":220,"unit":"bpm"},
        {"name":"arm","type":"choice","choices":["left","right"]},
        {"name":"after_coffee","type":"boolean"},
        {"name":"comment","type":"text","max_length":20},
        {"name":"weight_kg","type":"number","min":20.5}]}""";

  @BeforeAll
  static void up() {
    api = TestApi.start();
  }

  @AfterAll
  static void down() {
    api.close();
  }

  static String categories(TestApi.User u) {
    return "/v1/users/" + u.id() + "/tracking-categories";
  }

  static JsonNode category(TestApi.User u, String body) {
    var r = api.post(categories(u), u.token(), body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(r.header("Location")).isEqualTo(categories(u) + "/" + r.json().get("id").asText());
    return r.json();
  }

  static String entries(TestApi.User u, JsonNode category) {
    return categories(u) + "/" + category.get("id").asText() + "/entries";
  }

  static JsonNode log(TestApi.User u, JsonNode category, String body) {
    var r = api.post(entries(u, category), u.token(), body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json();
  }

  static JsonNode event(TestApi.User u, JsonNode entry) {
    return api.get("/v1/users/" + u.id() + "/events/" + entry.get("event_id").asText(), u.token()).json();
  }

  @Test
  void an_entry_checked_against_its_categorys_fields_is_a_tracker_event_of_that_category() {
    var u = api.newUser("Europe/Berlin");
    JsonNode bp = category(u, BLOOD_PRESSURE);
    assertThat(bp.get("active").asBoolean()).isTrue();
    assertThat(bp.get("fields")).hasSize(7);
    assertThat(bp.get("fields").get(0)).isEqualTo(Json.read(
        "{\"name\":\"systolic\",\"type\":\"integer\",\"required\":true,\"min\":60,\"max\":260,\"unit\":\"mmHg\"}"));

    JsonNode entry = log(u, bp, """
        {"occurred_at":"2024-03-11T07:30:00+01:00","notes":"morning",
         "data":{"systolic":121,"diastolic":79,"heart_rate":64,"arm":"left","after_coffee":false,"comment":"calm","weight_kg":71.5}}""");
    assertThat(entry.get("category_id")).isEqualTo(bp.get("id"));
    JsonNode event = event(u, entry);
    assertThat(event.get("type").asText()).isEqualTo("tracker");
    assertThat(event.get("subtype").asText()).isEqualTo("Blood Pressure");
    assertThat(event.get("occurred_at").asText()).isEqualTo("2024-03-11T06:30:00Z");
    assertThat(event.get("source_table").asText()).isEqualTo("tracking_entries");
    assertThat(event.get("data")).isEqualTo(Json.read("""
        {"category_id":"%s","category_name":"Blood Pressure","notes":"morning",
         "data":{"systolic":121,"diastolic":79,"heart_rate":64,"arm":"left","after_coffee":false,"comment":"calm","weight_kg":71.5}}"""
        .formatted(bp.get("id").asText())));

    JsonNode water = category(u, "{\"name\":\"Water\",\"fields\":[{\"name\":\"glasses\",\"type\":\"integer\",\"required\":true,\"min\":0,\"max\":30}]}");
    JsonNode glasses = log(u, water, "{\"data\":{\"glasses\":8}}");
    assertThat(event(u, glasses).get("data").get("data").get("glasses").asInt()).isEqualTo(8);
    assertThat(api.get(categories(u), u.token()).json().get("items")).extracting(c -> c.get("name").asText())
        .containsExactly("Blood Pressure", "Water");
  }

  @Test
  void renaming_a_category_keeps_its_entries_and_gives_their_events_the_new_name() {
    var u = api.newUser();
    JsonNode water = category(u, "{\"name\":\"Water\",\"fields\":[{\"name\":\"glasses\",\"type\":\"integer\"}]}");
    JsonNode first = log(u, water, "{\"occurred_at\":\"2024-03-10T09:00:00Z\",\"data\":{\"glasses\":3}}");
    JsonNode second = log(u, water, "{\"occurred_at\":\"2024-03-10T15:00:00Z\",\"data\":{\"glasses\":5}}");

    var r = api.patch(categories(u) + "/" + water.get("id").asText(), u.token(), "{\"name\":\"Hydration\"}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("name").asText()).isEqualTo("Hydration");
    assertThat(r.json().get("fields")).isEqualTo(water.get("fields"));

    var listed = api.get(entries(u, water), u.token()).json().get("items");
    assertThat(listed).extracting(e -> e.get("id").asText()).containsExactly(second.get("id").asText(), first.get("id").asText());
    for (JsonNode entry : new JsonNode[] {first, second}) {
      JsonNode event = event(u, entry);
      assertThat(event.get("version").asInt()).isEqualTo(2);
      assertThat(event.get("subtype").asText()).isEqualTo("Hydration");
      assertThat(event.get("data").get("category_name").asText()).isEqualTo("Hydration");
    }
  }

  @Test
  void a_deactivated_category_keeps_its_entries_refuses_new_ones_and_can_be_reactivated() {
    var u = api.newUser();
    JsonNode mood = category(u, "{\"name\":\"Energy\",\"fields\":[{\"name\":\"level\",\"type\":\"choice\",\"choices\":[\"low\",\"ok\",\"high\"]}]}");
    log(u, mood, "{\"data\":{\"level\":\"ok\"}}");
    String path = categories(u) + "/" + mood.get("id").asText();
    assertThat(api.patch(path, u.token(), "{\"active\":false}").json().get("active").asBoolean()).isFalse();

    refused(api, 409, "categoryId", () -> api.post(entries(u, mood), u.token(), "{\"data\":{\"level\":\"high\"}}"));
    assertThat(api.get(entries(u, mood), u.token()).json().get("items")).hasSize(1);
    assertThat(api.get(categories(u) + "?active=false", u.token()).json().get("items")).hasSize(1);
    assertThat(api.get(categories(u) + "?active=true", u.token()).json().get("items")).isEmpty();

    api.patch(path, u.token(), "{\"active\":true,\"schedule\":{\"type\":\"daily\",\"time\":\"09:00\"}}");
    log(u, mood, "{\"data\":{\"level\":\"high\"}}");
    assertThat(api.get(path, u.token()).json().get("schedule").get("time").asText()).isEqualTo("09:00");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      data.systolic     | {"data":{"systolic":300,"diastolic":80}}
      data.systolic     | {"data":{"systolic":59,"diastolic":80}}
      data.systolic     | {"data":{"systolic":"120","diastolic":80}}
      data.systolic     | {"data":{"systolic":120.5,"diastolic":80}}
      data.systolic     | {"data":{"diastolic":80}}
      data.diastolic    | {"data":{"systolic":120,"diastolic":null}}
      data.pulse        | {"data":{"systolic":120,"diastolic":80,"pulse":60}}
      data.arm          | {"data":{"systolic":120,"diastolic":80,"arm":"both"}}
      data.after_coffee | {"data":{"systolic":120,"diastolic":80,"after_coffee":"yes"}}
      data.comment      | {"data":{"systolic":120,"diastolic":80,"comment":"a very long comment indeed"}}
      data.comment      | {"data":{"systolic":120,"diastolic":80,"comment":7}}
      data.weight_kg    | {"data":{"systolic":120,"diastolic":80,"weight_kg":20}}
      data              | {"data":[120,80]}
      data              | {"notes":"forgot the values"}
      notes             | {"data":{"systolic":120,"diastolic":80},"notes":""}
      occurred_at       | {"data":{"systolic":120,"diastolic":80},"occurred_at":"this morning"}
      value             | {"data":{"systolic":120,"diastolic":80},"value":1}
      """)
  void an_entry_that_breaks_its_categorys_fields_is_refused_naming_the_field(String field, String body) {
    var u = api.newUser();
    JsonNode bp = category(u, BLOOD_PRESSURE);
    refused(api, 400, field, () -> api.post(entries(u, bp), u.token(), body));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      name                 | {"fields":[{"name":"glasses","type":"integer"}]}
      name                 | {"name":"","fields":[{"name":"glasses","type":"integer"}]}
      fields               | {"name":"Water"}
      fields               | {"name":"Water","fields":[]}
      fields[0]            | {"name":"Water","fields":["glasses"]}
      fields[0].type       | {"name":"Water","fields":[{"name":"glasses","type":"float"}]}
      fields[0].type       | {"name":"Water","fields":[{"name":"glasses"}]}
      fields[0].name       | {"name":"Water","fields":[{"type":"integer"}]}
      fields[0].name       | {"name":"Water","fields":[{"name":"2 glasses","type":"integer"}]}
      fields[1].name       | {"name":"Water","fields":[{"name":"glasses","type":"integer"},{"name":"glasses","type":"text"}]}
      fields[0].max        | {"name":"Water","fields":[{"name":"glasses","type":"integer","min":10,"max":5}]}
      fields[0].min        | {"name":"Water","fields":[{"name":"glasses","type":"integer","min":0.5}]}
      fields[0].min        | {"name":"Water","fields":[{"name":"done","type":"boolean","min":0}]}
      fields[0].choices    | {"name":"Water","fields":[{"name":"kind","type":"choice"}]}
      fields[0].choices    | {"name":"Water","fields":[{"name":"kind","type":"choice","choices":["tap","tap"]}]}
      fields[0].choices    | {"name":"Water","fields":[{"name":"kind","type":"text","choices":["tap"]}]}
      fields[0].max_length | {"name":"Water","fields":[{"name":"glasses","type":"integer","max_length":5}]}
      fields[0].required   | {"name":"Water","fields":[{"name":"glasses","type":"integer","required":"yes"}]}
      fields[0].colour     | {"name":"Water","fields":[{"name":"glasses","type":"integer","colour":"blue"}]}
      schedule             | {"name":"Water","fields":[{"name":"glasses","type":"integer"}],"schedule":"daily"}
      active               | {"name":"Water","fields":[{"name":"glasses","type":"integer"}],"active":true}
      """)
  void a_bad_category_is_refused_naming_the_field(String field, String body) {
    var u = api.newUser();
    refused(api, 400, field, () -> api.post(categories(u), u.token(), body));
  }

  @Test
  void a_category_name_is_the_users_once_and_an_unknown_category_is_a_404_naming_category_id() {
    var u = api.newUser();
    JsonNode water = category(u, "{\"name\":\"Water\",\"fields\":[{\"name\":\"glasses\",\"type\":\"integer\"}]}");
    JsonNode tea = category(u, "{\"name\":\"Tea\",\"fields\":[{\"name\":\"cups\",\"type\":\"integer\"}]}");
    refused(api, 409, "name", () -> api.post(categories(u), u.token(), "{\"name\":\"Water\",\"fields\":[{\"name\":\"l\",\"type\":\"number\"}]}"));
    refused(api, 409, "name", () -> api.patch(categories(u) + "/" + tea.get("id").asText(), u.token(), "{\"name\":\"Water\"}"));
    // Another user may have a Water of their own.
    var other = api.newUser();
    category(other, "{\"name\":\"Water\",\"fields\":[{\"name\":\"glasses\",\"type\":\"integer\"}]}");

    String unknown = categories(u) + "/" + UUID.randomUUID();
    refused(api, 404, "categoryId", () -> api.post(unknown + "/entries", u.token(), "{\"data\":{\"glasses\":1}}"));
    refused(api, 404, "categoryId", () -> api.get(unknown + "/entries", u.token()));
    refused(api, 404, "categoryId", () -> api.get(unknown, u.token()));
    refused(api, 404, "categoryId", () -> api.patch(unknown, u.token(), "{\"active\":false}"));
    refused(api, 404, "categoryId", () -> api.post(categories(other) + "/" + water.get("id").asText() + "/entries",
        other.token(), "{\"data\":{\"glasses\":1}}"));
    refused(api, 400, "categoryId", () -> api.get(categories(u) + "/water", u.token()));
    refused(api, 404, "userId", () -> api.get("/v1/users/" + UUID.randomUUID() + "/tracking-categories", api.serviceToken));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', textBlock = """
      fields   | {"fields":[{"name":"litres","type":"number"}]}
      name     | {"name":null}
      name     | {"name":""}
      active   | {"active":"no"}
      active   | {"active":null}
      schedule | {"schedule":[]}
      body     | {}
      colour   | {"colour":"blue"}
      """)
  void a_bad_change_of_a_category_is_refused_naming_the_field(String field, String body) {
    var u = api.newUser();
    JsonNode water = category(u, "{\"name\":\"Water\",\"fields\":[{\"name\":\"glasses\",\"type\":\"integer\"}]}");
    refused(api, 400, field, () -> api.patch(categories(u) + "/" + water.get("id").asText(), u.token(), body));
  }

  @Test
  void a_bad_list_query_is_refused_naming_the_parameter() {
    var u = api.newUser();
    JsonNode water = category(u, "{\"name\":\"Water\",\"fields\":[{\"name\":\"glasses\",\"type\":\"integer\"}]}");
    refused(api, 400, "active", () -> api.get(categories(u) + "?active=maybe", u.token()));
    refused(api, 400, "limit", () -> api.get(entries(u, water) + "?limit=0", u.token()));
  }
}
