package com.example.summarizer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shutdowncheck.junit.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kill -15, not kill -9: the service, started as it is in production, exits on SIGTERM well
 * within Kubernetes' grace period, and what it had accepted is not lost.
 */
class SummarizerSigtermTest {

  @TempDir Path directory;

  @Test
  void exitsOnSigtermInTimeAndKeepsTheAuditTrail() throws Exception {
    Sandbox sandbox = Sandbox.in(directory);

    ChildJvm.Exit exit = ChildJvm.forMain(SummarizerApp.class)
        .environment(sandbox.environment())
        .readyWhenListeningOn(sandbox.port())
        .onceReady(() -> sandbox.summarize("doc-42"))
        .budget("10s")
        .sigtermWhenReady();

    assertTrue(exit.outputAfterSigterm().contains("summarizer stopped"), exit.output().toString());
    assertTrue(Files.readString(sandbox.auditFile()).contains("doc-42"),
        "the audit line of the request served before SIGTERM was written out");
  }
}
