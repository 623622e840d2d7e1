// Shared by the ITs' verify scripts: what the sample service's markers expect, and what a run
// reported (its SARIF and its console lines). evaluate() returns this map of closures.
import groovy.json.JsonSlurper

// "// expect: RuleA, RuleB" at the end of a line: those rules report on that line.
def expected = { File sourceRoot ->
  def found = new TreeSet<String>()
  sourceRoot.eachFileRecurse { file ->
    if (!file.name.endsWith('.java')) return
    String path = sourceRoot.toPath().relativize(file.toPath()).toString().replace('\\', '/')
    file.readLines('UTF-8').eachWithIndex { line, i ->
      def marker = line =~ /\/\/ expect: ([A-Za-z, ]+)$/
      if (marker.find()) {
        marker.group(1).split(',')*.trim().findAll { it }.each { found << "${path}:${i + 1}:${it}".toString() }
      }
    }
  }
  found
}

// The results of a SARIF file as "path-below-src/main/java:line:rule".
def reported = { File sarif ->
  assert sarif.isFile() : "no SARIF at ${sarif}"
  def log = new JsonSlurper().parse(sarif)
  assert log.version == '2.1.0'
  assert log.runs.size() == 1
  def found = new TreeSet<String>()
  log.runs[0].results.each { r ->
    String uri = r.locations[0].physicalLocation.artifactLocation.uri
    assert !uri.startsWith('/') && !uri.contains('://') : "SARIF uri must be relative: ${uri}"
    String path = uri.contains('src/main/java/') ? uri.substring(uri.indexOf('src/main/java/') + 'src/main/java/'.length()) : uri
    found << "${path}:${r.locations[0].physicalLocation.region.startLine}:${r.ruleId}".toString()
  }
  found
}

// The console's finding lines: "path:line:column: [Rule] message".
def consoleFindings = { File buildLog ->
  buildLog.readLines('UTF-8').findAll { it =~ /^\[(WARNING|ERROR)\] \S+\.java:\d+:\d+: \[[A-Za-z]+\] / }
}

def assertSame = { Set expectedSet, Set actualSet, String what ->
  def missing = expectedSet - actualSet
  def extra = actualSet - expectedSet
  assert missing.isEmpty() && extra.isEmpty() :
      "${what}: missing ${missing}, unexpected ${extra}"
}

// The broken sample service: exactly the marked findings, in SARIF and on the console, and the
// advice printed with the failure.
def checkBroken = { File basedir, String mode ->
  def sources = new File(basedir.parentFile, '../../../test-fixtures/broken/src/main/java').canonicalFile
  def expectedSet = expected(sources)
  assert !expectedSet.isEmpty() : 'the broken sample service marks no findings'
  assertSame(expectedSet, reported(new File(basedir, 'target/shutdown-check.sarif')), 'SARIF')
  def buildLog = new File(basedir, 'build.log')
  // Several invocations append to one build.log: count distinct lines.
  def lines = consoleFindings(buildLog).unique()
  assert lines.size() == expectedSet.size() : "console lines: ${lines}"
  def text = buildLog.text
  assert text.contains("(${mode} mode)")
  assert text.contains('@SuppressWarnings("')
  assert text.contains('mvn shutdown-check:baseline')
  true
}

// The fixed sample service: a SARIF with every rule and an empty results array, no console findings.
def checkFixed = { File basedir, String mode ->
  def sarif = new File(basedir, 'target/shutdown-check.sarif')
  assert reported(sarif).isEmpty()
  def log = new JsonSlurper().parse(sarif)
  assert log.runs[0].results == [] : 'results must be present, and empty'
  assert log.runs[0].tool.driver.rules.size() >= 1
  def buildLog = new File(basedir, 'build.log')
  assert consoleFindings(buildLog).isEmpty()
  assert buildLog.text.contains("shutdown-check: no findings in ${basedir.name} (${mode} mode)")
  true
}

// standalone-lombok*: the module compiles only with Lombok, so the check must have run it as the
// module's build does, and then found the one executor that is never shut down.
def checkLombok = { File basedir ->
  def build = new File(basedir, 'build.log').text
  assert !build.contains('could not compile') : 'standalone mode did not run Lombok'
  assert build =~ /Poller\.java:12:\d+: \[ExecutorNeverShutdown\]/
  assert reported(new File(basedir, 'target/shutdown-check.sarif')) == ['com/example/lombok/Poller.java:12:ExecutorNeverShutdown'] as Set
  true
}

// A copy of a source tree, for the ITs that rewrite sources (fix): the sample service stays as it is.
def copyTree = { File from, File to ->
  to.deleteDir()
  java.nio.file.Files.walk(from.toPath()).withCloseable { paths ->
    paths.each { path ->
      def target = to.toPath().resolve(from.toPath().relativize(path).toString())
      if (java.nio.file.Files.isDirectory(path)) {
        java.nio.file.Files.createDirectories(target)
      } else {
        java.nio.file.Files.copy(path, target)
      }
    }
  }
  true
}

[expected: expected, copyTree: copyTree, reported: reported, consoleFindings: consoleFindings, assertSame: assertSame,
 checkBroken: checkBroken, checkFixed: checkFixed, checkLombok: checkLombok]
