// What the Gradle and Bazel setups put on javac's processor path, Error Prone and the checker, as
// a project of its own that invocation 1 lists (nested poms are not filtered: the versions come
// from the script variables).
def pom = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>it.shutdowncheck</groupId>
  <artifactId>processor-path</artifactId>
  <version>1.0</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>com.google.errorprone</groupId>
      <artifactId>error_prone_core</artifactId>
      <version>${errorProneVersion}</version>
    </dependency>
    <dependency>
      <groupId>dev.shutdowncheck</groupId>
      <artifactId>shutdown-check</artifactId>
      <version>${projectVersion}</version>
    </dependency>
  </dependencies>
  <build>
    <pluginManagement>
      <plugins>
        <plugin>
          <groupId>org.apache.maven.plugins</groupId>
          <artifactId>maven-dependency-plugin</artifactId>
          <version>${dependencyPluginVersion}</version>
        </plugin>
      </plugins>
    </pluginManagement>
  </build>
</project>
"""
def dir = new File(basedir, 'processor-path')
dir.mkdirs()
new File(dir, 'pom.xml').text = pom
true
