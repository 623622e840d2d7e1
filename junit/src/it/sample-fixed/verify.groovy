// The fixed sample service passes its shutdown tests: in this JVM, and on SIGTERM in a child JVM.
['SummarizerShutdownTest', 'SummarizerSigtermTest'].each { test ->
  def file = new File(basedir, "target/surefire-reports/com.example.summarizer.${test}.txt")
  assert file.isFile() : "no report of ${test}"
  def text = file.getText('UTF-8')
  assert text.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0') : text
}
true
