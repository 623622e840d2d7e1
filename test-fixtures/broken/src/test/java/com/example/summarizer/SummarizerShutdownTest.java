package com.example.summarizer;

import dev.shutdowncheck.junit.ShutdownVerifier;
import dev.shutdowncheck.junit.VerifyShutdown;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Test the shutdown: stop() stops every thread and executor the service started, closes every
 * file it opened, and takes less than the budget. (It does not: this is the broken twin.)
 */
@VerifyShutdown(
    budget = "15s",
    // Java 17's HttpClient has no close() (Java 21's has): its selector thread, and the epoll and
    // eventfd descriptors that thread holds, live until the client is garbage collected.
    ignoreThreads = "HttpClient-\\d+-SelectorManager",
    ignoreFiles = "anon_inode:\\[(eventpoll|eventfd)\\]")
class SummarizerShutdownTest {

  @RegisterExtension final ShutdownVerifier shutdown = new ShutdownVerifier();

  @TempDir Path directory;

  @Test
  void shutdownStopsEverythingTheServiceStarted() throws IOException {
    SummarizerApp app = shutdown.register(new SummarizerApp(Sandbox.in(directory).config()), SummarizerApp::stop);
    app.start();
  }
}
