package dev.mailcheck.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-user limit over a sliding window, with the clock in the test's hand. */
class UserRateLimitTest {
  private final Clock clock = mock(Clock.class);
  private final UserRateLimit limit = new UserRateLimit(2, Duration.ofMinutes(1), clock);

  @Test
  void theThirdRunInAWindowIsRefusedWithTheWaitUntilTheOldestLeavesIt() {
    when(clock.millis()).thenReturn(0L, 10_000L, 15_000L);
    assertNull(limit.tryAcquire("U1"));
    assertNull(limit.tryAcquire("U1"));
    assertEquals(Duration.ofSeconds(45), limit.tryAcquire("U1"));
  }

  @Test
  void runsOlderThanTheWindowNoLongerCountAndUsersAreCountedApart() {
    when(clock.millis()).thenReturn(0L, 1_000L, 2_000L, 60_000L);
    assertNull(limit.tryAcquire("U1"));
    assertNull(limit.tryAcquire("U1"));
    assertNull(limit.tryAcquire("U2"), "another user has a limit of their own");
    assertNull(limit.tryAcquire("U1"), "the first run left the window at 60 s");
  }

  @Test
  void aReleasedRunDoesNotCount() {
    when(clock.millis()).thenReturn(0L, 1_000L, 2_000L);
    assertNull(limit.tryAcquire("U1"));
    assertNull(limit.tryAcquire("U1"));
    limit.release("U1");
    assertNull(limit.tryAcquire("U1"));
  }
}
