package app;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

public class Pool {
  private final ExecutorService workers = Executors.newFixedThreadPool(2);

  public void drain() {
    workers.shutdownNow();
  }
}
