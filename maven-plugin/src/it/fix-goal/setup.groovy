// The fix rewrites sources: work on a copy of the broken sample service, never on the original.
def lib = evaluate(new File(basedir, '../../../src/it/lib/expectations.groovy'))
lib.copyTree(new File(basedir, '../../../../test-fixtures/broken/src/main/java').canonicalFile,
    new File(basedir, 'src/main/java'))
