// Standalone mode compiled with the module's own flags (-source/-target 11, -parameters), not
// --release 11, under which HexFormat does not exist; -Werror and -Xlint were left out.
def lib = evaluate(new File(basedir, '../../../src/it/lib/expectations.groovy'))
def build = new File(basedir, 'build.log').text
assert !build.contains('could not compile') : 'standalone mode did not compile as the module does'
assert lib.reported(new File(basedir, 'target/shutdown-check.sarif')) == ['app/Digests.java:11:ForcedTermination'] as Set
def args = new File(basedir, 'target/shutdown-check/classes.javac-args').text
assert args.contains('"-source"\n"11"\n"-target"\n"11"') && !args.contains('--release') : args
assert args.contains('"-parameters"') && !args.contains('-Werror') : args
assert build =~ /shutdown-check: compiling 1 source file of standalone-compiler-flags with Error Prone \S+ and the checker \(standalone mode\)/
true
