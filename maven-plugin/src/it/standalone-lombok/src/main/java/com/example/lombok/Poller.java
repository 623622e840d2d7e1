package com.example.lombok;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import lombok.Getter;
import lombok.RequiredArgsConstructor;

/** A poller whose constructor and getter Lombok writes: without Lombok, Inbox does not compile. */
@RequiredArgsConstructor
public class Poller {
  @Getter private final String name;
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  public void poll(Runnable task) {
    pool.submit(task);
  }
}

class Inbox {
  String describe() {
    return new Poller("inbox").getName();
  }
}
