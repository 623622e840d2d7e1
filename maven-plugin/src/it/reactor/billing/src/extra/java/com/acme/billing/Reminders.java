package com.acme.billing;

public class Reminders {
  void halt() {
    Runtime.getRuntime().halt(1); // expect: ForcedTermination
  }
}
