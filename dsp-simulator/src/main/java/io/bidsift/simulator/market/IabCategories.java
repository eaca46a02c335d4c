package io.bidsift.simulator.market;

/** The IAB Content Taxonomy 1.0 shape: how many subcategories each top-level category has. */
final class IabCategories {

  /** Index n − 1 holds the number of subcategories of IABn (IAB24, "Uncategorized", has none). */
  private static final int[] SUBCATEGORIES = {7, 23, 12, 11, 15, 9, 45, 18, 31, 9, 5, 3, 12, 8, 10, 7, 44, 6, 36,
      27, 3, 4, 10, 0, 7, 4};

  private IabCategories() {
  }

  /** Subcategory count of a top-level code such as {@code IAB19}. */
  static int subcategories(String topLevel) {
    return SUBCATEGORIES[Integer.parseInt(topLevel.substring(3)) - 1];
  }
}
