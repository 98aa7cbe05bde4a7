package dev.mailcheck.playbook;

/**
 * A finding ID (and, for a particular case of it, its variant) as code refers to it. Kinds are
 * declared once, as {@code static final} fields of the class that reports them, and checked against
 * the finding catalog whenever a finding is made ({@link FindingFactory}); a test finds every such
 * field and proves each is in the catalog with English and Korean texts. No ID is built at run time.
 */
public record FindingKind(String id, String variant) {

  /** The usual wording of {@code id}. */
  public static FindingKind of(String id) {
    return new FindingKind(id, null);
  }

  /** The same ID worded for a particular case ({@code mx.missing} / {@code implicit}). */
  public FindingKind variant(String name) {
    if (variant != null) {
      throw new IllegalStateException(this + " is already a variant");
    }
    return new FindingKind(id, name);
  }

  /** The check an ID belongs to when a check reports its own: the part before the first dot. */
  public String ownCheck() {
    return id.substring(0, id.indexOf('.'));
  }

  @Override
  public String toString() {
    return variant == null ? id : id + " (" + variant + ")";
  }
}
