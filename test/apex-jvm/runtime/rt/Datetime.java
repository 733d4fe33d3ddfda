package rt;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Apex's Datetime: an instant in milliseconds. With no org there is no user time zone; the runtime uses
 * GMT wherever Apex would use the context user's zone (String.valueOf, format).
 */
public final class Datetime {
  private final long millis;

  private Datetime(long millis) {
    this.millis = millis;
  }

  public static Datetime now() {
    return new Datetime(System.currentTimeMillis());
  }

  public static Datetime newInstance(Long millis) {
    return new Datetime(Apex.notNull(millis));
  }

  /** newInstanceGmt(year, month, day, hour, minute, second): that moment in GMT. */
  public static Datetime newInstanceGmt(Integer year, Integer month, Integer day, Integer hour, Integer minute, Integer second) {
    return new Datetime(java.time.LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  /** ISO 8601 with a zone ("2025-01-15T10:00:00Z", "...+01:00"), as JSON gives a Datetime. */
  public static Datetime parseIso(String text) {
    try {
      return new Datetime(OffsetDateTime.parse(text).toInstant().toEpochMilli());
    } catch (DateTimeParseException invalid) {
      throw new JSONException("Cannot deserialize instance of datetime from VALUE_STRING value " + text);
    }
  }

  /** Datetime.valueOfGmt('yyyy-MM-dd HH:mm:ss'). */
  public static Datetime valueOfGmt(String text) {
    try {
      return new Datetime(
          java.time.LocalDateTime.parse(text.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli());
    } catch (DateTimeParseException invalid) {
      throw new TypeException("Invalid date/time: " + text);
    }
  }

  public Datetime addDays(Integer days) {
    return new Datetime(millis + days * 86_400_000L);
  }

  public Datetime addHours(Integer hours) {
    return new Datetime(millis + hours * 3_600_000L);
  }

  public Datetime addMinutes(Integer minutes) {
    return new Datetime(millis + minutes * 60_000L);
  }

  public Datetime addSeconds(Integer seconds) {
    return new Datetime(millis + seconds * 1_000L);
  }

  public Long getTime() {
    return millis;
  }

  public String formatGmt(String pattern) {
    return DateTimeFormatter.ofPattern(pattern).format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Datetime && ((Datetime) other).millis == millis;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(millis);
  }

  /** String.valueOf(Datetime): "yyyy-MM-dd HH:mm:ss" (in GMT here, see the class comment). */
  @Override
  public String toString() {
    return formatGmt("yyyy-MM-dd HH:mm:ss");
  }
}
