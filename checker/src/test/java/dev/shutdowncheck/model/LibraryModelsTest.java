package dev.shutdowncheck.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.CompilationTestHelper;
import dev.shutdowncheck.checks.IncompleteShutdown;
import dev.shutdowncheck.checks.UnreleasedResource;
import org.junit.jupiter.api.Test;

class LibraryModelsTest {

  @Test
  void theBuiltInLibrariesAndAUsersModelAreFoundWithServiceLoader() {
    assertTrue(LibraryModels.installed().contains("dev.shutdowncheck.model.library.JdkLifecycleModels"));
    assertTrue(LibraryModels.installed().contains("dev.shutdowncheck.model.library.GuavaLifecycleModels"));
    assertTrue(LibraryModels.installed().contains("dev.shutdowncheck.model.AcmeLifecycleModels"));
  }

  @Test
  void aUsersModelTeachesTheRulesALibraryWithoutARelease() {
    CompilationTestHelper.newInstance(UnreleasedResource.class, getClass())
        .addSourceLines(
            "com/acme/telephony/Connector.java",
            "package com.acme.telephony; public class Connector { public void hangUp() {} }")
        .addSourceLines(
            "CallRouter.java",
            """
            import com.acme.telephony.Connector;
            class CallRouter {
              // BUG: Diagnostic contains: `line` (Connector)
              private final Connector line = new Connector();
            }
            class HungUp {
              private final Connector line = new Connector();
              void end() { line.hangUp(); }
            }
            """)
        .doTest();
  }

  @Test
  void aUsersModelAddsShutdownCallbacks() {
    CompilationTestHelper.newInstance(IncompleteShutdown.class, getClass())
        .addSourceLines(
            "com/acme/telephony/Switchboard.java",
            "package com.acme.telephony; public interface Switchboard { void powerDown(); }")
        .addSourceLines(
            "Exchange.java",
            """
            import com.acme.telephony.Switchboard;
            import java.io.FileOutputStream;
            import java.io.IOException;
            class Exchange implements Switchboard {
              private final FileOutputStream log;
              // BUG: Diagnostic contains: powerDown() releases log but not `billing`
              private final FileOutputStream billing;
              Exchange() throws IOException {
                log = new FileOutputStream("calls.log");
                billing = new FileOutputStream("billing.log");
              }
              @Override public void powerDown() {
                try {
                  log.close();
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              }
            }
            """)
        .doTest();
  }

  @Test
  void namesReadOnlyWhereNoModelKnowsTheCode() {
    for (String release :
        new String[] {"close", "closeQuietly", "shutdownNow", "shutdownGracefully", "evictAll",
            "safeClose", "quietlyRelease", "disconnect", "end", "stopAsync", "releaseConnection"}) {
      assertTrue(NamingConventions.isReleaseName(release), release);
    }
    for (String other :
        new String[] {"isClosed", "closeFuture", "addShutdownHook", "getCloseTimeout", "onClose",
            "setStopped", "endSession", "wasStopped", "shutdownHook", "closeListener"}) {
      assertFalse(NamingConventions.isReleaseName(other), other);
    }
    for (String factory : new String[] {"newClient", "create", "openStream", "connect", "build"}) {
      assertTrue(NamingConventions.isCreatingName(factory), factory);
    }
    for (String getter : new String[] {"connection", "builder", "opened", "newsFeed", "createdAt"}) {
      assertFalse(NamingConventions.isCreatingName(getter), getter);
    }
    assertTrue(NamingConventions.isHandOffName("addListener"));
    assertFalse(NamingConventions.isHandOffName("address"));
    assertFalse(NamingConventions.isHandOffName("manager"));
  }
}
