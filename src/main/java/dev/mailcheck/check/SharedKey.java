package dev.mailcheck.check;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A result several checks of one run need, computed once per run by whichever check asks first
 * ({@link CheckContext#get}). The key carries its type and its computation, so no caller casts and
 * no two callers can compute the same thing differently. Keys compare by identity.
 *
 * @param <T> what the computation yields
 */
public final class SharedKey<T> {
  private final String name;
  private final Function<CheckContext, CompletableFuture<T>> compute;

  private SharedKey(String name, Function<CheckContext, CompletableFuture<T>> compute) {
    this.name = name;
    this.compute = compute;
  }

  /** A key; declare it once, as a {@code static final} field next to its computation. */
  public static <T> SharedKey<T> of(String name, Function<CheckContext, CompletableFuture<T>> compute) {
    return new SharedKey<>(name, compute);
  }

  CompletableFuture<T> compute(CheckContext ctx) {
    return compute.apply(ctx);
  }

  @Override
  public String toString() {
    return name;
  }
}
