package org.healthtimeline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class ApiDocsTest {
  private static ObjectNode json(String text) {
    return (ObjectNode) Json.read(text);
  }

  @Test
  void a_feature_fragment_adds_its_tags_paths_and_components_to_the_document() {
    ObjectNode doc = json("""
        {"tags":[{"name":"events"}],"paths":{"/a":{}},"components":{"schemas":{"A":{}}}}""");
    ApiDocs.merge(doc, json("""
        {"tags":[{"name":"food"}],"paths":{"/b":{}},
         "components":{"schemas":{"B":{}},"parameters":{"mealId":{}}}}"""), "food");
    assertThat(doc.path("tags").findValuesAsText("name")).containsExactly("events", "food");
    assertThat(doc.path("paths").has("/a")).isTrue();
    assertThat(doc.path("paths").has("/b")).isTrue();
    assertThat(doc.path("components").path("schemas").has("A")).isTrue();
    assertThat(doc.path("components").path("schemas").has("B")).isTrue();
    assertThat(doc.path("components").path("parameters").has("mealId")).isTrue();
  }

  @Test
  void a_fragment_may_not_redefine_what_the_document_has() {
    ObjectNode doc = json("{\"paths\":{\"/a\":{}},\"components\":{\"schemas\":{\"A\":{}}}}");
    assertThatThrownBy(() -> ApiDocs.merge(doc, json("{\"components\":{\"schemas\":{\"A\":{}}}}"), "food"))
        .hasMessageContaining("openapi/food.json: components/schemas/A is already in the document");
    assertThatThrownBy(() -> ApiDocs.merge(doc, json("{\"paths\":{\"/a\":{}}}"), "sleep"))
        .hasMessageContaining("openapi/sleep.json: paths//a");
    assertThatThrownBy(() -> ApiDocs.merge(doc, json("{\"info\":{}}"), "x")).hasMessageContaining("'info'");
  }
}
