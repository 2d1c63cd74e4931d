package dev.rollback.decide;

/**
 * The value of a condition in three-valued (Kleene) logic: {@link #TRUE}, {@link #FALSE}, or {@link #UNKNOWN} when
 * data is missing (no CI runs at all, a baseline file that does not exist, too few samples). Missing data is never
 * silently true or false.
 *
 * <table>
 *   <caption>Kleene's rules</caption>
 *   <tr><th>a</th><th>b</th><th>a and b</th><th>a or b</th><th>not a</th></tr>
 *   <tr><td>TRUE</td><td>UNKNOWN</td><td>UNKNOWN</td><td>TRUE</td><td>FALSE</td></tr>
 *   <tr><td>FALSE</td><td>UNKNOWN</td><td>FALSE</td><td>UNKNOWN</td><td>TRUE</td></tr>
 *   <tr><td>UNKNOWN</td><td>UNKNOWN</td><td>UNKNOWN</td><td>UNKNOWN</td><td>UNKNOWN</td></tr>
 * </table>
 */
public enum Truth {
  /** The condition holds. */
  TRUE,
  /** The condition does not hold. */
  FALSE,
  /** The data to decide is missing. */
  UNKNOWN;

  /**
   * Kleene conjunction: false wins over unknown.
   *
   * @param other the other value
   * @return this and other
   */
  public Truth and(Truth other) {
    if (this == FALSE || other == FALSE) {
      return FALSE;
    }
    return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
  }

  /**
   * Kleene disjunction: true wins over unknown.
   *
   * @param other the other value
   * @return this or other
   */
  public Truth or(Truth other) {
    if (this == TRUE || other == TRUE) {
      return TRUE;
    }
    return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
  }

  /**
   * Kleene negation: unknown stays unknown.
   *
   * @return not this
   */
  public Truth not() {
    return this == TRUE ? FALSE : this == FALSE ? TRUE : UNKNOWN;
  }

  /**
   * The truth of a known boolean.
   *
   * @param value the boolean
   * @return {@link #TRUE} or {@link #FALSE}
   */
  public static Truth of(boolean value) {
    return value ? TRUE : FALSE;
  }
}
