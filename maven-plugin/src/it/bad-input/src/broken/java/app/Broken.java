package app;

public final class Broken {
  int value = "not a number";
}
