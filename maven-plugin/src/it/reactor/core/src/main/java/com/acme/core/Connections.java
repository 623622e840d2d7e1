package com.acme.core;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.pool2.impl.GenericObjectPool;

/** Hands out pooled connections; billing uses its pool type, which only core depends on. */
public class Connections {
  private final ExecutorService evictor = Executors.newSingleThreadExecutor(); // expect: ExecutorNeverShutdown

  public <T> GenericObjectPool<T> pool(GenericObjectPool<T> pool) {
    evictor.submit(pool::clear);
    return pool;
  }
}
