// Each README setup as javac sees it, then the CLI; the SARIF must be the Maven plugin's, byte for
// byte. Then the CLI's fix on a copy of the service.
import groovy.json.JsonSlurper

def lib = evaluate(new File(basedir, '../../../src/it/lib/expectations.groovy'))
def sources = new File(basedir, '../../../../test-fixtures/broken/src/main/java').canonicalFile
def javac = new File(System.getProperty('java.home'), 'bin/javac').path
def java = new File(System.getProperty('java.home'), 'bin/java').path
def cli = new File(cliJar)
assert cli.isFile() : "no CLI jar at ${cli}: build the cli module first"

def root = basedir.canonicalFile
while (!new File(root, '.git').exists()) { root = root.parentFile }
def classpath = new File(basedir, 'target/classpath.txt').text.trim()
def processorPath = new File(basedir, 'target/processorpath.txt').text.trim()
assert processorPath.contains('error_prone_core') && processorPath.contains('shutdown-check')

// The --add-exports/--add-opens that Gradle's errorprone plugin (and Bazel's JavaBuilder) give
// the compiler's JVM on JDK 16+.
def jvmFlags = ['api', 'code', 'comp', 'file', 'main', 'model', 'parser', 'processing', 'tree', 'util']
    .collect { "-J--add-exports=jdk.compiler/com.sun.tools.javac.${it}=ALL-UNNAMED".toString() } +
    ['code', 'comp'].collect { "-J--add-opens=jdk.compiler/com.sun.tools.javac.${it}=ALL-UNNAMED".toString() }

def run = { List<String> command, File dir ->
  def process = new ProcessBuilder(command).directory(dir).redirectErrorStream(true).start()
  def output = process.inputStream.getText('UTF-8')
  process.waitFor()
  [process.exitValue(), output]
}
def javaFiles = { File dir ->
  def files = []
  dir.eachFileRecurse { if (it.name.endsWith('.java')) files << it.path }
  files.sort()
}

def setups = [
  // net.ltgt.errorprone: -Xplugin:ErrorProne with the options DSL's flags, -XDcompilePolicy=simple,
  // plus --should-stop from compilerArgs; Gradle's own -d/-s/-g/-sourcepath/-source/-target.
  gradle: { File work, File src ->
    def findings = new File(work, 'build/shutdown-check/compileJava')
    jvmFlags + ['-source', '17', '-target', '17', '-g', '-sourcepath', '', '-encoding', 'UTF-8',
      '-d', new File(work, 'build/classes/java/main').path,
      '-s', new File(work, 'build/generated/sources/annotationProcessor/java/main').path,
      '-classpath', classpath, '-processorpath', processorPath,
      '--should-stop=ifError=FLOW',
      "-Xplugin:ErrorProne -XepAllErrorsAsWarnings -XepOpt:ShutdownCheck:FindingsDir=${findings.path}".toString(),
      '-XDcompilePolicy=simple'] + javaFiles(src)
  },
  // Bazel: a java_plugin (no processor_class) puts the checker on the processor path; javacopts
  // carry the findings directory, one per target below one root.
  bazel: { File work, File src ->
    def findings = new File(work, 'shutdown-check-findings/app')
    jvmFlags + ['-source', '17', '-target', '17', '-encoding', 'UTF-8', '-parameters',
      '-d', new File(work, 'bazel-out/k8-fastbuild/bin/_javac/app/libapp_classes').path,
      '-classpath', classpath, '-processorpath', processorPath,
      '-XDcompilePolicy=simple', '--should-stop=ifError=FLOW',
      "-Xplugin:ErrorProne -XepAllErrorsAsWarnings -XepOpt:ShutdownCheck:FindingsDir=${findings.path}".toString()] +
      javaFiles(src)
  },
]
def findingsDirOf = [gradle: 'build/shutdown-check', bazel: 'shutdown-check-findings']

def mavenSarif = new File(basedir, 'target/shutdown-check.sarif')
def category = root.toPath().relativize(basedir.canonicalFile.toPath()).toString().replace('\\', '/')
setups.each { name, arguments ->
  def work = new File(basedir, "target/${name}")
  work.deleteDir()
  work.mkdirs()
  def (code, output) = run([javac] + arguments(work, sources), work)
  assert code == 0 : "${name}: javac failed:\n${output}"
  assert output.contains('[ForcedTermination]') : "${name}: the findings are compiler warnings too"
  def sarif = new File(work, 'shutdown-check.sarif')
  def (exit, report) = run([java, '-jar', cli.path, 'report', '--findings', findingsDirOf[name],
      '--sarif', sarif.path, '--root', root.path, '--category', category], work)
  assert exit == 1 : "${name}: the CLI exits 1 on findings:\n${report}"
  assert report.contains('[ERROR] ') && report.contains('.java:65:') : report
  assert sarif.bytes == mavenSarif.bytes : "${name}: the CLI's SARIF differs from the Maven plugin's (${sarif} vs ${mavenSarif})"
}

// The CLI's fix on a copy: the findings with a suggested fix are gone, the code still compiles.
def copy = new File(basedir, 'target/fix-copy/src/main/java')

lib.copyTree(sources, copy)
def fixCommand = [java, '-jar', cli.path, 'fix', '--sources', copy.path, '--classpath', classpath,
    '--javac-option', '-source', '--javac-option', '17', '--javac-option', '-target', '--javac-option', '17']
def (fixExit, fixOutput) = run(fixCommand, basedir)
assert fixExit == 0 : fixOutput
def fixed = fixOutput.readLines().findAll { it.startsWith('[INFO] fixed ') }
assert !fixed.isEmpty() : fixOutput
def withFixes = new JsonSlurper().parse(mavenSarif).runs[0].results.findAll { it.fixes != null }
assert fixed.size() == withFixes.size() : "${fixed} vs ${withFixes*.ruleId}"

def work = new File(basedir, 'target/fix-copy')
def (code, output) = run([javac] + setups.gradle(work, copy), work)
assert code == 0 : "the fixed copy does not compile:\n${output}"
def (exit, report) = run([java, '-jar', cli.path, 'report', '--findings', 'build/shutdown-check',
    '--sarif', 'after-fix.sarif'], work)
def after = new JsonSlurper().parse(new File(work, 'after-fix.sarif')).runs[0].results
assert after.every { it.fixes == null } : after.findAll { it.fixes != null }*.ruleId
assert after.size() == lib.expected(sources).size() - fixed.size()

def (again, againOutput) = run(fixCommand, basedir)
assert again == 0 && againOutput.contains('no suggested fix to apply') : againOutput
true
