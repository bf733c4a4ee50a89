package org.healthtimeline.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the demo people eat: everyday foods with a usual portion and its energy and macros (rounded from
 * USDA FoodData Central figures; protein, carbs and fat in tenths of a gram so that sums stay exact), and
 * how they are put together into meals of one to four foods.
 */
final class Menu {
  /** One portion of a food. Calories in kcal; macros in tenths of a gram. */
  record Food(String name, String quantity, int calories, int protein10, int carbs10, int fat10) {}

  /** The foods of one meal and their sums, which are the meal's totals. */
  record Plate(List<Food> foods, int calories, int protein10, int carbs10, int fat10) {
    static Plate of(List<Food> foods) {
      int kcal = 0, p = 0, c = 0, f = 0;
      for (Food food : foods) {
        kcal += food.calories();
        p += food.protein10();
        c += food.carbs10();
        f += food.fat10();
      }
      return new Plate(List.copyOf(foods), kcal, p, c, f);
    }

    int carbsGrams() {
      return carbs10 / 10;
    }
  }

  private static final List<Food> BREAKFAST = List.of(
      new Food("Rolled oats cooked with milk", "250g", 265, 110, 400, 70),
      new Food("Scrambled eggs", "2 eggs", 200, 135, 20, 150),
      new Food("Wholegrain toast with butter", "2 slices", 250, 80, 300, 110),
      new Food("Greek yogurt, plain", "170g", 165, 155, 60, 85),
      new Food("Granola with milk", "60g + 150ml", 330, 110, 460, 120),
      new Food("Croissant", "1 piece", 230, 47, 260, 120),
      new Food("Avocado toast", "1 slice", 240, 60, 220, 150));
  private static final List<Food> BREAKFAST_SIDES = List.of(
      new Food("Coffee with milk", "250ml", 40, 20, 30, 20),
      new Food("Orange juice", "200ml", 90, 14, 208, 4),
      new Food("Banana", "1 medium", 105, 13, 270, 4),
      new Food("Blueberries", "100g", 57, 7, 145, 3),
      new Food("Green tea", "250ml", 2, 0, 3, 0));
  private static final List<Food> LUNCH = List.of(
      new Food("Turkey and cheese sandwich", "1 sandwich", 420, 280, 380, 170),
      new Food("Lentil soup", "350ml", 230, 140, 340, 40),
      new Food("Tuna salad wrap", "1 wrap", 390, 270, 360, 150),
      new Food("Quinoa bowl with vegetables", "300g", 420, 140, 620, 130),
      new Food("Salmon sushi rolls", "8 pieces", 380, 160, 600, 80),
      new Food("Grilled chicken breast", "150g", 248, 465, 0, 54),
      new Food("Caesar salad with chicken", "300g", 440, 320, 160, 280));
  private static final List<Food> LUNCH_SIDES = List.of(
      new Food("Mixed green salad with vinaigrette", "150g", 120, 20, 80, 90),
      new Food("Brown rice", "150g", 165, 38, 345, 13),
      new Food("Apple", "1 medium", 95, 5, 250, 3),
      new Food("Hummus with carrot sticks", "120g", 180, 60, 180, 95),
      new Food("Sparkling water", "500ml", 0, 0, 0, 0));
  private static final List<Food> DINNER = List.of(
      new Food("Baked salmon", "150g", 310, 330, 0, 195),
      new Food("Chicken stir-fry with vegetables", "350g", 420, 350, 220, 210),
      new Food("Beef chili", "350g", 450, 320, 300, 220),
      new Food("Tofu curry", "350g", 430, 180, 280, 270),
      new Food("Grilled steak", "180g", 460, 500, 0, 290),
      new Food("Shakshuka", "2 eggs + sauce", 320, 180, 180, 200));
  private static final List<Food> DINNER_SIDES = List.of(
      new Food("Roasted vegetables", "200g", 150, 40, 180, 75),
      new Food("Steamed broccoli", "150g", 52, 42, 105, 6),
      new Food("Baked sweet potato", "200g", 180, 40, 414, 3),
      new Food("Side salad", "100g", 80, 15, 50, 60),
      new Food("Wholegrain bread", "1 slice", 80, 40, 140, 10));
  /** Dinners rich in starch and sugar: the late ones among them are what the sleep pattern hangs on. */
  private static final List<Food> CARB_DINNER = List.of(
      new Food("Spaghetti bolognese", "400g", 620, 280, 820, 190),
      new Food("Pepperoni pizza", "3 slices", 890, 360, 960, 390),
      new Food("Pad thai", "400g", 680, 240, 960, 220),
      new Food("Mac and cheese", "350g", 620, 220, 720, 260),
      new Food("Chicken burrito", "1 burrito", 720, 360, 880, 240));
  private static final List<Food> CARB_EXTRAS = List.of(
      new Food("Garlic bread", "2 slices", 280, 60, 340, 130),
      new Food("Chocolate ice cream", "150g", 320, 55, 380, 165),
      new Food("Cola", "330ml", 140, 0, 350, 0),
      new Food("Side salad", "100g", 80, 15, 50, 60));
  private static final List<Food> SNACKS = List.of(
      new Food("Almonds", "30g", 173, 64, 65, 149),
      new Food("Protein bar", "1 bar", 210, 200, 200, 60),
      new Food("Dark chocolate", "25g", 150, 20, 115, 105),
      new Food("Apple", "1 medium", 95, 5, 250, 3),
      new Food("Rice cakes with peanut butter", "2 cakes", 190, 60, 160, 110),
      new Food("Cappuccino", "200ml", 90, 50, 70, 45));

  private Menu() {}

  static Plate breakfast(SplittableRandom r) {
    return plate(r, BREAKFAST, BREAKFAST_SIDES, 0, 2);
  }

  static Plate lunch(SplittableRandom r) {
    return plate(r, LUNCH, LUNCH_SIDES, 0, 2);
  }

  static Plate dinner(SplittableRandom r, boolean carbHeavy) {
    return carbHeavy ? plate(r, CARB_DINNER, CARB_EXTRAS, 0, 2) : plate(r, DINNER, DINNER_SIDES, 1, 2);
  }

  static Plate snack(SplittableRandom r) {
    return plate(r, SNACKS, SNACKS, 0, 1);
  }

  /** One main and between {@code minSides} and {@code maxSides} different sides. */
  private static Plate plate(SplittableRandom r, List<Food> mains, List<Food> sides, int minSides, int maxSides) {
    var foods = new ArrayList<Food>(1 + maxSides);
    foods.add(mains.get(r.nextInt(mains.size())));
    int n = minSides + r.nextInt(maxSides - minSides + 1);
    for (int i = 0; i < n; i++) {
      Food side = sides.get(r.nextInt(sides.size()));
      if (!foods.contains(side)) foods.add(side);
    }
    return Plate.of(foods);
  }
}
