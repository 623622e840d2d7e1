package app;

import java.util.HexFormat;

public class Digests {
  String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  void stop(Process helper) {
    helper.destroyForcibly(); // expect: ForcedTermination
  }
}
