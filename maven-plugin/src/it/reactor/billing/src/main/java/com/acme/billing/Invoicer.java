package com.acme.billing;

import com.acme.core.Connections;
import org.apache.commons.pool2.impl.GenericObjectPool;

public class Invoicer {
  private final Connections connections = new Connections();

  void stop(Process printer, GenericObjectPool<String> pool) {
    connections.pool(pool).close();
    printer.destroyForcibly(); // expect: ForcedTermination
  }
}
