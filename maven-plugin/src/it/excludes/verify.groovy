def lib = evaluate(new File(basedir, '../../../src/it/lib/expectations.groovy'))
def sources = new File(basedir, '../../../../test-fixtures/broken/src/main/java').canonicalFile
def expected = lib.expected(sources).findAll {
  !it.startsWith('com/example/summarizer/SummarizerApp.java:') && !it.startsWith('com/example/summarizer/LlmClient.java:')
} as Set
assert expected.size() < lib.expected(sources).size()
lib.assertSame(expected, lib.reported(new File(basedir, 'target/shutdown-check.sarif')), 'SARIF without the excluded files')
true
