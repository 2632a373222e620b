package cn.gridbot.handlers.directory;

/** A named person in the directory. {@link #toString()} masks the mobile number. */
public record Person(String name, String mobile) {
  /** The mobile number with its middle digits hidden, safe to log or show in a group. */
  public String maskedMobile() {
    if (mobile == null || mobile.length() < 7) {
      return "***";
    }
    return mobile.substring(0, 3) + "****" + mobile.substring(mobile.length() - 4);
  }

  @Override
  public String toString() {
    return "Person[" + name + ", " + maskedMobile() + "]";
  }
}
