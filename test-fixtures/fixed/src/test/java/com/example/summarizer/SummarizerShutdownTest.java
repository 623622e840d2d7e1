package com.example.summarizer;

import dev.shutdowncheck.junit.ShutdownUnderTest;
import dev.shutdowncheck.junit.VerifyShutdown;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test the shutdown: close() stops every thread and executor the service started, closes every
 * file it opened, and takes less than the budget.
 */
@VerifyShutdown(
    budget = "15s",
    // Java 17's HttpClient has no close() (Java 21's has): its selector thread, and the epoll and
    // eventfd descriptors that thread holds, live until the client is garbage collected.
    ignoreThreads = "HttpClient-\\d+-SelectorManager",
    ignoreFiles = "anon_inode:\\[(eventpoll|eventfd)\\]")
class SummarizerShutdownTest {

  @TempDir Path directory;

  @ShutdownUnderTest SummarizerApp app;

  @Test
  void shutdownStopsEverythingTheServiceStarted() throws IOException {
    app = new SummarizerApp(Sandbox.in(directory).config());
    app.start();
  }
}
