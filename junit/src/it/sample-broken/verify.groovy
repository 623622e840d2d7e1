// The broken sample service's shutdown tests fail, each for the mistakes of the broken twin that
// a running service shows. (The rules find these and more at compile time.)
def report = { String test ->
  def file = new File(basedir, "target/surefire-reports/com.example.summarizer.${test}.txt")
  assert file.isFile() : "no report of ${test}"
  file.getText('UTF-8')
}

def shutdown = report('SummarizerShutdownTest')
assert shutdown.contains('Tests run: 1, Failures: 1')
[
  // stop() never shuts the request pool down (ExecutorNeverShutdown) ...
  'executor SummarizerApp.requestThreads (ThreadPoolExecutor) is not terminated after the shutdown: nothing shut it down',
  // ... and shuts the ingest pool down without waiting (ShutdownWithoutAwaitTermination), while its
  // workers swallow interrupts in an endless loop (InterruptNotRestored, UncancellableWorkerLoop).
  'executor SummarizerApp.ingest.workers (ThreadPoolExecutor) is not terminated after the shutdown: it was shut down, but 4 tasks are still running 2s later',
  'at com.example.summarizer.IngestWorkers.work(IngestWorkers.java:',
  'at com.example.summarizer.IngestWorkers.start(line ',
  // The audit log and the model file stay open (IncompleteShutdown).
  '/audit.log',
  '/model.bin',
].each { expected ->
  assert shutdown.contains(expected) : "the shutdown test's failure should say: ${expected}\n${shutdown}"
}
def leakedWorkers = (shutdown =~ /thread "pool-\d+-thread-\d+" is still alive 2s after the shutdown \(non-daemon, WAITING\)/).size()
assert leakedWorkers == 4 : "the four ingest workers should be listed, not ${leakedWorkers}:\n${shutdown}"

def sigterm = report('SummarizerSigtermTest')
assert sigterm.contains('Tests run: 1, Failures: 1')
[
  // System.exit in the shutdown hook waits for the hooks to end, among them itself (ExitInShutdownHook).
  'SummarizerApp (in a child JVM) did not exit within the budget of 10s after SIGTERM, so it was killed (SIGKILL). Its threads at the deadline:',
  'held by "SIGTERM handler"',
  'at java.lang.System.exit(System.java:',
  'at com.example.summarizer.SummarizerApp.lambda$main$0(SummarizerApp.java:',
].each { expected ->
  assert sigterm.contains(expected) : "the SIGTERM test's failure should say: ${expected}\n${sigterm}"
}
true
