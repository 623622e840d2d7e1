import groovy.json.JsonSlurper

def lib = evaluate(new File(basedir, '../../../src/it/lib/expectations.groovy'))
def slurp = { String path -> new JsonSlurper().parse(new File(basedir, path)) }

// Each module: its own SARIF, its own category, URIs relative to the repository root.
['module-a', 'module-b'].each { module ->
  def log = slurp("${module}/target/shutdown-check.sarif")
  assert log.runs.size() == 1
  assert log.runs[0].automationDetails.id == "shutdown-check/${module}/"
  def uris = log.runs[0].results*.locations*.getAt(0)*.physicalLocation*.artifactLocation*.uri
  assert uris.every { it.startsWith("${module}/src/") } : uris
  lib.assertSame(lib.expected(new File(basedir, "${module}/src/main/java")),
      lib.reported(new File(basedir, "${module}/target/shutdown-check.sarif")).findAll { !it.startsWith("${module}/") }, module)
}
// module-b sets includeTests: its test code is reported too; module-a's is not analysed.
def bUris = slurp('module-b/target/shutdown-check.sarif').runs[0].results*.locations*.getAt(0)*.physicalLocation*.artifactLocation*.uri
assert bUris.contains('module-b/src/test/java/b/StuckProcessSimulator.java') : bUris

// Columns count UTF-16 units from the line start, a tab as one (javac would say 9).
def a = slurp('module-a/target/shutdown-check.sarif').runs[0].results[0].locations[0].physicalLocation.region
assert a.startColumn == 2 : a
def b = slurp('module-b/target/shutdown-check.sarif').runs[0].results[0].locations[0].physicalLocation.region
assert b.startColumn == 13 : b

// The execution root: one merged run with every module's results and one category.
def merged = slurp('target/shutdown-check-merged.sarif')
assert merged.runs.size() == 1
assert merged.runs[0].automationDetails.id == 'shutdown-check/'
def mergedUris = merged.runs[0].results*.locations*.getAt(0)*.physicalLocation*.artifactLocation*.uri
assert mergedUris == ['module-a/src/main/java/a/Sidecar.java', 'module-b/src/main/java/b/Watchdog.java',
                      'module-b/src/test/java/b/StuckProcessSimulator.java'] : mergedUris
assert !new File(basedir, 'target/shutdown-check.sarif').exists() : 'the root has no sources to report'

def build = new File(basedir, 'build.log').text
assert build.contains('shutdown-check: no Java sources in multi-module, skipped')
assert build.contains('merged SARIF')
assert build.contains('module-a/src/main/java/a/Sidecar.java:12:2: [ForcedTermination]')
true
